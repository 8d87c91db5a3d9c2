import {
  minutesServed,
  minutesToHours,
  shanghaiDate,
  type ActivityView,
  type MyAttendanceView,
} from '@linli/shared-types';
import { bookingTimeText, dateText, durationText, shanghaiClock } from './bookings';

/** Sign-ups may be cancelled until 2 h before the start (the server's ACTIVITY_CANCEL_TOO_LATE). */
export const CANCEL_SIGNUP_BEFORE_MS = 2 * 60 * 60 * 1000;

/** 11月29日 周日 09:00–11:00, or with both dates when it ends on another day (Asia/Shanghai). */
export function activityTimeText(activity: Pick<ActivityView, 'startAt' | 'endAt'>): string {
  const start = new Date(activity.startAt);
  // The last minute still belongs to the day it ends (an activity ending at 24:00 ends that day).
  const end = new Date(new Date(activity.endAt).getTime() - 60_000);
  const endDate = shanghaiDate(end);
  if (endDate === shanghaiDate(start)) return bookingTimeText(activity.startAt, activity.endAt);
  return `${dateText(shanghaiDate(start))} ${shanghaiClock(start)} 至 ${dateText(endDate)} ${shanghaiClock(activity.endAt, true)}`;
}

/** The status word a resident sees (the console shows the same): 报名中 / 进行中 / 已结束 / 已结算 / 已取消. */
export { activityStatusText } from '@linli/shared-types';

/** Not over yet (the 志愿 tab lists these first). */
export function isUpcoming(activity: ActivityView, now: Date = new Date()): boolean {
  return activity.status === 'published' && new Date(activity.endAt).getTime() > now.getTime();
}

export function canSignUp(activity: ActivityView, now: Date = new Date()): boolean {
  return (
    activity.status === 'published' &&
    !activity.mine &&
    activity.placesLeft > 0 &&
    now.getTime() <= new Date(activity.signupDeadline).getTime() &&
    now.getTime() < new Date(activity.startAt).getTime()
  );
}

export function canCancelSignup(activity: ActivityView, now: Date = new Date()): boolean {
  return (
    activity.status === 'published' &&
    !!activity.mine &&
    !activity.mine.checkedInAt &&
    new Date(activity.startAt).getTime() - now.getTime() > CANCEL_SIGNUP_BEFORE_MS
  );
}

/** Check-in from 30 min before the start to the end; check-out from the start to 60 min after the end. */
export function scanPurposeNow(activity: ActivityView): 'checkin' | 'checkout' {
  return activity.mine?.checkedInAt ? 'checkout' : 'checkin';
}

/** 已报名 · 已签到 09:02 · 已签退 11:00 */
export function attendanceText(mine: MyAttendanceView | null): string {
  if (!mine) return '未报名';
  const parts = ['已报名'];
  if (mine.checkedInAt) parts.push(`已签到 ${shanghaiClock(mine.checkedInAt)}`);
  else parts.push('未签到');
  if (mine.checkedOutAt) parts.push(`已签退 ${shanghaiClock(mine.checkedOutAt)}`);
  return parts.join(' · ');
}

/** Minutes served so far by the PRODUCT.md rule (before settlement credits them). */
export function minutesSoFar(activity: ActivityView, mine: MyAttendanceView): number {
  return minutesServed(
    mine.checkedInAt ? new Date(mine.checkedInAt) : null,
    mine.checkedOutAt ? new Date(mine.checkedOutAt) : null,
    new Date(activity.startAt),
    new Date(activity.endAt),
  );
}

/** 2.50 小时, or 10 分钟 under an hour: the shared formatter. */
export const hoursText = minutesToHours;

export { durationText };
