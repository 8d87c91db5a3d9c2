import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  activeBookingStatuses,
  type BookingStatus,
  type BookingView,
  type Page,
  type RecurringBookingResponse,
  shanghaiDate,
  shanghaiMidnight,
  shanghaiShortTime,
  type SuspensionLiftResponse,
} from '@linli/shared-types';
import { DataSource, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { RoomChargesService } from '../help-requests/room-charges.service.js';
import { AppException, refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { assertInCommunity, communityScope } from '../common/tenancy-scope.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Room } from '../rooms/room.entity.js';
import { RoomsService, roomVisibleTo } from '../rooms/rooms.service.js';
import { TransactionSql } from '../database/transaction-sql.js';
import { isDuplicateKey, lockForUpdate, runTransaction } from '../database/transaction.js';
import { User } from '../users/user.entity.js';
import { Booking, BookingSlot, BookingSuspension } from './booking.entity.js';
import { toBookingView } from './bookings.mapper.js';
import {
  insertBookingSql,
  insertSlotsParams,
  insertSlotsSql,
  takeResidentTurnSql,
  residentUsageParams,
  residentUsageSql,
  roomForBookingParams,
  roomForBookingSql,
  toBookingRoom,
  type BookingRoomRow,
  type ResidentUsageRow,
} from './bookings.queries.js';
import {
  bookingSettings,
  checkAttendees,
  checkBookingTime,
  checkCancel,
  checkQuota,
  inCheckInWindow,
  initialStatus,
  isoWeekOf,
  noShowCutoff,
  occupiedCells,
  statusesBefore,
  suspensionAfterNoShow,
  weeklyOccurrences,
} from './bookings.rules.js';
import type { BookingQueryDto, CreateBookingDto, RecurringBookingDto } from './dto/bookings.dto.js';

const DAY = 86_400_000;

export interface BookingRequest {
  roomId: number;
  startAt: Date;
  endAt: Date;
  purpose: string;
  attendees: number;
}

/** A booking for an interest group (groups/): the group's turn and weekly quota instead of the booker's personal ones. */
export interface BookingBudget {
  groupId: number;
  /** The first statement(s) of the booking's transaction: take the group's turn, then refuse past its quota. */
  claim(sql: TransactionSql, startAt: Date, minutes: number): Promise<void>;
}

@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rooms: RoomsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly charges: RoomChargesService,
  ) {}

  /** A resident books for themself (every rule); staff book for the community (no quotas, no notice or window). */
  async create(actor: User, body: CreateBookingDto): Promise<BookingView> {
    return this.book(actor, { ...body, startAt: new Date(body.startAt), endAt: new Date(body.endAt) });
  }

  /**
   * One booking in one transaction: the booking row and one row per occupied 15-minute cell under the unique
   * (roomId, slotStart) key. Whichever transaction commits a cell first holds it; the others fail on the key → 409.
   * Constant SQL (bookings.queries.ts): a booking is 7 statements from BEGIN to COMMIT, and the answer is built from
   * what was written, not read back.
   */
  async book(actor: User, request: BookingRequest, budget?: BookingBudget): Promise<BookingView> {
    const byStaff = actor.role !== 'resident';
    if (!byStaff && actor.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const sql = new TransactionSql(manager);
        const now = this.clock.now();
        // First statement of the transaction, a write on the resident's row: one resident's bookings take turns (on
        // a Galera cluster too: two nodes writing the row conflict at commit), and on MySQL the reads below see every
        // booking that resident committed before (the snapshot starts after the write).
        const minutes = (request.endAt.getTime() - request.startAt.getTime()) / 60_000;
        if (budget) await budget.claim(sql, request.startAt, minutes);
        else if (!byStaff) await sql.write(takeResidentTurnSql, [actor.id]);
        const [row] = await sql.rows<BookingRoomRow>(
          roomForBookingSql,
          roomForBookingParams(request.roomId, request.startAt, request.endAt),
        );
        if (!row) throw refuse('ROOM_NOT_FOUND');
        const { room, closures } = toBookingRoom(row);
        if (!roomVisibleTo(actor, room)) throw refuse('ROOM_NOT_FOUND');
        if (!room.active) throw refuse('ROOM_INACTIVE');
        const refusal =
          checkAttendees(room, request.attendees) ??
          checkBookingTime(room, request.startAt, request.endAt, now, { staff: byStaff, season: !!budget });
        if (refusal) throw refuse(refusal.code);
        if (closures > 0) throw refuse('BOOKING_CLOSED');
        if (!byStaff) await this.checkResident(sql, actor, request.startAt, budget ? 0 : minutes, now, !!budget);
        const booking: Booking = {
          id: 0,
          communityId: room.communityId,
          roomId: room.id,
          userId: actor.id,
          startAt: request.startAt,
          endAt: request.endAt,
          minutes,
          purpose: request.purpose.trim(),
          attendees: request.attendees,
          status: initialStatus(room, byStaff),
          staffBooking: byStaff,
          groupId: budget?.groupId ?? null,
          reason: null,
          decidedById: null,
          decidedAt: null,
          checkedInAt: null,
          noShowAt: null,
          createdAt: now,
        };
        booking.id = (
          await sql.write(insertBookingSql, [
            booking.communityId,
            booking.roomId,
            booking.userId,
            booking.startAt,
            booking.endAt,
            booking.minutes,
            booking.purpose,
            booking.attendees,
            booking.status,
            booking.staffBooking,
            booking.groupId,
            booking.createdAt,
          ])
        ).insertId;
        const cells = occupiedCells(request.startAt, request.endAt);
        await sql.write(insertSlotsSql(cells.length), insertSlotsParams(room.id, cells, booking.id));
        // A priced room: the price is held in this transaction, or the booking is refused (422) and nothing stays.
        await this.charges.holdForBooking(manager, booking, room);
        if (byStaff) {
          await this.audit.record(manager, {
            actor,
            communityId: room.communityId,
            action: 'bookings.create',
            targetType: 'booking',
            targetId: booking.id,
            summary: `工作人员预约 ${room.name} ${shanghaiShortTime(request.startAt)}–${shanghaiShortTime(request.endAt).slice(6)}：${request.purpose}`,
          });
        }
        return toBookingView(booking, room, actor);
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('BOOKING_SLOT_TAKEN');
      throw error;
    }
  }

  /** Suspension and quotas of a resident, in one statement (read after the resident's row is locked); for a group, suspension only. */
  private async checkResident(
    sql: TransactionSql,
    resident: User,
    startAt: Date,
    minutes: number,
    now: Date,
    suspensionOnly = false,
  ): Promise<void> {
    const [usage] = await sql.rows<ResidentUsageRow>(
      residentUsageSql,
      residentUsageParams(resident.id, now, isoWeekOf(startAt)),
    );
    const refusal = checkQuota(
      {
        activeSuspensions: Number(usage.activeSuspensions),
        upcomingActive: suspensionOnly ? 0 : Number(usage.upcomingActive),
        weekMinutes: suspensionOnly ? 0 : Number(usage.weekMinutes),
      },
      minutes,
    );
    if (refusal) throw refuse(refusal.code);
  }

  /** Staff: the same local time weekly for N weeks; each week is its own booking, conflicts are reported, not fatal. */
  async recurring(
    actor: User,
    body: Omit<RecurringBookingDto, 'weeks'> & { weeks: number },
    budget?: BookingBudget,
  ): Promise<RecurringBookingResponse & { bookings: BookingView[] }> {
    const result: RecurringBookingResponse & { bookings: BookingView[] } = { created: [], skipped: [], bookings: [] };
    let firstRefusal: AppException | null = null;
    for (const week of weeklyOccurrences(new Date(body.startAt), new Date(body.endAt), body.weeks)) {
      const date = shanghaiDate(week.startAt);
      try {
        const booking = await this.book(
          actor,
          {
            roomId: body.roomId,
            startAt: week.startAt,
            endAt: week.endAt,
            purpose: body.purpose,
            attendees: body.attendees,
          },
          budget,
        );
        result.created.push(date);
        result.bookings.push(booking);
      } catch (error) {
        // A missing room is missing every week: answer 404 rather than N skips.
        if (!(error instanceof AppException) || error.getStatus() === 404 || error.getStatus() === 403) throw error;
        firstRefusal ??= error;
        result.skipped.push({ date, reason: error.message });
      }
    }
    // Not one week could be booked (e.g. off the grid, or too far ahead): that is a refusal, not a success.
    if (!result.created.length && firstRefusal) throw firstRefusal;
    return result;
  }

  async mine(resident: User, query: { cursor?: string; limit?: number }): Promise<Page<BookingView>> {
    const limit = query.limit ?? 20;
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Booking)
      .createQueryBuilder('b')
      .where('b.userId = :userId', { userId: resident.id })
      .orderBy('b.id', 'DESC')
      .limit(limit + 1);
    if (before) qb.andWhere('b.id < :before', { before });
    return this.page(this.dataSource.manager, await qb.getMany(), limit);
  }

  /** Staff: bookings of their scope, narrowed by local date, status and room. */
  async list(viewer: User, query: BookingQueryDto): Promise<Page<BookingView>> {
    const limit = query.limit ?? 100;
    const scope = communityScope(viewer, query.communityId);
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Booking)
      .createQueryBuilder('b')
      .orderBy('b.id', 'DESC')
      .limit(limit + 1);
    if (scope !== null) qb.andWhere('b.communityId = :scope', { scope });
    if (query.status) qb.andWhere('b.status = :status', { status: query.status });
    if (query.roomId) qb.andWhere('b.roomId = :roomId', { roomId: query.roomId });
    if (query.date) {
      const midnight = shanghaiMidnight(query.date);
      if (!midnight) throw refuse('VALIDATION_FAILED', '日期无效', ['date']);
      qb.andWhere('b.startAt >= :from AND b.startAt < :to', { from: midnight, to: new Date(midnight.getTime() + DAY) });
    }
    if (before) qb.andWhere('b.id < :before', { before });
    return this.page(this.dataSource.manager, await qb.getMany(), limit);
  }

  /** The booker before start, or staff (with a reason) until the end. Frees the slots in the same transaction. */
  async cancel(actor: User, bookingId: number, reason: string | undefined): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const booking = await this.load(manager, actor, bookingId);
      const byStaff = actor.role !== 'resident';
      const forSomeoneElse = booking.userId !== actor.id;
      if (byStaff && forSomeoneElse && !reason?.trim()) throw refuse('BOOKING_REASON_REQUIRED', undefined, ['reason']);
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
          await this.notifyBooker(
            manager,
            booking,
            room,
            'booking_decision',
            '预约已被取消',
            `社区工作人员取消了您的预约：${reason!.trim()}`,
          );
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
      return this.view(manager, await manager.findOneByOrFail(Booking, { id: booking.id }));
    });
  }

  async approve(actor: User, bookingId: number): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const booking = await this.load(manager, actor, bookingId);
      if (booking.status !== 'pending') throw refuse('BOOKING_NOT_PENDING');
      await this.transition(
        manager,
        booking,
        'approved',
        { decidedById: actor.id, decidedAt: this.clock.now() },
        'BOOKING_NOT_PENDING',
      );
      const room = await manager.findOneBy(Room, { id: booking.roomId });
      await this.notifyBooker(
        manager,
        booking,
        room,
        'booking_decision',
        '预约已通过',
        '您的活动室预约已通过审核，请按时到场并扫描门口二维码签到。',
      );
      await this.audit.record(manager, {
        actor,
        communityId: booking.communityId,
        action: 'bookings.approve',
        targetType: 'booking',
        targetId: booking.id,
        summary: `通过预约 #${booking.id}（${room?.name ?? booking.roomId} ${shanghaiShortTime(booking.startAt)}）`,
      });
      return this.view(manager, await manager.findOneByOrFail(Booking, { id: booking.id }));
    });
  }

  async reject(actor: User, bookingId: number, reason: string): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const booking = await this.load(manager, actor, bookingId);
      if (booking.status !== 'pending') throw refuse('BOOKING_NOT_PENDING');
      await this.transition(
        manager,
        booking,
        'rejected',
        { reason: reason.trim(), decidedById: actor.id, decidedAt: this.clock.now() },
        'BOOKING_NOT_PENDING',
      );
      const room = await manager.findOneBy(Room, { id: booking.roomId });
      await this.notifyBooker(
        manager,
        booking,
        room,
        'booking_decision',
        '预约未通过',
        `您的活动室预约未通过审核：${reason.trim()}`,
      );
      await this.audit.record(manager, {
        actor,
        communityId: booking.communityId,
        action: 'bookings.reject',
        targetType: 'booking',
        targetId: booking.id,
        summary: `拒绝预约 #${booking.id}（${room?.name ?? booking.roomId} ${shanghaiShortTime(booking.startAt)}）：${reason}`,
      });
      return this.view(manager, await manager.findOneByOrFail(Booking, { id: booking.id }));
    });
  }

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
        await this.notifyBooker(
          manager,
          booking,
          room,
          'booking_no_show',
          '预约未到场',
          `您预约的${room?.name ?? '活动室'}（${shanghaiShortTime(booking.startAt)}）未签到，已记为未到场。多次未到场将暂停预约。`,
        );
        if (!booking.staffBooking) await this.suspendIfRepeated(manager, booking, now);
        return true;
      });
      if (done) marked++;
    }
    return marked;
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

  /**
   * The booker scanned the door code of a room: their approved booking of it starting within 15 minutes either side
   * of now is checked in. Scanning again is harmless (the same booking comes back).
   */
  async checkInAtDoor(resident: User, roomId: number): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const room = await this.rooms.visibleRoom(manager, resident, roomId);
      const now = this.clock.now();
      // Locking read (MySQL): a second scan at the same moment waits here, then sees the first one's check-in
      // (a plain read would see the transaction's snapshot), so both answer the stored time.
      const candidates = await lockForUpdate(
        manager,
        manager
          .createQueryBuilder(Booking, 'b')
          .where('b.roomId = :roomId AND b.userId = :userId AND b.status IN (:...statuses)', {
            roomId: room.id,
            userId: resident.id,
            statuses: ['approved', 'checked_in'],
          })
          .orderBy('b.startAt', 'ASC'),
      ).getMany();
      const booking = candidates.find((b) => inCheckInWindow(b.startAt, now));
      if (!booking) throw refuse('BOOKING_NO_CHECKIN');
      if (booking.status === 'approved') {
        const result = await manager.update(
          Booking,
          { id: booking.id, status: 'approved' },
          { status: 'checked_in', checkedInAt: now },
        );
        if (!result.affected) throw new Error(`booking ${booking.id} changed while locked`);
        Object.assign(booking, { status: 'checked_in', checkedInAt: now });
      }
      return toBookingView(booking, room, resident);
    });
  }

  /** Staff check a resident in on their behalf, from 15 minutes before the start until the end. */
  async checkInByStaff(actor: User, bookingId: number): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const booking = await this.load(manager, actor, bookingId);
      const now = this.clock.now();
      if (booking.status === 'checked_in') return this.view(manager, booking);
      const opens = booking.startAt.getTime() - bookingSettings.checkInEarlyMinutes * 60_000;
      if (booking.status !== 'approved' || now.getTime() < opens || now.getTime() >= booking.endAt.getTime())
        throw refuse('BOOKING_NOT_CHECKABLE');
      const result = await manager.update(
        Booking,
        { id: booking.id, status: 'approved' },
        { status: 'checked_in', checkedInAt: now },
      );
      if (!result.affected) throw refuse('BOOKING_NOT_CHECKABLE');
      await this.audit.record(manager, {
        actor,
        communityId: booking.communityId,
        action: 'bookings.check_in',
        targetType: 'booking',
        targetId: booking.id,
        summary: `代为签到预约 #${booking.id}`,
      });
      return this.view(manager, await manager.findOneByOrFail(Booking, { id: booking.id }));
    });
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

  private async notifyBooker(
    manager: EntityManager,
    booking: Booking,
    room: Room | null,
    kind: 'booking_decision' | 'booking_no_show',
    title: string,
    body: string,
  ): Promise<void> {
    await this.notifications.notify(manager, [booking.userId], {
      communityId: booking.communityId,
      kind,
      title: `${title}：${room?.name ?? '活动室'} ${shanghaiShortTime(booking.startAt)}`,
      body,
      link: '/pages/bookings/index',
    });
  }

  /** A booking the actor may act on: residents their own, staff their community's; anything else is missing. */
  private async load(manager: EntityManager, actor: User, bookingId: number): Promise<Booking> {
    const booking = await manager.findOneBy(Booking, { id: bookingId });
    if (!booking) throw refuse('BOOKING_NOT_FOUND');
    if (actor.role === 'resident') {
      if (booking.userId !== actor.id) throw refuse('BOOKING_NOT_FOUND');
    } else if (actor.role !== 'admin' && booking.communityId !== actor.communityId) {
      throw refuse('BOOKING_NOT_FOUND');
    }
    return booking;
  }

  async view(manager: EntityManager, booking: Booking): Promise<BookingView> {
    return (await this.page(manager, [booking], 1)).items[0];
  }

  private async page(manager: EntityManager, rows: Booking[], limit: number): Promise<Page<BookingView>> {
    const roomIds = [...new Set(rows.map((b) => b.roomId))];
    const userIds = [...new Set(rows.map((b) => b.userId))];
    const rooms = new Map(
      (roomIds.length ? await manager.findBy(Room, { id: In(roomIds) }) : []).map((r) => [r.id, r]),
    );
    const users = new Map(
      (userIds.length ? await manager.findBy(User, { id: In(userIds) }) : []).map((u) => [u.id, u]),
    );
    return pageByDescendingId(rows, limit, (b) => toBookingView(b, rooms.get(b.roomId), users.get(b.userId)));
  }
}
