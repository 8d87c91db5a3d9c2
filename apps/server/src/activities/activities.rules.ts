import type { ActivityStatus, ErrorCode, Role, UserStatus } from '@linli/shared-types';

const MIN = 60_000;

/** Check-in opens 30 min before start and closes at the end. */
export const CHECKIN_OPENS_BEFORE_MS = 30 * MIN;
/** Check-out opens at start and closes 60 min after the end. */
export const CHECKOUT_CLOSES_AFTER_MS = 60 * MIN;
/** Sign-ups may be cancelled until 2 h before start. */
export const CANCEL_CUTOFF_MS = 120 * MIN;
/** Reminders go out 1 h before start. */
export const REMINDER_BEFORE_MS = 60 * MIN;
/** A rotating code changes every 30 s. */
export const CODE_STEP_MS = 30_000;

const transitions: Record<ActivityStatus, ActivityStatus[]> = {
  draft: ['published', 'cancelled'],
  published: ['settled', 'cancelled'],
  settled: [],
  cancelled: [],
};

/** draft → published → settled | cancelled. */
export const canTransition = (from: ActivityStatus, to: ActivityStatus): boolean => transitions[from].includes(to);

/** Staff may call an activity off while it is a draft, or published and not yet over (after the end it is settled instead). */
export function checkCancelActivity(a: { status: ActivityStatus; endAt: Date }, now: Date): ErrorCode | null {
  if (!canTransition(a.status, 'cancelled')) return 'ACTIVITY_NOT_EDITABLE';
  if (a.status === 'published' && now >= a.endAt) return 'ACTIVITY_ENDED';
  return null;
}

/** Draft and published activities may still be edited. */
export const isEditable = (status: ActivityStatus): boolean => status === 'draft' || status === 'published';

/** Longest activity: its served minutes become credits, and staff may enter at most this many by hand too. */
export const ACTIVITY_MAX_LENGTH_MS = 24 * 60 * 60 * 1000;
/** How far ahead an activity may be planned. */
export const ACTIVITY_PLAN_AHEAD_MS = 366 * 24 * 60 * 60 * 1000;

/** Times of an activity being created or edited. */
export function checkActivityTimes(
  a: { startAt: Date; endAt: Date; signupDeadline: Date },
  now: Date,
): ErrorCode | null {
  if (a.endAt <= a.startAt) return 'ACTIVITY_TIME_INVALID';
  if (a.endAt.getTime() - a.startAt.getTime() > ACTIVITY_MAX_LENGTH_MS) return 'ACTIVITY_TIME_INVALID';
  if (a.signupDeadline > a.startAt) return 'ACTIVITY_TIME_INVALID';
  if (a.startAt <= now) return 'ACTIVITY_TIME_INVALID';
  if (a.startAt.getTime() - now.getTime() > ACTIVITY_PLAN_AHEAD_MS) return 'ACTIVITY_TIME_INVALID';
  return null;
}

export interface SignupContext {
  user: { role: string; status: string; volunteer: boolean };
  activity: { status: ActivityStatus; signupDeadline: Date; capacity: number; signedUp: number };
  now: Date;
}

/** A verified volunteer signs up for a published activity before its deadline while places are left. */
export function checkSignup({ user, activity, now }: SignupContext): ErrorCode | null {
  if (user.role !== 'resident' || user.status !== 'verified' || !user.volunteer) return 'ACTIVITY_NOT_VOLUNTEER';
  if (activity.status !== 'published') return 'ACTIVITY_NOT_PUBLISHED';
  if (now > activity.signupDeadline) return 'ACTIVITY_SIGNUP_CLOSED';
  if (activity.signedUp >= activity.capacity) return 'ACTIVITY_FULL';
  return null;
}

/** Until 2 h before start, and not after checking in. */
export function checkCancelSignup(
  activity: { status: ActivityStatus; startAt: Date },
  signup: { checkedInAt: Date | null },
  now: Date,
): ErrorCode | null {
  if (activity.status !== 'published') return 'ACTIVITY_NOT_PUBLISHED';
  if (signup.checkedInAt) return 'ACTIVITY_ALREADY_CHECKED_IN';
  if (now.getTime() > activity.startAt.getTime() - CANCEL_CUTOFF_MS) return 'ACTIVITY_CANCEL_TOO_LATE';
  return null;
}

/** From 30 min before start to the end (both ends included). */
export const inCheckInWindow = (a: { startAt: Date; endAt: Date }, now: Date): boolean =>
  now.getTime() >= a.startAt.getTime() - CHECKIN_OPENS_BEFORE_MS && now.getTime() <= a.endAt.getTime();

/** From start to 60 min after the end (both ends included). */
export const inCheckOutWindow = (a: { startAt: Date; endAt: Date }, now: Date): boolean =>
  now.getTime() >= a.startAt.getTime() && now.getTime() <= a.endAt.getTime() + CHECKOUT_CLOSES_AFTER_MS;

/** The 30-second step a moment falls in. */
export const codeStep = (now: Date): number => Math.floor(now.getTime() / CODE_STEP_MS);

/** When the code of a step stops being the current one. */
export const stepEndsAt = (step: number): Date => new Date((step + 1) * CODE_STEP_MS);

/** A code is accepted for its own step and the next one only; a step from the future was never shown. */
export function stepState(codeStepValue: number, nowStep: number): 'current' | 'previous' | 'stale' | 'future' {
  if (codeStepValue === nowStep) return 'current';
  if (codeStepValue === nowStep - 1) return 'previous';
  return codeStepValue > nowStep ? 'future' : 'stale';
}

/** Settlement may run once the activity has ended. */
export const canSettle = (a: { status: ActivityStatus; endAt: Date }, now: Date): ErrorCode | null => {
  if (a.status !== 'published' && a.status !== 'settled') return 'ACTIVITY_NOT_PUBLISHED';
  if (now < a.endAt) return 'ACTIVITY_NOT_ENDED';
  return null;
};

/** Manual minutes: whole quarter hours between 0 and the activity's length. */
export const isValidManualMinutes = (minutes: number, a: { startAt: Date; endAt: Date }): boolean =>
  Number.isInteger(minutes) &&
  minutes >= 0 &&
  minutes % 15 === 0 &&
  minutes <= (a.endAt.getTime() - a.startAt.getTime()) / MIN;

/** Reminder due: published, starting within the hour, not started yet. */
export const reminderDue = (
  a: { status: ActivityStatus; startAt: Date; reminderSentAt: Date | null },
  now: Date,
): boolean =>
  a.status === 'published' &&
  a.reminderSentAt === null &&
  a.startAt.getTime() > now.getTime() &&
  a.startAt.getTime() - now.getTime() <= REMINDER_BEFORE_MS;

export const isStaffRole = (role: Role) => role !== 'resident';

/**
 * May this viewer see the activity? Residents not yet verified see no activities; another community's activity
 * (admins see every community), or a draft shown to a resident, is answered as missing.
 */
export function checkActivityVisible(
  viewer: { role: Role; status: UserStatus; communityId: number | null },
  activity: { communityId: number; status: ActivityStatus } | null,
): 'RESIDENT_NOT_VERIFIED' | 'ACTIVITY_NOT_FOUND' | null {
  if (!isStaffRole(viewer.role) && viewer.status !== 'verified') return 'RESIDENT_NOT_VERIFIED';
  if (!activity) return 'ACTIVITY_NOT_FOUND';
  if (viewer.role !== 'admin' && activity.communityId !== viewer.communityId) return 'ACTIVITY_NOT_FOUND';
  if (!isStaffRole(viewer.role) && activity.status === 'draft') return 'ACTIVITY_NOT_FOUND';
  return null;
}
