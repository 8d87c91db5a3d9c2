import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  activeBookingStatuses,
  type BookingStatus,
  type BookingView,
  shanghaiShortTime,
  type SuspensionLiftResponse,
} from '@linli/shared-types';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import { runTransaction } from '../database/transaction.js';
import { RoomChargesService } from '../help-requests/room-charges.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Room } from '../rooms/room.entity.js';
import { User } from '../users/user.entity.js';
import { Booking, BookingSlot, BookingSuspension } from './booking.entity.js';
import { notifyBooker } from './booking-notices.js';
import { BookingReadsService } from './booking-reads.service.js';
import { checkCancel, checkCancelReason, statusesBefore } from './bookings.rules.js';

/** What people decide about a booking: staff approve or reject it, the booker or staff cancel it, staff lift a suspension. */
@Injectable()
export class BookingDecisionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly reads: BookingReadsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly charges: RoomChargesService,
  ) {}

  /** The booker before start, or staff (with a reason) until the end. Frees the slots in the same transaction. */
  async cancel(actor: User, bookingId: number, reason: string | undefined): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const booking = await this.reads.load(manager, actor, bookingId);
      const byStaff = actor.role !== 'resident';
      const forSomeoneElse = booking.userId !== actor.id;
      const missingReason = checkCancelReason(byStaff, forSomeoneElse, reason);
      if (missingReason) throw refuse(missingReason.code, undefined, ['reason']);
      const refusal = checkCancel(booking, this.clock.now(), byStaff);
      if (refusal) throw refuse(refusal.code);
      await this.transition(
        manager,
        booking,
        'cancelled',
        { reason: reason?.trim() || null, decidedById: actor.id, decidedAt: this.clock.now() },
        'BOOKING_NOT_CANCELLABLE',
      );
      if (byStaff) {
        const room = await manager.findOneBy(Room, { id: booking.roomId });
        if (forSomeoneElse) {
          await notifyBooker(this.notifications, manager, booking, room, {
            kind: 'booking_decision',
            title: '预约已被取消',
            body: `社区工作人员取消了您的预约：${reason!.trim()}`,
          });
        }
        await this.audit.record(manager, {
          actor,
          communityId: booking.communityId,
          action: 'bookings.cancel',
          targetType: 'booking',
          targetId: booking.id,
          summary: `取消预约 #${booking.id}（${room?.name ?? booking.roomId} ${shanghaiShortTime(booking.startAt)}）${reason ? `：${reason}` : ''}`,
        });
      }
      return this.reads.reread(manager, booking.id);
    });
  }

  approve(actor: User, bookingId: number): Promise<BookingView> {
    return this.decide(actor, bookingId, 'approved', null);
  }

  reject(actor: User, bookingId: number, reason: string): Promise<BookingView> {
    return this.decide(actor, bookingId, 'rejected', reason);
  }

  /** Staff decide a pending booking once: the booker is told, the decision audited. */
  private decide(
    actor: User,
    bookingId: number,
    to: 'approved' | 'rejected',
    reason: string | null,
  ): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const booking = await this.reads.load(manager, actor, bookingId);
      if (booking.status !== 'pending') throw refuse('BOOKING_NOT_PENDING');
      const decided = { decidedById: actor.id, decidedAt: this.clock.now() };
      await this.transition(
        manager,
        booking,
        to,
        reason === null ? decided : { reason: reason.trim(), ...decided },
        'BOOKING_NOT_PENDING',
      );
      const room = await manager.findOneBy(Room, { id: booking.roomId });
      await notifyBooker(this.notifications, manager, booking, room, {
        kind: 'booking_decision',
        ...(reason === null
          ? { title: '预约已通过', body: '您的活动室预约已通过审核，请按时到场并扫描门口二维码签到。' }
          : { title: '预约未通过', body: `您的活动室预约未通过审核：${reason.trim()}` }),
      });
      const which = `#${booking.id}（${room?.name ?? booking.roomId} ${shanghaiShortTime(booking.startAt)}）`;
      await this.audit.record(manager, {
        actor,
        communityId: booking.communityId,
        action: to === 'approved' ? 'bookings.approve' : 'bookings.reject',
        targetType: 'booking',
        targetId: booking.id,
        summary: reason === null ? `通过预约 ${which}` : `拒绝预约 ${which}：${reason}`,
      });
      return this.reads.reread(manager, booking.id);
    });
  }

  /** Staff lift a resident's suspension. */
  async liftSuspension(actor: User, userId: number): Promise<SuspensionLiftResponse> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await manager.findOneBy(User, { id: userId });
      assertInCommunity(actor, resident);
      const now = this.clock.now();
      const result = await manager
        .createQueryBuilder()
        .update(BookingSuspension)
        .set({ liftedAt: now, liftedById: actor.id })
        .where('userId = :userId AND liftedAt IS NULL AND until > :now', { userId, now })
        .execute();
      await this.audit.record(manager, {
        actor,
        communityId: resident.communityId,
        action: 'bookings.lift_suspension',
        targetType: 'user',
        targetId: userId,
        summary: `解除 ${resident.name ?? userId} 的预约暂停`,
      });
      return { lifted: result.affected ?? 0 };
    });
  }

  /** The status change as a conditional update: only from the statuses the machine allows; freeing the slots when it ends the hold. */
  private async transition(
    manager: EntityManager,
    booking: Booking,
    to: BookingStatus,
    fields: Partial<Booking>,
    lostRace: 'BOOKING_NOT_PENDING' | 'BOOKING_NOT_CANCELLABLE',
  ): Promise<void> {
    const result = await manager.update(
      Booking,
      { id: booking.id, status: In(statusesBefore(to)) },
      { status: to, ...fields },
    );
    if (!result.affected) throw refuse(lostRace);
    if (!(activeBookingStatuses as readonly string[]).includes(to))
      await manager.delete(BookingSlot, { bookingId: booking.id });
    await this.charges.afterTransition(manager, booking, to, this.clock.now());
  }
}
