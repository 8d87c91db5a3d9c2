import { HELP_LIMITS, type ErrorCode, type HelpRequestStatus } from '@linli/shared-types';

/** What someone may do to a help request. `auto_confirm` is the 72-hour job's. */
export const helpActions = [
  'offer',
  'choose',
  'arrive',
  'done',
  'confirm',
  'auto_confirm',
  'dispute',
  'cancel',
  'settle',
] as const;
export type HelpAction = (typeof helpActions)[number];

/** Who the caller is to this request. */
export type HelpRole = 'poster' | 'helper' | 'neighbour' | 'staff' | 'system';

/** The state machine: from which states an action goes, and where to. */
export const helpTransitions: Record<HelpAction, { from: readonly HelpRequestStatus[]; to: HelpRequestStatus }> = {
  offer: { from: ['open'], to: 'open' },
  choose: { from: ['open'], to: 'matched' },
  arrive: { from: ['matched'], to: 'started' },
  done: { from: ['started'], to: 'done' },
  confirm: { from: ['done'], to: 'confirmed' },
  auto_confirm: { from: ['done'], to: 'confirmed' },
  dispute: { from: ['done'], to: 'disputed' },
  // Before the meeting: once the helper has scanned in, the poster confirms or disputes instead.
  cancel: { from: ['open', 'matched'], to: 'cancelled' },
  settle: { from: ['disputed'], to: 'settled' },
};

const actorOf: Record<HelpAction, HelpRole> = {
  offer: 'neighbour',
  choose: 'poster',
  arrive: 'helper',
  done: 'helper',
  confirm: 'poster',
  auto_confirm: 'system',
  dispute: 'poster',
  cancel: 'poster',
  settle: 'staff',
};

const wrongActor: Record<HelpRole, ErrorCode> = {
  neighbour: 'HELP_OWN_REQUEST',
  poster: 'HELP_NOT_POSTER',
  helper: 'HELP_NOT_HELPER',
  staff: 'FORBIDDEN',
  system: 'FORBIDDEN',
};

/** The caller's part: staff act as staff; a resident is the poster, the chosen helper, or a neighbour. */
export function helpRoleOf(
  request: { posterId: number; helperId: number | null },
  user: { id: number; role: string },
): HelpRole {
  if (user.role === 'staff' || user.role === 'admin') return 'staff';
  if (user.id === request.posterId) return 'poster';
  if (request.helperId !== null && user.id === request.helperId) return 'helper';
  return 'neighbour';
}

/** May this role do this action now? A refusal code, or null. Who is checked before when. */
export function checkHelpAction(action: HelpAction, status: HelpRequestStatus, role: HelpRole): ErrorCode | null {
  if (actorOf[action] !== role) return wrongActor[actorOf[action]];
  if (!helpTransitions[action].from.includes(status)) return 'HELP_REQUEST_STATE';
  return null;
}

/** A new request starts in the future (a minute of slack for the clock of a phone), within 60 days. */
export function checkNewHelpRequest(input: { startAt: Date; minutes: number }, now: Date): ErrorCode | null {
  if (input.startAt.getTime() < now.getTime() - 60_000) return 'HELP_START_IN_PAST';
  if (input.startAt.getTime() > now.getTime() + HELP_LIMITS.aheadDaysMax * 86_400_000) return 'HELP_START_TOO_FAR';
  if (
    !Number.isInteger(input.minutes) ||
    input.minutes < HELP_LIMITS.minutesMin ||
    input.minutes > HELP_LIMITS.minutesMax
  )
    return 'VALIDATION_FAILED';
  return null;
}

/** The helper's scan counts from 30 minutes before the start until 2 hours after the expected end. */
export function arrivalWindow(startAt: Date, minutes: number): { from: Date; until: Date } {
  return {
    from: new Date(startAt.getTime() - HELP_LIMITS.arriveEarlyMinutes * 60_000),
    until: new Date(startAt.getTime() + (minutes + HELP_LIMITS.arriveLateMinutes) * 60_000),
  };
}

export function isInArrivalWindow(startAt: Date, minutes: number, now: Date): boolean {
  const window = arrivalWindow(startAt, minutes);
  return now >= window.from && now <= window.until;
}

/** Staff settle a dispute with any whole number of minutes from 0 up to the hold. */
export function checkSettlement(minutes: number, held: number): ErrorCode | null {
  if (!Number.isInteger(minutes) || minutes < 0) return 'VALIDATION_FAILED';
  if (minutes > held) return 'HELP_SETTLE_TOO_MUCH';
  return null;
}

/** Requests marked done before this instant are confirmed by the 72-hour rule. */
export function autoConfirmCutoff(now: Date): Date {
  return new Date(now.getTime() - HELP_LIMITS.autoConfirmHours * 3600_000);
}

/** Who may see a request: its community; the offers only its poster and staff. */
export function mayViewOffers(role: HelpRole): boolean {
  return role === 'poster' || role === 'staff';
}
