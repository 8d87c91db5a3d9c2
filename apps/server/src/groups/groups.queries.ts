import { COUNTED } from '../bookings/bookings.queries.js';

/** Constant SQL of a booking for a group (see database/transaction-sql.ts), valid on MariaDB/MySQL and SQLite. */

const marks = (n: number) => Array(n).fill('?').join(', ');

/** The group's turn: the first write of every booking for it (a conditional UPDATE; 0 rows = not an approved group). */
export const takeBookingTurnSql = `UPDATE interest_groups SET turn = turn + 1 WHERE id = ? AND status = 'approved'`;

/** Read after the turn: the quota, the booker's role, and the minutes already booked for the group in the week. */
export const groupBudgetSql = `SELECT g.weeklyQuotaMinutes,
  (SELECT m.role FROM group_members m WHERE m.groupId = g.id AND m.userId = ?) AS myRole,
  (SELECT COALESCE(SUM(b.minutes), 0) FROM bookings b WHERE b.groupId = g.id AND b.status IN (${marks(COUNTED.length)})
    AND b.startAt >= ? AND b.startAt < ?) AS weekMinutes
  FROM interest_groups g WHERE g.id = ?`;
export const groupBudgetParams = (groupId: number, userId: number, week: { startAt: Date; endAt: Date }) => [
  userId,
  ...COUNTED,
  week.startAt,
  week.endAt,
  groupId,
];

export interface GroupBudgetRow {
  weeklyQuotaMinutes: number | string;
  myRole: string | null;
  weekMinutes: number | string;
}
