import {
  FEEDBACK_WINDOW_DAYS,
  type EventSignupStatus,
  type EventStatus,
  type GroupRole,
  type GroupStatus,
  type Role,
  type Refusal,
} from '@linli/shared-types';

/** Rules of resident events (PRODUCT.md "Life in the activity centre"): pure functions of their inputs and the clock. */

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Door-code check-in opens this long before the start and stays open until the end. */
export const EVENT_CHECKIN_EARLY_MINUTES = 30;

/**
 * Who may create an event: staff of the community (for a group or not), or a leader of the approved group the event
 * belongs to. Another resident, or a leader creating outside their group, is refused.
 */
export function checkCreate(
  creator: { role: Role },
  group: { status: GroupStatus; myRole: GroupRole | null } | null,
  membersOnly: boolean,
): Refusal | null {
  if (membersOnly && !group) return { code: 'EVENT_MEMBERS_ONLY_NEEDS_GROUP' };
  if (creator.role !== 'resident') return group && group.status !== 'approved' ? notApproved : null;
  if (!group || group.myRole !== 'leader') return { code: 'GROUP_NOT_LEADER' };
  return group.status === 'approved' ? null : notApproved;
}
const notApproved: Refusal = { code: 'GROUP_NOT_APPROVED' };

/** Start in the coming year, end after it, at most 24 hours. */
export function checkEventTimes(startAt: Date, endAt: Date, now: Date): Refusal | null {
  const length = endAt.getTime() - startAt.getTime();
  if (
    startAt.getTime() <= now.getTime() ||
    startAt.getTime() > now.getTime() + 366 * DAY ||
    length <= 0 ||
    length > DAY
  )
    return { code: 'EVENT_TIME_INVALID' };
  return null;
}

/** An event held in a booking of the centre lies inside it; the booking is active and the organiser's or the group's. */
export function checkEventBooking(
  booking: { status: string; startAt: Date; endAt: Date; userId: number; groupId: number | null },
  event: { startAt: Date; endAt: Date; organiserId: number; groupId: number | null; byStaff: boolean },
): Refusal | null {
  const active = ['pending', 'approved', 'checked_in'].includes(booking.status);
  const inside =
    booking.startAt.getTime() <= event.startAt.getTime() && event.endAt.getTime() <= booking.endAt.getTime();
  const owned =
    event.byStaff ||
    booking.userId === event.organiserId ||
    (event.groupId !== null && booking.groupId === event.groupId);
  return active && inside && owned ? null : { code: 'EVENT_BOOKING_INVALID' };
}

/** Sign-up is open until the start of an open event; members-only events need membership. */
export function checkSignup(
  event: { status: EventStatus; startAt: Date; membersOnly: boolean },
  isMember: boolean,
  now: Date,
): Refusal | null {
  if (event.status !== 'open' || now.getTime() >= event.startAt.getTime()) return { code: 'EVENT_NOT_OPEN' };
  if (event.membersOnly && !isMember) return { code: 'EVENT_MEMBERS_ONLY' };
  return null;
}

/** Where a new sign-up goes: a place while there is one, else the end of the waitlist. */
export const placeFor = (signedUp: number, capacity: number): EventSignupStatus =>
  signedUp < capacity ? 'signed_up' : 'waitlisted';

/** Cancel until the start. */
export function checkCancelSignup(event: { startAt: Date }, now: Date): Refusal | null {
  return now.getTime() < event.startAt.getTime() ? null : { code: 'EVENT_NOT_OPEN' };
}

/**
 * Who may cancel an event, and when: staff of its community, its organiser, or a leader of its group; while it is
 * open and has not started (after the start it happened, or is happening, and stays on the record).
 */
export function checkCancelEvent(
  event: { status: EventStatus; startAt: Date; organiserId: number },
  actor: { id: number; role: Role },
  myRoleInGroup: GroupRole | null,
  now: Date,
): Refusal | null {
  const mayCancel = actor.role !== 'resident' || actor.id === event.organiserId || myRoleInGroup === 'leader';
  if (!mayCancel) return { code: 'EVENT_NOT_ORGANISER' };
  if (event.status !== 'open' || now.getTime() >= event.startAt.getTime()) return { code: 'EVENT_NOT_OPEN' };
  return null;
}

/** The waitlisted sign-up that takes a freed place: the lowest queue number (the earliest to join the waitlist). */
export function nextInLine<S extends { status: EventSignupStatus; queueNo: number }>(signups: S[]): S | null {
  return signups.filter((s) => s.status === 'waitlisted').sort((a, b) => a.queueNo - b.queueNo)[0] ?? null;
}

/** 1-based place in the waitlist of a waitlisted queue number. */
export const waitlistPosition = (queueNo: number, waitlistedQueueNos: number[]): number =>
  waitlistedQueueNos.filter((q) => q < queueNo).length + 1;

/** Door-code check-in: from 30 minutes before the start until the end. */
export function inCheckInWindow(event: { startAt: Date; endAt: Date }, now: Date): boolean {
  return (
    now.getTime() >= event.startAt.getTime() - EVENT_CHECKIN_EARLY_MINUTES * MINUTE &&
    now.getTime() <= event.endAt.getTime()
  );
}

/** Feedback and thanks: from the end until 7 days after. */
export function inFeedbackWindow(event: { endAt: Date }, now: Date, days = FEEDBACK_WINDOW_DAYS): boolean {
  return now.getTime() >= event.endAt.getTime() && now.getTime() < event.endAt.getTime() + days * DAY;
}

/** Feedback: an attendee (checked in), in the window; once (the unique key). */
export function checkFeedback(
  event: { endAt: Date },
  attendance: { status: EventSignupStatus; checkedInAt: Date | null } | null,
  now: Date,
): Refusal | null {
  if (!inFeedbackWindow(event, now)) return { code: 'EVENT_FEEDBACK_CLOSED' };
  if (!attendance || attendance.status !== 'signed_up' || !attendance.checkedInAt)
    return { code: 'EVENT_NOT_ATTENDED' };
  return null;
}

/**
 * Thanks: the sender attended (or organised); the recipient is the organiser or a fellow attendee, never oneself.
 * Once per sender, recipient and event (the unique key).
 */
export function checkThanks(
  event: { endAt: Date; organiserId: number },
  fromUserId: number,
  toUserId: number,
  attendees: ReadonlySet<number>,
  now: Date,
): Refusal | null {
  if (!inFeedbackWindow(event, now)) return { code: 'EVENT_FEEDBACK_CLOSED' };
  if (!attendees.has(fromUserId) && fromUserId !== event.organiserId) return { code: 'EVENT_NOT_ATTENDED' };
  if (toUserId === fromUserId || (toUserId !== event.organiserId && !attendees.has(toUserId)))
    return { code: 'EVENT_THANKS_TARGET_INVALID' };
  return null;
}
