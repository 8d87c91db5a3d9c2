import { activityStatusLabels, FEEDBACK_WINDOW_DAYS, timePhaseLabels, type EventView } from '@linli/shared-types';

/* What a resident may do with an event now: the same windows the server checks (events.rules.ts). */

const DAY_MS = 24 * 3_600_000;

export type EventPhase = 'upcoming' | 'running' | 'ended' | 'cancelled';

export function eventPhase(event: Pick<EventView, 'startAt' | 'endAt' | 'status'>, now: Date = new Date()): EventPhase {
  if (event.status === 'cancelled') return 'cancelled';
  if (now < new Date(event.startAt)) return 'upcoming';
  if (now < new Date(event.endAt)) return 'running';
  return 'ended';
}

export const eventPhaseText: Record<EventPhase, string> = {
  upcoming: timePhaseLabels.signup,
  running: timePhaseLabels.running,
  ended: timePhaseLabels.ended,
  cancelled: activityStatusLabels.cancelled,
};

/** Sign-up and cancelling close when the event starts. */
export function canSignUp(event: EventView, now: Date = new Date()): boolean {
  return eventPhase(event, now) === 'upcoming' && !event.mine;
}

export function canCancel(event: EventView, now: Date = new Date()): boolean {
  return eventPhase(event, now) === 'upcoming' && event.mine !== null;
}

/** From the end until 7 days after, for those who checked in. */
export function inFeedbackWindow(event: Pick<EventView, 'endAt' | 'status'>, now: Date = new Date()): boolean {
  const end = new Date(event.endAt).getTime();
  return event.status === 'open' && now.getTime() >= end && now.getTime() < end + FEEDBACK_WINDOW_DAYS * DAY_MS;
}

export function canGiveFeedback(event: EventView, now: Date = new Date()): boolean {
  return inFeedbackWindow(event, now) && Boolean(event.mine?.checkedInAt) && !event.mine?.feedbackGiven;
}

/** Attendees (checked in) and the organiser thank, in the same window. */
export function canThank(event: EventView, meId: number | null, now: Date = new Date()): boolean {
  return inFeedbackWindow(event, now) && (Boolean(event.mine?.checkedInAt) || event.organiser.id === meId);
}

/** 已报名 · 候补第 2 位 · 已签到 */
export function mySignupText(event: EventView): string | null {
  const mine = event.mine;
  if (!mine) return null;
  if (mine.status === 'waitlisted') return `候补第 ${mine.waitlistPosition ?? '-'} 位`;
  return mine.checkedInAt ? '已报名 · 已签到' : '已报名';
}

/** 12/30 人 · 候补 3 人 */
export function placesText(event: EventView): string {
  const base = `${event.signedUp}/${event.capacity} 人`;
  return event.waitlisted ? `${base} · 候补 ${event.waitlisted} 人` : base;
}
