import {
  maskPhone,
  minutesServed,
  type ActivityView,
  type AttendanceRow,
  type MyAttendanceView,
} from '@linli/shared-types';
import type { User } from '../users/user.entity.js';
import type { Activity, ActivitySignup } from './activity.entity.js';

export const toMyAttendanceView = (
  s: Pick<ActivitySignup, 'activityId' | 'createdAt' | 'checkedInAt' | 'checkedOutAt' | 'creditedMinutes'>,
): MyAttendanceView => ({
  activityId: s.activityId,
  signedUpAt: s.createdAt.toISOString(),
  checkedInAt: s.checkedInAt?.toISOString() ?? null,
  checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
  creditedMinutes: s.creditedMinutes,
});

export const toActivityView = (a: Activity, mine: ActivitySignup | null = null): ActivityView => ({
  id: a.id,
  communityId: a.communityId,
  title: a.title,
  description: a.description,
  place: a.place,
  geofence:
    a.geoLatE6 !== null && a.geoLngE6 !== null && a.geoRadiusM !== null
      ? { lat: a.geoLatE6 / 1e6, lng: a.geoLngE6 / 1e6, radiusM: a.geoRadiusM }
      : null,
  startAt: a.startAt.toISOString(),
  endAt: a.endAt.toISOString(),
  signupDeadline: a.signupDeadline.toISOString(),
  capacity: a.capacity,
  signedUp: a.signedUp,
  placesLeft: Math.max(0, a.capacity - a.signedUp),
  status: a.status,
  settledAt: a.settledAt?.toISOString() ?? null,
  mine: mine ? toMyAttendanceView(mine) : null,
  createdAt: a.createdAt.toISOString(),
});

/** What settlement credits a volunteer: manual minutes when staff entered them, else the computed ones. */
export const minutesToCredit = (a: Activity, s: ActivitySignup): number =>
  s.manualMinutes ?? minutesServed(s.checkedInAt, s.checkedOutAt, a.startAt, a.endAt);

export const toAttendanceRow = (
  a: Activity,
  s: ActivitySignup,
  user: Pick<User, 'name' | 'phone'> | undefined,
): AttendanceRow => ({
  userId: s.userId,
  name: user?.name ?? null,
  phone: maskPhone(user?.phone ?? null),
  signedUpAt: s.createdAt.toISOString(),
  checkedInAt: s.checkedInAt?.toISOString() ?? null,
  checkedOutAt: s.checkedOutAt?.toISOString() ?? null,
  computedMinutes: minutesServed(s.checkedInAt, s.checkedOutAt, a.startAt, a.endAt),
  manualMinutes: s.manualMinutes,
  manualReason: s.manualReason,
  minutes: minutesToCredit(a, s),
  settledAt: s.settledAt?.toISOString() ?? null,
  creditedMinutes: s.creditedMinutes,
});
