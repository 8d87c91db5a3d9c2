import { shanghaiDate, shanghaiMidnight, shanghaiMinuteOfDay, type BookingStatus } from '@linli/shared-types';

/** The shared labels are the staff wording. This alias serves pages/workbench-page.tsx; new code imports bookingStatusLabels. */
export { bookingStatusLabels as bookingStatusStaffLabels } from '@linli/shared-types';

export const bookingStatusColors: Record<BookingStatus, { tag: string; block: string; border: string }> = {
  pending: { tag: 'orange', block: '#fff7e6', border: '#fa8c16' },
  approved: { tag: 'blue', block: '#e6f4ff', border: '#1677ff' },
  checked_in: { tag: 'green', block: '#f6ffed', border: '#52c41a' },
  completed: { tag: 'cyan', block: '#e6fffb', border: '#13c2c2' },
  no_show: { tag: 'red', block: '#fff1f0', border: '#f5222d' },
  cancelled: { tag: 'default', block: '#fafafa', border: '#d9d9d9' },
  rejected: { tag: 'default', block: '#fafafa', border: '#d9d9d9' },
};

/** Ended without using the room: drawn faint, or hidden on request. */
export const inactiveBookingStatuses: readonly BookingStatus[] = ['cancelled', 'rejected'];

/** Statuses that used (or held) the room, counted as booked hours. */
export const utilisedBookingStatuses: readonly BookingStatus[] = ['approved', 'checked_in', 'completed'];

const DAY_MS = 86_400_000;

/** Today's local date in the community (Asia/Shanghai). */
export function communityToday(now = new Date()): string {
  return shanghaiDate(now);
}

/** A local date moved by whole days. */
export function addDays(date: string, days: number): string {
  const midnight = shanghaiMidnight(date);
  if (!midnight) return date;
  return shanghaiDate(new Date(midnight.getTime() + days * DAY_MS + 12 * 3_600_000));
}

/** `count` local dates ending with `endDate`, oldest first. */
export function lastDays(endDate: string, count: number): string[] {
  return Array.from({ length: count }, (_, i) => addDays(endDate, i - count + 1));
}

/** Monday of the ISO week of a local date. */
export function weekStart(date: string): string {
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(date, -((weekday + 6) % 7));
}

/** 'HH:mm' of an instant in community time. */
export function clockText(iso: string): string {
  const minutes = Math.round(shanghaiMinuteOfDay(new Date(iso)));
  return minuteText(minutes);
}

export function minuteText(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;
}

/** 11月29日 周日 */
export function dateText(date: string): string {
  const [, m, d] = date.split('-');
  const weekday = '日一二三四五六'[new Date(`${date}T00:00:00Z`).getUTCDay()];
  return `${Number(m)}月${Number(d)}日 周${weekday}`;
}

/** 11-29 14:00–16:00 */
export function bookingTimeText(booking: { startAt: string; endAt: string }): string {
  return `${shanghaiDate(new Date(booking.startAt)).slice(5)} ${clockText(booking.startAt)}–${clockText(booking.endAt)}`;
}
