import { shanghaiWeekStart, type RequestStatus } from '@linli/shared-types';
import {
  allowedFrom,
  checkExtension,
  checkHelpTask,
  checkRating,
  checkReopen,
  checkStatsRange,
  computeRates,
  computeSlice,
  countSubmitted,
  defaultDeadlineSettings,
  defaultWeights,
  helpTaskOf,
  initialDeadlines,
  lightOf,
  median,
  runningClock,
  stoppedClock,
  weeksOf,
  yellowAt,
  type RequestAction,
  type RequestFacts,
  type RequestStatsRecord,
} from './requests.rules.js';

const H = 3_600_000;
const D = 24 * H;
const t0 = new Date('2026-11-28T02:00:00Z');
const at = (ms: number) => new Date(t0.getTime() + ms);

describe('initialDeadlines', () => {
  it.each([
    [true, 2 * H, 7 * D],
    [false, 24 * H, 7 * D],
  ])('urgent=%s → accept after %d ms, resolve after %d ms', (urgent, accept, resolve) => {
    const d = initialDeadlines(defaultDeadlineSettings, t0, urgent);
    expect(d.acceptDueAt.getTime() - t0.getTime()).toBe(accept);
    expect(d.resolveDueAt.getTime() - t0.getTime()).toBe(resolve);
  });
  it('reads the community settings', () => {
    const d = initialDeadlines({ ...defaultDeadlineSettings, acceptHoursUrgent: 1, resolveDays: 3 }, t0, true);
    expect(d.acceptDueAt).toEqual(at(H));
    expect(d.resolveDueAt).toEqual(at(3 * D));
  });
});

describe('lights', () => {
  const clock = runningClock(t0, at(10 * H));
  it('turns yellow at 80 % of the time', () => expect(yellowAt(t0, at(10 * H))).toEqual(at(8 * H)));
  it.each([
    [0, 'green'],
    [8 * H - 1, 'green'],
    [8 * H, 'yellow'],
    [10 * H, 'yellow'],
    [10 * H + 1, 'red'],
    [30 * D, 'red'],
  ])('at +%d ms the light is %s', (ms, light) => expect(lightOf(clock, at(ms))).toBe(light));
  it.each([
    [7 * H, 'green'],
    [9 * H, 'yellow'],
    [11 * H, 'red'],
  ])('stopped at +%d ms it stays %s ever after', (ms, light) => {
    const stopped = stoppedClock(clock, at(ms));
    expect(stopped.deadlineAt).toBeNull();
    expect(lightOf(stopped, at(ms))).toBe(light);
    expect(lightOf(stopped, at(100 * D))).toBe(light);
  });
});

describe('transitions', () => {
  const table: Array<[RequestAction, RequestStatus[]]> = [
    ['accept', ['submitted']],
    ['progress', ['accepted', 'in_progress']],
    ['resolve', ['accepted', 'in_progress']],
    ['refer', ['submitted', 'accepted', 'in_progress']],
    ['extend', ['accepted', 'in_progress']],
    ['markUnreasonable', ['submitted', 'accepted', 'in_progress']],
    ['rate', ['resolved']],
    ['reopen', ['resolved', 'closed']],
    ['autoClose', ['resolved']],
    ['helpTask', ['accepted', 'in_progress']],
  ];
  const all: RequestStatus[] = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'referred'];
  it.each(table)('%s is allowed from exactly %j', (action, from) => {
    expect(all.filter((s) => allowedFrom(action, s))).toEqual(from);
  });
});

describe('checkHelpTask', () => {
  it.each([
    ['accepted', null, null, null],
    ['in_progress', null, null, null],
    ['submitted', null, null, 'REQUEST_STATE_CHANGED'],
    ['resolved', null, null, 'REQUEST_STATE_CHANGED'],
    ['closed', null, null, 'REQUEST_STATE_CHANGED'],
    ['referred', null, null, 'REQUEST_STATE_CHANGED'],
    ['in_progress', 7, null, 'REQUEST_HELP_TASK_EXISTS'],
    ['closed', 7, null, 'REQUEST_HELP_TASK_EXISTS'],
    ['accepted', null, 'marked', 'REQUEST_ALREADY_UNREASONABLE'],
  ] as const)('%s, help task %s, unreasonable %s → %s', (status, helpRequestId, unreasonableState, expected) => {
    expect(checkHelpTask({ status, helpRequestId, unreasonableState })).toBe(expected);
  });
});

describe('helpTaskOf', () => {
  const request = {
    id: 12,
    category: 'care' as const,
    title: '独居老人需要陪同',
    description: '每周复诊',
    place: null,
  };
  const where = { buildingName: '3栋', communityName: '光华社区' };
  it('defaults: kind from the category, start tomorrow on the hour, minutes = reward within 15..480', () => {
    expect(helpTaskOf(request, where, { rewardMinutes: 90 }, new Date('2026-11-28T02:20:00Z'))).toEqual({
      title: '独居老人需要陪同',
      description: '每周复诊',
      kind: 'company',
      startAt: new Date('2026-11-29T03:00:00Z'),
      minutes: 90,
      place: '3栋',
      rewardMinutes: 90,
      sourceReference: 'request:12',
    });
  });
  it.each([
    [5, 15],
    [15, 15],
    [480, 480],
    [900, 480],
  ])('reward %d → %d minutes', (rewardMinutes, minutes) => {
    expect(helpTaskOf(request, where, { rewardMinutes }, t0).minutes).toBe(minutes);
  });
  it('takes what staff chose, the building and the place text, else the community', () => {
    const task = helpTaskOf(
      { ...request, category: 'repair', place: '楼道' },
      where,
      { rewardMinutes: 60, startAt: '2026-12-01T09:00:00+08:00', minutes: 30, kind: 'errands' },
      t0,
    );
    expect(task).toMatchObject({ kind: 'errands', minutes: 30, place: '3栋 楼道' });
    expect(task.startAt.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(helpTaskOf({ ...request, category: 'repair' }, where, { rewardMinutes: 60 }, t0).kind).toBe('repair');
    expect(
      helpTaskOf(request, { buildingName: null, communityName: '光华社区' }, { rewardMinutes: 60 }, t0).place,
    ).toBe('光华社区');
  });
});

const facts = (over: Partial<RequestFacts> = {}): RequestFacts => ({
  status: 'resolved',
  resolvedAt: t0,
  reopenedAt: null,
  ratedAt: null,
  extensionDays: null,
  unreasonableState: null,
  ...over,
});

describe('checkReopen', () => {
  it.each<[string, Partial<RequestFacts>, number, string | null]>([
    ['resolved, same day', {}, H, null],
    ['rated and closed, day 7', { status: 'closed', ratedAt: t0 }, 7 * D, null],
    ['just past 7 days', {}, 7 * D + 1, 'REQUEST_REOPEN_EXPIRED'],
    ['reopened before', { reopenedAt: at(-D) }, H, 'REQUEST_REOPEN_USED'],
    ['in progress', { status: 'in_progress' }, H, 'REQUEST_STATE_CHANGED'],
    ['referred', { status: 'referred', resolvedAt: null }, H, 'REQUEST_STATE_CHANGED'],
    [
      'closed as unreasonable',
      { status: 'closed', resolvedAt: null, unreasonableState: 'confirmed' },
      H,
      'REQUEST_STATE_CHANGED',
    ],
  ])('%s → %s', (_name, over, ms, expected) => expect(checkReopen(facts(over), at(ms))).toBe(expected));
});

describe('checkRating', () => {
  it.each<[Partial<RequestFacts>, string | null]>([
    [{}, null],
    [{ ratedAt: t0, status: 'closed' }, 'REQUEST_ALREADY_RATED'],
    [{ status: 'in_progress' }, 'REQUEST_NOT_RATABLE'],
    [{ status: 'closed' }, 'REQUEST_NOT_RATABLE'],
    [{ status: 'submitted' }, 'REQUEST_NOT_RATABLE'],
  ])('%j → %s', (over, expected) => expect(checkRating(facts(over))).toBe(expected));
});

describe('checkExtension', () => {
  it.each<[Partial<RequestFacts>, number, string | null]>([
    [{ status: 'accepted' }, 15, null],
    [{ status: 'in_progress' }, 1, null],
    [{ status: 'in_progress' }, 16, 'REQUEST_EXTENSION_TOO_LONG'],
    [{ status: 'in_progress' }, 0, 'REQUEST_EXTENSION_TOO_LONG'],
    [{ status: 'in_progress', extensionDays: 3 }, 3, 'REQUEST_ALREADY_EXTENDED'],
    [{ status: 'submitted' }, 3, 'REQUEST_STATE_CHANGED'],
    [{ status: 'resolved' }, 3, 'REQUEST_STATE_CHANGED'],
  ])('%j, %d days → %s', (over, days, expected) =>
    expect(checkExtension(facts(over), days, defaultDeadlineSettings)).toBe(expected),
  );
});

/** Hand-computed fixture, period November 2026 (UTC bounds). */
const nov = (day: number, hour = 2) => new Date(Date.UTC(2026, 10, day, hour));
const record = (over: Partial<RequestStatsRecord>): RequestStatsRecord => ({
  communityId: 1,
  category: 'repair',
  status: 'closed',
  createdAt: nov(1, 0),
  acceptDueAt: nov(2),
  respondedAt: null,
  acceptedAt: null,
  resolvedAt: null,
  ratedAt: null,
  ratingResolved: null,
  satisfaction: null,
  unreasonableState: null,
  ...over,
});
const fixture: RequestStatsRecord[] = [
  // A: on time, rated resolved + satisfied
  record({
    acceptDueAt: nov(2),
    respondedAt: nov(1, 5),
    ratedAt: nov(5),
    ratingResolved: true,
    satisfaction: 'satisfied',
  }),
  // B: late, rated not resolved + dissatisfied
  record({
    acceptDueAt: nov(3),
    respondedAt: nov(4),
    ratedAt: nov(10),
    ratingResolved: false,
    satisfaction: 'dissatisfied',
  }),
  // C: never answered
  record({ category: 'sanitation', status: 'submitted', acceptDueAt: nov(10) }),
  // D: referred in time
  record({ category: 'dispute', status: 'referred', acceptDueAt: nov(15), respondedAt: nov(14) }),
  // E: deadline in October, rated in November resolved + basically
  record({
    createdAt: new Date(Date.UTC(2026, 9, 29)),
    acceptDueAt: new Date(Date.UTC(2026, 9, 30)),
    respondedAt: new Date(Date.UTC(2026, 9, 29, 5)),
    ratedAt: nov(2),
    ratingResolved: true,
    satisfaction: 'basically',
  }),
  // F: confirmed unreasonable, late: leaves every denominator
  record({ acceptDueAt: nov(5), respondedAt: nov(6), unreasonableState: 'confirmed' }),
  // G: due and rated in December
  record({
    createdAt: nov(30),
    acceptDueAt: new Date(Date.UTC(2026, 11, 2)),
    ratedAt: new Date(Date.UTC(2026, 11, 3)),
    ratingResolved: true,
    satisfaction: 'satisfied',
  }),
  // H: answered exactly at the deadline (counts), rated resolved + basically
  record({
    acceptDueAt: nov(20),
    respondedAt: nov(20),
    ratedAt: nov(25),
    ratingResolved: true,
    satisfaction: 'basically',
  }),
];
const from = nov(1, 0);
const to = new Date(Date.UTC(2026, 11, 1));

describe('computeRates (hand-computed)', () => {
  it.each<[string, RequestStatsRecord[], Record<string, number | null>]>([
    // due A B C D H = 5, on time A D H = 3; rated A B E H = 4, resolved 3; (1 + 0.9·2) / 4
    ['the fixture', fixture, { responseRate: 0.6, resolutionRate: 0.75, satisfactionRate: 0.7, composite: 0.715 }],
    // F only marked, not confirmed: it counts (due 6, on time 3)
    [
      'F not yet confirmed',
      fixture.map((r) => (r.unreasonableState ? { ...r, unreasonableState: 'marked' as const } : r)),
      { responseRate: 0.5, resolutionRate: 0.75, satisfactionRate: 0.7, composite: 0.705 },
    ],
    [
      'nothing rated: no composite',
      [fixture[2], fixture[3]],
      { responseRate: 0.5, resolutionRate: null, satisfactionRate: null, composite: null },
    ],
    ['nothing at all', [], { responseRate: null, resolutionRate: null, satisfactionRate: null, composite: null }],
    [
      'all basically',
      [
        record({
          acceptDueAt: nov(2),
          respondedAt: nov(1),
          ratedAt: nov(3),
          ratingResolved: true,
          satisfaction: 'basically',
        }),
      ],
      { responseRate: 1, resolutionRate: 1, satisfactionRate: 0.9, composite: 0.96 },
    ],
  ])('%s', (_name, records, expected) => {
    expect(computeRates(records, from, to, defaultWeights)).toMatchObject(expected);
  });

  it('counts what it divided', () => {
    expect(computeRates(fixture, from, to, defaultWeights).counts).toEqual({
      responseDue: 5,
      respondedOnTime: 3,
      rated: 4,
      ratedResolved: 3,
      satisfied: 1,
      basically: 2,
      dissatisfied: 1,
    });
  });

  it('uses the street weights', () => {
    const rates = computeRates(fixture, from, to, { response: 0.2, resolution: 0.4, satisfaction: 0.4 });
    expect(rates.composite).toBe(0.7);
  });
});

describe('computeSlice and counts', () => {
  it('medians, volume and unreasonable', () => {
    const records = [
      record({ createdAt: nov(3, 0), acceptedAt: nov(3, 1), resolvedAt: nov(4, 0) }), // 60 min, 1440 min
      record({ createdAt: nov(3, 0), acceptedAt: nov(3, 3), resolvedAt: nov(5, 0) }), // 180, 2880
      record({ createdAt: nov(3, 0), acceptedAt: nov(3, 4) }), // 240
      record({ createdAt: nov(3, 0), acceptedAt: nov(3, 10), unreasonableState: 'confirmed' }), // left out
    ];
    expect(computeSlice(records, from, to, defaultWeights)).toMatchObject({
      submitted: 4,
      unreasonable: 1,
      medianAcceptMinutes: 180,
      medianResolveMinutes: 2160,
    });
  });
  it.each([
    [[], null],
    [[5], 5],
    [[1, 9, 3], 3],
    [[4, 1, 3, 2], 2.5],
  ])('median of %j is %s', (values, expected) => expect(median(values)).toBe(expected));
  it('counts every status and category, zero included', () => {
    const { byStatus, byCategory } = countSubmitted(fixture, from, to);
    // E (October) and none else outside; G was created on Nov 30 → inside.
    expect(byStatus).toEqual({ submitted: 1, accepted: 0, in_progress: 0, resolved: 0, closed: 5, referred: 1 });
    expect(byCategory).toMatchObject({ repair: 5, sanitation: 1, dispute: 1, safety: 0, other: 0 });
  });
});

describe('weeks in Asia/Shanghai', () => {
  it.each([
    ['2026-12-01T02:00:00Z', '2026-11-29T16:00:00.000Z'], // Tuesday 10:00 → Monday 30 Nov 00:00 +08
    ['2026-11-29T15:30:00Z', '2026-11-22T16:00:00.000Z'], // Sunday 23:30 +08 → Monday 23 Nov
    ['2026-11-29T16:00:00Z', '2026-11-29T16:00:00.000Z'], // Monday 00:00 +08 itself
  ])('%s is in the week of %s', (instant, monday) =>
    expect(shanghaiWeekStart(new Date(instant)).toISOString()).toBe(monday),
  );
  it('splits a period into clipped weeks', () => {
    const weeks = weeksOf(new Date('2026-11-25T00:00:00Z'), new Date('2026-12-02T00:00:00Z'));
    expect(weeks.map((w) => [w.weekStart.toISOString(), w.from.toISOString(), w.to.toISOString()])).toEqual([
      ['2026-11-22T16:00:00.000Z', '2026-11-25T00:00:00.000Z', '2026-11-29T16:00:00.000Z'],
      ['2026-11-29T16:00:00.000Z', '2026-11-29T16:00:00.000Z', '2026-12-02T00:00:00.000Z'],
    ]);
  });
  it.each([
    [from, to, null],
    [to, from, 'REQUEST_STATS_RANGE_INVALID'],
    [from, new Date(from.getTime() + 367 * D), 'REQUEST_STATS_RANGE_INVALID'],
  ])('range %s – %s → %s', (a, b, expected) => expect(checkStatsRange(a, b)).toBe(expected));
});
