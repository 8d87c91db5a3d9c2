import { rawDate } from '../database/raw-values.js';
import type { Activity, ActivitySignup } from './activity.entity.js';

/**
 * The constant SQL of a scan (check-in/out), run in its transaction through database/transaction-sql.ts; valid on
 * MariaDB/MySQL and SQLite. Column names are the entities' property names (activity.entity.ts).
 */

export const activitySql = `SELECT id, communityId, title, description, place, geoLatE6, geoLngE6, geoRadiusM, startAt, endAt, signupDeadline,
  capacity, signedUp, status, reminderSentAt, settledAt, createdById, createdAt FROM activities WHERE id = ?`;

type Raw<T, Dates extends keyof T> = Omit<T, Dates> & {
  [K in Dates]: T[K] extends Date ? Date | string : Date | string | null;
};

export type ActivityRow = Raw<
  Activity,
  'startAt' | 'endAt' | 'signupDeadline' | 'reminderSentAt' | 'settledAt' | 'createdAt'
>;

export const toActivity = (row: ActivityRow): Activity => ({
  ...row,
  startAt: rawDate(row.startAt)!,
  endAt: rawDate(row.endAt)!,
  signupDeadline: rawDate(row.signupDeadline)!,
  reminderSentAt: rawDate(row.reminderSentAt),
  settledAt: rawDate(row.settledAt),
  createdAt: rawDate(row.createdAt)!,
});

/** The columns of a sign-up that attendance reads and answers with. */
export type AttendanceSignup = Pick<
  ActivitySignup,
  'id' | 'activityId' | 'checkedInAt' | 'checkedOutAt' | 'creditedMinutes' | 'createdAt'
>;

/**
 * The volunteer's sign-up, locked first (MySQL): a concurrent scan of the same volunteer waits here, then reads the
 * check-in that scan committed, so the answer is built from this row and what this transaction writes.
 */
export const lockedSignupSql = (forUpdate: string) =>
  `SELECT id, activityId, checkedInAt, checkedOutAt, creditedMinutes, createdAt FROM activity_signups WHERE activityId = ? AND userId = ?${forUpdate}`;

export type SignupRow = Raw<AttendanceSignup, 'checkedInAt' | 'checkedOutAt' | 'createdAt'>;

export const toAttendanceSignup = (row: SignupRow): AttendanceSignup => ({
  ...row,
  checkedInAt: rawDate(row.checkedInAt),
  checkedOutAt: rawDate(row.checkedOutAt),
  createdAt: rawDate(row.createdAt)!,
});

/** The first check-in (or check-out) sets the time; later ones change nothing. */
export const setCheckedInSql = 'UPDATE activity_signups SET checkedInAt = ? WHERE id = ? AND checkedInAt IS NULL';
export const setCheckedOutSql = 'UPDATE activity_signups SET checkedOutAt = ? WHERE id = ? AND checkedOutAt IS NULL';
