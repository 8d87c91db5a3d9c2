import { activeBookingStatuses, type BookingStatus } from '@linli/shared-types';
import type { Room } from '../rooms/room.entity.js';

/**
 * The constant SQL of booking creation (see database/transaction-sql.ts), valid on MariaDB/MySQL and SQLite.
 * Column names are the entities' property names (booking.entity.ts, rooms/room.entity.ts).
 */

/**
 * The resident's turn, a write on their row: one resident's bookings take turns, later reads see their earlier
 * bookings (MySQL), and on a Galera cluster two nodes booking for the same resident at once conflict at commit, so
 * the quota holds (a `FOR UPDATE` read would lock on one node only).
 */
export const takeResidentTurnSql = 'UPDATE users SET bookingTurn = bookingTurn + 1 WHERE id = ?';

/** The room with the number of closures (its own or its whole centre's) overlapping [start, end). */
export const roomForBookingSql = `SELECT r.id, r.communityId, r.name, r.capacity, r.openTime, r.closeTime, r.slotMinutes, r.maxMinutes,
  r.bookAheadDays, r.minNoticeMinutes, r.requiresApproval, r.active, r.priceMinutesPerHour,
  (SELECT COUNT(*) FROM room_closures c WHERE c.communityId = r.communityId AND (c.roomId = r.id OR c.roomId IS NULL)
    AND c.startAt < ? AND c.endAt > ?) AS closures
  FROM rooms r WHERE r.id = ?`;
export const roomForBookingParams = (roomId: number, start: Date, end: Date) => [end, start, roomId];

export type BookingRoom = Pick<
  Room,
  | 'id'
  | 'communityId'
  | 'name'
  | 'capacity'
  | 'openTime'
  | 'closeTime'
  | 'slotMinutes'
  | 'maxMinutes'
  | 'bookAheadDays'
  | 'minNoticeMinutes'
  | 'requiresApproval'
  | 'active'
  | 'priceMinutesPerHour'
>;

export interface BookingRoomRow extends Omit<BookingRoom, 'requiresApproval' | 'active'> {
  requiresApproval: number | boolean;
  active: number | boolean;
  closures: number | string;
}

export const toBookingRoom = (row: BookingRoomRow): { room: BookingRoom; closures: number } => ({
  room: {
    id: row.id,
    communityId: row.communityId,
    name: row.name,
    capacity: row.capacity,
    openTime: row.openTime,
    closeTime: row.closeTime,
    slotMinutes: row.slotMinutes,
    maxMinutes: row.maxMinutes,
    bookAheadDays: row.bookAheadDays,
    minNoticeMinutes: row.minNoticeMinutes,
    requiresApproval: Boolean(row.requiresApproval),
    active: Boolean(row.active),
    priceMinutesPerHour: Number(row.priceMinutesPerHour),
  },
  closures: Number(row.closures),
});

/** Bookings whose minutes count towards the weekly quota: all but the refused and withdrawn. */
export const COUNTED: BookingStatus[] = ['pending', 'approved', 'checked_in', 'completed', 'no_show'];
const UPCOMING: BookingStatus[] = ['pending', 'approved'];
const marks = (n: number) => Array(n).fill('?').join(', ');

/**
 * A resident's standing in one statement: unlifted suspensions running at `now`, upcoming active bookings, minutes in
 * the week, and their active bookings in any room overlapping [start, end) in time (group bookings count against the
 * group). Read after the resident's turn (takeResidentTurnSql), so it sees every booking of theirs committed before.
 */
export const residentUsageSql = `SELECT
  (SELECT COUNT(*) FROM booking_suspensions WHERE userId = ? AND until > ? AND liftedAt IS NULL) AS activeSuspensions,
  (SELECT COUNT(*) FROM bookings WHERE userId = ? AND groupId IS NULL AND status IN (${marks(UPCOMING.length)}) AND startAt > ?) AS upcomingActive,
  (SELECT COALESCE(SUM(minutes), 0) FROM bookings WHERE userId = ? AND groupId IS NULL AND status IN (${marks(COUNTED.length)}) AND startAt >= ? AND startAt < ?) AS weekMinutes,
  (SELECT COUNT(*) FROM bookings WHERE userId = ? AND groupId IS NULL AND status IN (${marks(activeBookingStatuses.length)}) AND startAt < ? AND endAt > ?) AS overlapping`;
export const residentUsageParams = (
  userId: number,
  now: Date,
  week: { startAt: Date; endAt: Date },
  booking: { startAt: Date; endAt: Date },
) => [
  userId,
  now,
  userId,
  ...UPCOMING,
  now,
  userId,
  ...COUNTED,
  week.startAt,
  week.endAt,
  userId,
  ...activeBookingStatuses,
  booking.endAt,
  booking.startAt,
];

export interface ResidentUsageRow {
  activeSuspensions: number | string;
  upcomingActive: number | string;
  weekMinutes: number | string;
  overlapping: number | string;
}

export const insertBookingSql = `INSERT INTO bookings (communityId, roomId, userId, startAt, endAt, minutes, purpose, attendees, status,
  staffBooking, groupId, reason, decidedById, decidedAt, checkedInAt, noShowAt, createdAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, NULL, NULL, NULL, NULL, ?)`;

/** One row per occupied cell, ascending in one statement: overlapping bookings lock cells in the same order. */
export const insertSlotsSql = (cells: number) =>
  `INSERT INTO booking_slots (roomId, slotStart, bookingId) VALUES ${Array(cells).fill('(?, ?, ?)').join(', ')}`;
export const insertSlotsParams = (roomId: number, cells: Date[], bookingId: number) =>
  cells.flatMap((slotStart) => [roomId, slotStart, bookingId]);
