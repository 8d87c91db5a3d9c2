import {
  isOnSlotGrid,
  parseClockTime,
  type BookingStatus,
  type Role,
  type SlotGridRoom,
  shanghaiWeekStart,
  type Refusal,
} from '@linli/shared-types';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/** Community settings of the booking rules; hard-coded defaults until communities can change them. */
export const bookingSettings = {
  /** A resident holds fewer than this many upcoming active bookings. */
  maxUpcomingActive: 2,
  /** Booked minutes per resident per ISO week (local time). */
  weeklyMinutes: 240,
  noShowLimit: 3,
  noShowWindowDays: 30,
  suspensionDays: 14,
  /** Check-in from this long before start … */
  checkInEarlyMinutes: 15,
  /** … to this long after; later an approved booking becomes a no-show. */
  checkInLateMinutes: 15,
  /** The finest slot length: slot rows are kept per cell of this size. */
  cellMinutes: 15,
} as const;
export type BookingSettings = typeof bookingSettings;

export interface RoomRules extends SlotGridRoom {
  maxMinutes: number;
  bookAheadDays: number;
  minNoticeMinutes: number;
  capacity: number;
  active: boolean;
}

/** Opening hours 'HH:mm' on the quarter hour, open before close. */
export function validOpeningHours(openTime: string, closeTime: string, slotMinutes: number): boolean {
  const open = parseClockTime(openTime);
  const close = parseClockTime(closeTime);
  if (open === null || close === null) return false;
  return (
    open % bookingSettings.cellMinutes === 0 && close % bookingSettings.cellMinutes === 0 && close - open >= slotMinutes
  );
}

/**
 * The time of a booking against the room: grid and hours, notice, window, length. Staff bookings skip notice and window;
 * a group's season bookings (`season`) skip the window only: a group plans its weekly practice for the season ahead.
 */
export function checkBookingTime(
  room: RoomRules,
  start: Date,
  end: Date,
  now: Date,
  options: { staff?: boolean; season?: boolean } = {},
): Refusal | null {
  if (!isOnSlotGrid(room, start, end)) return { code: 'BOOKING_OFF_GRID' };
  const minutes = (end.getTime() - start.getTime()) / MINUTE;
  if (!options.staff) {
    if (start.getTime() < now.getTime() + room.minNoticeMinutes * MINUTE) return { code: 'BOOKING_TOO_SOON' };
    if (!options.season && start.getTime() >= now.getTime() + room.bookAheadDays * DAY)
      return { code: 'BOOKING_TOO_FAR' };
    if (minutes > room.maxMinutes) return { code: 'BOOKING_TOO_LONG' };
  } else if (start.getTime() < now.getTime()) {
    return { code: 'BOOKING_TOO_SOON' };
  }
  return null;
}

/** Attendees 1..capacity. */
export function checkAttendees(room: Pick<RoomRules, 'capacity'>, attendees: number): Refusal | null {
  return Number.isInteger(attendees) && attendees >= 1 && attendees <= room.capacity
    ? null
    : { code: 'BOOKING_ATTENDEES_INVALID' };
}

interface Interval {
  startAt: Date;
  endAt: Date;
}

/** What the booking transaction counted of a resident's own bookings (bookings.queries.ts residentUsageSql). */
export interface ResidentUsage {
  activeSuspensions: number;
  upcomingActive: number;
  weekMinutes: number;
  /** Their active bookings (pending, approved, checked_in) in any room overlapping the new one in time. */
  overlapping: number;
}

/**
 * A resident's standing: not suspended (no unlifted suspension running now), no other active booking overlapping this
 * one in time in any room, fewer than 2 upcoming active bookings, and at most 240 minutes booked in the ISO week.
 */
export function checkQuota(
  usage: ResidentUsage,
  minutes: number,
  settings: BookingSettings = bookingSettings,
): Refusal | null {
  if (usage.activeSuspensions > 0) return { code: 'BOOKING_SUSPENDED' };
  if (usage.overlapping > 0) return { code: 'BOOKING_OVERLAPS_OWN' };
  if (usage.upcomingActive >= settings.maxUpcomingActive) return { code: 'BOOKING_QUOTA_ACTIVE' };
  if (usage.weekMinutes + minutes > settings.weeklyMinutes) return { code: 'BOOKING_QUOTA_WEEKLY' };
  return null;
}

/** The local ISO week (Monday 00:00 to next Monday 00:00, Asia/Shanghai) containing an instant, as UTC instants. */
export function isoWeekOf(instant: Date): Interval {
  const startAt = shanghaiWeekStart(instant);
  return { startAt, endAt: new Date(startAt.getTime() + 7 * DAY) };
}

/** The 15-minute cells [start, end) occupies: one unique slot row each. */
export function occupiedCells(start: Date, end: Date, settings: BookingSettings = bookingSettings): Date[] {
  const cells: Date[] = [];
  for (let t = start.getTime(); t < end.getTime(); t += settings.cellMinutes * MINUTE) cells.push(new Date(t));
  return cells;
}

const transitions: Record<BookingStatus, readonly BookingStatus[]> = {
  pending: ['approved', 'rejected', 'cancelled'],
  approved: ['checked_in', 'no_show', 'cancelled'],
  checked_in: ['completed'],
  rejected: [],
  cancelled: [],
  completed: [],
  no_show: [],
};

/** The status machine of PRODUCT.md. */
export function canTransition(from: BookingStatus, to: BookingStatus): boolean {
  return transitions[from].includes(to);
}

/** The statuses a booking may move to `to` from: the WHERE of its conditional update. */
export function statusesBefore(to: BookingStatus): BookingStatus[] {
  return (Object.keys(transitions) as BookingStatus[]).filter((from) => canTransition(from, to));
}

/** Does a new booking of this room start pending (needs approval) or approved? Staff bookings are approved at once. */
export function initialStatus(room: { requiresApproval: boolean }, byStaff: boolean): BookingStatus {
  return room.requiresApproval && !byStaff ? 'pending' : 'approved';
}

/** A resident cancels their own booking before it starts; staff may cancel until it ends. */
export function checkCancel(
  booking: { status: BookingStatus; startAt: Date; endAt: Date },
  now: Date,
  byStaff: boolean,
): Refusal | null {
  if (booking.status !== 'pending' && booking.status !== 'approved') return { code: 'BOOKING_NOT_CANCELLABLE' };
  const limit = byStaff ? booking.endAt : booking.startAt;
  if (now.getTime() >= limit.getTime()) return { code: 'BOOKING_NOT_CANCELLABLE' };
  return null;
}

/** The check-in window: 15 minutes before to 15 minutes after the start. */
export function inCheckInWindow(startAt: Date, now: Date, settings: BookingSettings = bookingSettings): boolean {
  const t = now.getTime();
  return (
    t >= startAt.getTime() - settings.checkInEarlyMinutes * MINUTE &&
    t <= startAt.getTime() + settings.checkInLateMinutes * MINUTE
  );
}

/** Approved bookings that started before this instant and were not checked in are no-shows. */
export function noShowCutoff(now: Date, settings: BookingSettings = bookingSettings): Date {
  return new Date(now.getTime() - settings.checkInLateMinutes * MINUTE);
}

/**
 * After a no-show: the end of a new suspension, or null. No-shows counted are those within the window that
 * came after the start of the latest suspension (a suspension uses up the no-shows that caused it).
 */
export function suspensionAfterNoShow(
  noShowTimes: Date[],
  latestSuspensionStart: Date | null,
  now: Date,
  settings: BookingSettings = bookingSettings,
): Date | null {
  const since = Math.max(
    now.getTime() - settings.noShowWindowDays * DAY,
    latestSuspensionStart?.getTime() ?? -Infinity,
  );
  const counted = noShowTimes.filter((t) => t.getTime() > since && t.getTime() <= now.getTime()).length;
  return counted >= settings.noShowLimit ? new Date(now.getTime() + settings.suspensionDays * DAY) : null;
}

/** The weekly repetitions of a booking: the same local time on N consecutive weeks (no DST in Shanghai). */
export function weeklyOccurrences(start: Date, end: Date, weeks: number): Interval[] {
  return Array.from({ length: weeks }, (_, i) => ({
    startAt: new Date(start.getTime() + i * 7 * DAY),
    endAt: new Date(end.getTime() + i * 7 * DAY),
  }));
}

/** Who may act on a booking: a resident their own, staff their community's, admins any; to anyone else it is missing. */
export function bookingVisibleTo(
  actor: { id: number; role: Role; communityId: number | null },
  booking: { userId: number; communityId: number },
): boolean {
  if (actor.role === 'resident') return booking.userId === actor.id;
  return actor.role === 'admin' || booking.communityId === actor.communityId;
}

/** Staff cancelling somebody else's booking say why (it is sent to the booker). */
export function checkCancelReason(
  byStaff: boolean,
  forSomeoneElse: boolean,
  reason: string | undefined,
): Refusal | null {
  return byStaff && forSomeoneElse && !reason?.trim() ? { code: 'BOOKING_REASON_REQUIRED' } : null;
}

/** Staff check a resident in on their behalf: an approved booking, from 15 minutes before the start until its end. */
export function checkStaffCheckIn(
  booking: { status: BookingStatus; startAt: Date; endAt: Date },
  now: Date,
  settings: BookingSettings = bookingSettings,
): Refusal | null {
  const opens = booking.startAt.getTime() - settings.checkInEarlyMinutes * MINUTE;
  if (booking.status !== 'approved' || now.getTime() < opens || now.getTime() >= booking.endAt.getTime())
    return { code: 'BOOKING_NOT_CHECKABLE' };
  return null;
}
