import {
  HELP_LIMITS,
  REQUEST_ACCEPT_HOURS_NORMAL,
  REQUEST_ACCEPT_HOURS_URGENT,
  REQUEST_AUTO_CLOSE_DAYS,
  REQUEST_COMPOSITE_WEIGHTS,
  REQUEST_EXTENSION_DAYS_MAX,
  REQUEST_REOPEN_DAYS,
  REQUEST_RESOLVE_DAYS,
  REQUEST_YELLOW_SHARE,
  requestCategories,
  requestStatuses,
  type ErrorCode,
  type HelpRequestKind,
  type RequestCategory,
  type RequestLight,
  type RequestRates,
  type RequestSatisfaction,
  type RequestStatsSlice,
  type RequestStatus,
  type RequestUnreasonableState,
  shanghaiWeekStart,
} from '@linli/shared-types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** Community settings of the deadlines (PRODUCT.md "Resident requests"). */
export interface RequestDeadlineSettings {
  acceptHoursUrgent: number;
  acceptHoursNormal: number;
  resolveDays: number;
  extensionDaysMax: number;
}

export const defaultDeadlineSettings: RequestDeadlineSettings = {
  acceptHoursUrgent: REQUEST_ACCEPT_HOURS_URGENT,
  acceptHoursNormal: REQUEST_ACCEPT_HOURS_NORMAL,
  resolveDays: REQUEST_RESOLVE_DAYS,
  extensionDaysMax: REQUEST_EXTENSION_DAYS_MAX,
};

export interface CompositeWeights {
  response: number;
  resolution: number;
  satisfaction: number;
}

export const defaultWeights: CompositeWeights = { ...REQUEST_COMPOSITE_WEIGHTS };

/** The two deadlines of a new request: respond (accept or refer) and resolve, both from submission. */
export function initialDeadlines(
  settings: RequestDeadlineSettings,
  submittedAt: Date,
  urgent: boolean,
): { acceptDueAt: Date; resolveDueAt: Date } {
  const hours = urgent ? settings.acceptHoursUrgent : settings.acceptHoursNormal;
  return {
    acceptDueAt: new Date(submittedAt.getTime() + hours * HOUR),
    resolveDueAt: new Date(submittedAt.getTime() + settings.resolveDays * DAY),
  };
}

/** The moment a running clock turns yellow: 80 % of the time from its start to its deadline. */
export function yellowAt(start: Date, deadline: Date): Date {
  const span = Math.max(0, deadline.getTime() - start.getTime());
  return new Date(start.getTime() + Math.ceil(span * REQUEST_YELLOW_SHARE));
}

/** The running clock of a request: what `deadlineAt`, `yellowAt` and the alerts work on. */
export interface RequestClock {
  /** Null once the clock stopped (resolved, referred, closed). */
  deadlineAt: Date | null;
  yellowAt: Date | null;
  /** The light at the moment the clock stopped. */
  frozenLight: RequestLight | null;
}

/** The light now: frozen once stopped; else red past the deadline, yellow past 80 %, green before. */
export function lightOf(clock: RequestClock, now: Date): RequestLight {
  if (clock.deadlineAt === null || clock.yellowAt === null) return clock.frozenLight ?? 'green';
  if (now.getTime() > clock.deadlineAt.getTime()) return 'red';
  if (now.getTime() >= clock.yellowAt.getTime()) return 'yellow';
  return 'green';
}

/** A running clock from `start` to `deadline`. */
export const runningClock = (start: Date, deadline: Date): RequestClock => ({
  deadlineAt: deadline,
  yellowAt: yellowAt(start, deadline),
  frozenLight: null,
});

/** The clock stopped at `at`, its light kept as it was then. */
export const stoppedClock = (clock: RequestClock, at: Date): RequestClock => ({
  deadlineAt: null,
  yellowAt: null,
  frozenLight: lightOf(clock, at),
});

/** Staff and resident actions, and the statuses each may start from. */
export const transitions = {
  accept: ['submitted'],
  progress: ['accepted', 'in_progress'],
  resolve: ['accepted', 'in_progress'],
  refer: ['submitted', 'accepted', 'in_progress'],
  extend: ['accepted', 'in_progress'],
  markUnreasonable: ['submitted', 'accepted', 'in_progress'],
  rate: ['resolved'],
  reopen: ['resolved', 'closed'],
  autoClose: ['resolved'],
  helpTask: ['accepted', 'in_progress'],
} as const satisfies Record<string, readonly RequestStatus[]>;
export type RequestAction = keyof typeof transitions;

export const allowedFrom = (action: RequestAction, status: RequestStatus): boolean =>
  (transitions[action] as readonly RequestStatus[]).includes(status);

/** What the rules need to know of a request to decide. */
export interface RequestFacts {
  status: RequestStatus;
  resolvedAt: Date | null;
  reopenedAt: Date | null;
  ratedAt: Date | null;
  extensionDays: number | null;
  unreasonableState: RequestUnreasonableState | null;
}

/** An extension: once, 1..max days, while the request is being handled. */
export function checkExtension(
  request: RequestFacts,
  days: number,
  settings: RequestDeadlineSettings,
): ErrorCode | null {
  if (!allowedFrom('extend', request.status)) return 'REQUEST_STATE_CHANGED';
  if (request.extensionDays !== null) return 'REQUEST_ALREADY_EXTENDED';
  if (days < 1 || days > settings.extensionDaysMax) return 'REQUEST_EXTENSION_TOO_LONG';
  return null;
}

/** 重办: once, within 7 days of the resolution, of a resolved request (rated or not), not of a referred or unreasonable one. */
export function checkReopen(request: RequestFacts, now: Date): ErrorCode | null {
  if (!allowedFrom('reopen', request.status) || request.resolvedAt === null || request.unreasonableState !== null)
    return 'REQUEST_STATE_CHANGED';
  if (request.reopenedAt !== null) return 'REQUEST_REOPEN_USED';
  if (now.getTime() > request.resolvedAt.getTime() + REQUEST_REOPEN_DAYS * DAY) return 'REQUEST_REOPEN_EXPIRED';
  return null;
}

export const canReopen = (request: RequestFacts, now: Date): boolean => checkReopen(request, now) === null;

/** The call-back: once, of a resolved request. */
export function checkRating(request: RequestFacts): ErrorCode | null {
  if (request.ratedAt !== null) return 'REQUEST_ALREADY_RATED';
  if (request.status !== 'resolved') return 'REQUEST_NOT_RATABLE';
  return null;
}

export const canRate = (request: RequestFacts): boolean => checkRating(request) === null;

/** 派给志愿者: while being handled, once, and not while an unreasonable mark waits for the admin. */
export function checkHelpTask(
  request: Pick<RequestFacts, 'status' | 'unreasonableState'> & { helpRequestId: number | null },
): ErrorCode | null {
  if (request.helpRequestId !== null) return 'REQUEST_HELP_TASK_EXISTS';
  if (request.unreasonableState !== null) return 'REQUEST_ALREADY_UNREASONABLE';
  if (!allowedFrom('helpTask', request.status)) return 'REQUEST_STATE_CHANGED';
  return null;
}

/** The kind of help a request's category most likely needs; staff may choose another. */
export const helpKindOf: Record<RequestCategory, HelpRequestKind> = {
  sanitation: 'other',
  repair: 'repair',
  dispute: 'other',
  safety: 'other',
  care: 'company',
  inquiry: 'errands',
  suggestion: 'other',
  other: 'other',
};

/** The help task made from a request: what staff chose, else the request's own words, place and a start tomorrow. */
export function helpTaskOf(
  request: { id: number; category: RequestCategory; title: string; description: string; place: string | null },
  where: { buildingName: string | null; communityName: string },
  choice: { rewardMinutes: number; startAt?: string; minutes?: number; kind?: HelpRequestKind },
  now: Date,
): {
  title: string;
  description: string;
  kind: HelpRequestKind;
  startAt: Date;
  minutes: number;
  place: string;
  rewardMinutes: number;
  sourceReference: string;
} {
  const place = [where.buildingName, request.place].filter((p): p is string => !!p).join(' ') || where.communityName;
  return {
    title: request.title.slice(0, HELP_LIMITS.titleMax),
    description: request.description.slice(0, HELP_LIMITS.descriptionMax),
    kind: choice.kind ?? helpKindOf[request.category],
    startAt: choice.startAt ? new Date(choice.startAt) : new Date(Math.ceil((now.getTime() + DAY) / HOUR) * HOUR),
    minutes: choice.minutes ?? Math.min(HELP_LIMITS.minutesMax, Math.max(HELP_LIMITS.minutesMin, choice.rewardMinutes)),
    place: place.slice(0, HELP_LIMITS.placeMax),
    rewardMinutes: choice.rewardMinutes,
    sourceReference: `request:${request.id}`,
  };
}

/** The latest resolution that has waited long enough at `now`. */
export const autoCloseCutoff = (now: Date): Date => new Date(now.getTime() - REQUEST_AUTO_CLOSE_DAYS * DAY);

// ---- The three rates ----

/** One request as the statistics see it. */
export interface RequestStatsRecord {
  communityId: number;
  category: RequestCategory;
  status: RequestStatus;
  createdAt: Date;
  acceptDueAt: Date;
  /** Accepted or referred: the response. */
  respondedAt: Date | null;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  ratedAt: Date | null;
  ratingResolved: boolean | null;
  satisfaction: RequestSatisfaction | null;
  unreasonableState: RequestUnreasonableState | null;
}

const within = (at: Date | null, from: Date, to: Date): at is Date =>
  at !== null && at.getTime() >= from.getTime() && at.getTime() < to.getTime();

export function median(values: number[]): number | null {
  if (!values.length) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Rounded to 4 decimals so that answers compare exactly (a fraction, shown as a percentage with 2 decimals). */
const round4 = (value: number | null): number | null => (value === null ? null : Math.round(value * 10_000) / 10_000);

/**
 * 响应率, 解决率, 满意率 and the composite over [from, to), of the requests that count (not confirmed unreasonable):
 * response by response deadline, resolution and satisfaction by rating time (PRODUCT.md).
 */
export function computeRates(
  records: readonly RequestStatsRecord[],
  from: Date,
  to: Date,
  weights: CompositeWeights,
): RequestRates {
  const counting = records.filter((r) => r.unreasonableState !== 'confirmed');
  const due = counting.filter((r) => within(r.acceptDueAt, from, to));
  const respondedOnTime = due.filter(
    (r) => r.respondedAt !== null && r.respondedAt.getTime() <= r.acceptDueAt.getTime(),
  ).length;
  const rated = counting.filter((r) => r.ratingResolved !== null && within(r.ratedAt, from, to));
  const ratedResolved = rated.filter((r) => r.ratingResolved).length;
  const satisfied = rated.filter((r) => r.satisfaction === 'satisfied').length;
  const basically = rated.filter((r) => r.satisfaction === 'basically').length;
  const dissatisfied = rated.filter((r) => r.satisfaction === 'dissatisfied').length;
  const responseRate = ratio(respondedOnTime, due.length);
  const resolutionRate = ratio(ratedResolved, rated.length);
  const satisfactionRate = ratio(satisfied + 0.9 * basically, rated.length);
  const composite =
    responseRate === null || resolutionRate === null || satisfactionRate === null
      ? null
      : weights.response * responseRate + weights.resolution * resolutionRate + weights.satisfaction * satisfactionRate;
  return {
    responseRate: round4(responseRate),
    resolutionRate: round4(resolutionRate),
    satisfactionRate: round4(satisfactionRate),
    composite: round4(composite),
    counts: {
      responseDue: due.length,
      respondedOnTime,
      rated: rated.length,
      ratedResolved,
      satisfied,
      basically,
      dissatisfied,
    },
  };
}

/** The rates plus volume and the median minutes to accept and to resolve (of those accepted / resolved in the period). */
export function computeSlice(
  records: readonly RequestStatsRecord[],
  from: Date,
  to: Date,
  weights: CompositeWeights,
): RequestStatsSlice {
  const minutes = (a: Date, b: Date) => Math.round((b.getTime() - a.getTime()) / 60_000);
  const counting = records.filter((r) => r.unreasonableState !== 'confirmed');
  return {
    ...computeRates(records, from, to, weights),
    submitted: records.filter((r) => within(r.createdAt, from, to)).length,
    unreasonable: records.filter((r) => r.unreasonableState === 'confirmed' && within(r.createdAt, from, to)).length,
    medianAcceptMinutes: median(
      counting.filter((r) => within(r.acceptedAt, from, to)).map((r) => minutes(r.createdAt, r.acceptedAt!)),
    ),
    medianResolveMinutes: median(
      counting.filter((r) => within(r.resolvedAt, from, to)).map((r) => minutes(r.createdAt, r.resolvedAt!)),
    ),
  };
}

/** Counts of the requests submitted in the period, every status and category present. */
export function countSubmitted(
  records: readonly RequestStatsRecord[],
  from: Date,
  to: Date,
): { byStatus: Record<RequestStatus, number>; byCategory: Record<RequestCategory, number> } {
  const byStatus = Object.fromEntries(requestStatuses.map((s) => [s, 0])) as Record<RequestStatus, number>;
  const byCategory = Object.fromEntries(requestCategories.map((c) => [c, 0])) as Record<RequestCategory, number>;
  for (const r of records) {
    if (!within(r.createdAt, from, to)) continue;
    byStatus[r.status]++;
    byCategory[r.category]++;
  }
  return { byStatus, byCategory };
}

/** The weeks overlapping [from, to), each clipped to the period. */
export function weeksOf(from: Date, to: Date): Array<{ weekStart: Date; from: Date; to: Date }> {
  const weeks: Array<{ weekStart: Date; from: Date; to: Date }> = [];
  for (
    let start = shanghaiWeekStart(from);
    start.getTime() < to.getTime();
    start = new Date(start.getTime() + 7 * DAY)
  ) {
    const end = new Date(start.getTime() + 7 * DAY);
    weeks.push({
      weekStart: start,
      from: start.getTime() < from.getTime() ? from : start,
      to: end.getTime() > to.getTime() ? to : end,
    });
  }
  return weeks;
}

/** A stats period: ordered, at most a year (366 days). */
export function checkStatsRange(from: Date, to: Date): ErrorCode | null {
  if (!(from.getTime() < to.getTime()) || to.getTime() - from.getTime() > 366 * DAY)
    return 'REQUEST_STATS_RANGE_INVALID';
  return null;
}

/** Who may read a request: its submitter, staff of its community, admins, and verified neighbours if it is public. */
export function requestVisibleTo(
  viewer: { id: number; role: string; status: string; communityId: number | null },
  r: { userId: number; communityId: number; isPublic: boolean; unreasonableState: string | null },
): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'staff') return viewer.communityId === r.communityId;
  if (r.userId === viewer.id) return true;
  return (
    r.isPublic &&
    r.unreasonableState !== 'confirmed' &&
    viewer.status === 'verified' &&
    viewer.communityId === r.communityId
  );
}
