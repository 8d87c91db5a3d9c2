import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { type BookingView, type RecurringBookingResponse, shanghaiDate, shanghaiShortTime } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { RoomChargesService } from '../help-requests/room-charges.service.js';
import { AppException, refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { roomVisibleTo } from '../rooms/rooms.rules.js';
import { TransactionSql } from '../database/transaction-sql.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import type { User } from '../users/user.entity.js';
import type { Booking } from './booking.entity.js';
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
  checkAttendees,
  checkBookingTime,
  checkQuota,
  initialStatus,
  isoWeekOf,
  occupiedCells,
  weeklyOccurrences,
} from './bookings.rules.js';
import type { CreateBookingDto, RecurringBookingDto } from './dto/bookings.dto.js';

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

/**
 * Making bookings: one by a resident or staff, a group's (groups/ passes its budget), and staff's weekly series.
 * The rest of a booking's life: booking-decisions (approve, reject, cancel), booking-attendance (check-in),
 * booking-jobs (no-shows, completion), booking-reads (lists).
 */
@Injectable()
export class BookingsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
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
        if (!byStaff) await this.checkResident(sql, actor, request, budget ? 0 : minutes, now, !!budget);
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

  /**
   * Suspension, own overlapping bookings and quotas of a resident, in one statement read after the resident's turn (so
   * two bookings of one resident at once, in two rooms, cannot both pass); for a group, suspension only.
   */
  private async checkResident(
    sql: TransactionSql,
    resident: User,
    { startAt, endAt }: Pick<BookingRequest, 'startAt' | 'endAt'>,
    minutes: number,
    now: Date,
    suspensionOnly = false,
  ): Promise<void> {
    const [usage] = await sql.rows<ResidentUsageRow>(
      residentUsageSql,
      residentUsageParams(resident.id, now, isoWeekOf(startAt), { startAt, endAt }),
    );
    const refusal = checkQuota(
      {
        activeSuspensions: Number(usage.activeSuspensions),
        upcomingActive: suspensionOnly ? 0 : Number(usage.upcomingActive),
        weekMinutes: suspensionOnly ? 0 : Number(usage.weekMinutes),
        // A group's booking is the group's (its turn, not the leader's, serializes it): only personal ones clash.
        overlapping: suspensionOnly ? 0 : Number(usage.overlapping),
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
}
