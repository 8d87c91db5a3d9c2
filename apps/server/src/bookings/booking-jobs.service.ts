import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiShortTime } from '@linli/shared-types';
import { DataSource, LessThanOrEqual, type EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { runTransaction } from '../database/transaction.js';
import { RoomChargesService } from '../help-requests/room-charges.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Room } from '../rooms/room.entity.js';
import { Booking, BookingSlot, BookingSuspension } from './booking.entity.js';
import { notifyBooker } from './booking-notices.js';
import { noShowCutoff, suspensionAfterNoShow } from './bookings.rules.js';

/**
 * The clock's work on bookings (bookings.scheduler.ts runs it): no-shows with their suspensions, and completions.
 * Each booking changes in its own transaction through a conditional UPDATE, once whichever process gets there first.
 */
@Injectable()
export class BookingJobsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly charges: RoomChargesService,
  ) {}

  /**
   * Approved bookings not checked in 15 minutes after their start become no-shows, once each whichever process
   * runs the job: the conditional UPDATE decides. Frees the slots, notifies, and suspends after repeated no-shows.
   */
  async markNoShows(limit = 100): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(Booking).find({
      select: { id: true },
      where: { status: 'approved', startAt: LessThanOrEqual(noShowCutoff(now)) },
      order: { startAt: 'ASC' },
      take: limit,
    });
    let marked = 0;
    for (const { id } of due) {
      const done = await runTransaction(this.dataSource, async (manager) => {
        const claimed = await manager.update(
          Booking,
          { id, status: 'approved', startAt: LessThanOrEqual(noShowCutoff(now)) },
          { status: 'no_show', noShowAt: now },
        );
        if (!claimed.affected) return false;
        await manager.delete(BookingSlot, { bookingId: id });
        const booking = await manager.findOneByOrFail(Booking, { id });
        await this.charges.afterTransition(manager, booking, 'no_show', now);
        const room = await manager.findOneBy(Room, { id: booking.roomId });
        await notifyBooker(this.notifications, manager, booking, room, {
          kind: 'booking_no_show',
          title: '预约未到场',
          body: `您预约的${room?.name ?? '活动室'}（${shanghaiShortTime(booking.startAt)}）未签到，已记为未到场。多次未到场将暂停预约。`,
        });
        if (!booking.staffBooking) await this.suspendIfRepeated(manager, booking, now);
        return true;
      });
      if (done) marked++;
    }
    return marked;
  }

  /**
   * Checked-in bookings are completed once they end, each in its own transaction with the charge of a priced room:
   * the conditional UPDATE lets one process through per booking.
   */
  async completeFinished(limit = 500): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(Booking).find({
      select: { id: true },
      where: { status: 'checked_in', endAt: LessThanOrEqual(now) },
      order: { endAt: 'ASC' },
      take: limit,
    });
    let completed = 0;
    for (const { id } of due) {
      const done = await runTransaction(this.dataSource, async (manager) => {
        const claimed = await manager.update(
          Booking,
          { id, status: 'checked_in', endAt: LessThanOrEqual(now) },
          { status: 'completed' },
        );
        if (!claimed.affected) return false;
        await this.charges.afterTransition(manager, await manager.findOneByOrFail(Booking, { id }), 'completed', now);
        return true;
      });
      if (done) completed++;
    }
    return completed;
  }

  private async suspendIfRepeated(manager: EntityManager, booking: Booking, now: Date): Promise<void> {
    const noShows = await manager.find(Booking, {
      select: { id: true, noShowAt: true },
      where: { userId: booking.userId, status: 'no_show', staffBooking: false },
    });
    const latest = await manager.findOne(BookingSuspension, {
      where: { userId: booking.userId },
      order: { createdAt: 'DESC', id: 'DESC' },
    });
    const until = suspensionAfterNoShow(
      noShows.map((b) => b.noShowAt!).filter(Boolean),
      latest?.createdAt ?? null,
      now,
    );
    if (!until) return;
    await manager.insert(BookingSuspension, {
      communityId: booking.communityId,
      userId: booking.userId,
      until,
      liftedById: null,
      liftedAt: null,
      createdAt: now,
    });
    await this.notifications.notify(manager, [booking.userId], {
      communityId: booking.communityId,
      kind: 'booking_no_show',
      title: '预约功能已暂停',
      body: `30 天内 3 次预约未到场，预约功能暂停 14 天（至 ${shanghaiShortTime(until)}）。如有疑问请联系社区工作人员。`,
      link: null,
    });
  }
}
