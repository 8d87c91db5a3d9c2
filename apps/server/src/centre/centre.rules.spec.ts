import { shanghaiDate, shanghaiWeekStart } from '@linli/shared-types';
import { buildReport, firstMeetings, groupEncounters, reportWeeks } from './centre.rules.js';

const at = (iso: string) => new Date(`${iso}+08:00`);

describe('weeks', () => {
  it.each([
    ['2026-12-07T00:00:00', '2026-12-07'], // a Monday
    ['2026-12-13T23:59:00', '2026-12-07'], // its Sunday night
    ['2026-12-14T00:00:00', '2026-12-14'],
    ['2026-12-01T07:59:00', '2026-11-30'], // Tuesday morning local, still Monday UTC
  ])('%s lies in the week of %s', (instant, monday) => {
    expect(shanghaiDate(shanghaiWeekStart(at(instant)))).toBe(monday);
  });

  it.each([
    ['2026-12-01T00:00:00', '2026-12-15T00:00:00', 3],
    ['2026-12-07T00:00:00', '2026-12-14T00:00:00', 1],
    ['2026-12-07T00:00:00', '2026-12-07T00:00:00', null],
    ['2025-01-01T00:00:00', '2026-12-31T00:00:00', null],
  ])('%s to %s → %p weeks', (from, to, count) => {
    expect(reportWeeks(at(from), at(to))?.length ?? null).toBe(count);
  });
});

describe('who met someone new', () => {
  it.each([
    [
      'two strangers at one event',
      [{ at: at('2026-12-01T10:00:00'), people: [1, 2] }],
      [
        [1, '12-01'],
        [2, '12-01'],
      ],
    ],
    [
      'the same pair again meets no one new',
      [
        { at: at('2026-12-01T10:00:00'), people: [1, 2] },
        { at: at('2026-12-08T10:00:00'), people: [2, 1] },
      ],
      [
        [1, '12-01'],
        [2, '12-01'],
      ],
    ],
    [
      'a third person makes everyone meet someone new',
      [
        { at: at('2026-12-08T10:00:00'), people: [1, 2, 3] },
        { at: at('2026-12-01T10:00:00'), people: [1, 2] },
      ],
      [
        [1, '12-01'],
        [2, '12-01'],
        [1, '12-08'],
        [2, '12-08'],
        [3, '12-08'],
      ],
    ],
    ['alone at an event', [{ at: at('2026-12-01T10:00:00'), people: [4] }], []],
  ] as const)('%s', (_case, encounters, expected) => {
    const result = firstMeetings(encounters.map((e) => ({ at: e.at, people: [...e.people] })));
    expect(result.map((m) => [m.userId, shanghaiDate(m.at).slice(5)])).toEqual(expected);
  });

  it('a group join meets the members before, not after', () => {
    const members = [
      { userId: 3, joinedAt: at('2026-12-03T10:00:00') },
      { userId: 1, joinedAt: at('2026-12-01T10:00:00') },
      { userId: 2, joinedAt: at('2026-12-02T10:00:00') },
    ];
    expect(groupEncounters(members).map((e) => e.people)).toEqual([[1], [1, 2], [1, 2, 3]]);
    expect(firstMeetings(groupEncounters(members)).map((m) => m.userId)).toEqual([1, 2, 1, 2, 3]);
  });
});

describe('the weekly report', () => {
  const weeks = reportWeeks(at('2026-11-30T00:00:00'), at('2026-12-14T00:00:00'))!;
  const report = buildReport(weeks, {
    events: [
      { id: 1, kind: 'culture', startAt: at('2026-12-01T19:00:00'), groupId: 7, signedUp: 3, attendees: [1, 2] },
      { id: 2, kind: 'sport', startAt: at('2026-12-09T09:00:00'), groupId: null, signedUp: 2, attendees: [2, 3] },
    ],
    feedback: [
      { eventId: 1, mood: 'good' },
      { eventId: 1, mood: 'ok' },
      { eventId: 2, mood: 'bad' },
    ],
    thanks: [{ createdAt: at('2026-12-02T10:00:00') }, { createdAt: at('2026-12-10T10:00:00') }],
    bookings: [
      { startAt: at('2026-12-01T19:00:00'), minutes: 120, groupId: 7, staffBooking: false, userId: 1 },
      { startAt: at('2026-12-02T10:00:00'), minutes: 60, groupId: null, staffBooking: false, userId: 5 },
      { startAt: at('2026-12-10T10:00:00'), minutes: 90, groupId: null, staffBooking: true, userId: 9 },
    ],
    meetings: [
      { at: at('2026-12-01T19:00:00'), userId: 1 },
      { at: at('2026-12-01T19:00:00'), userId: 2 },
      { at: at('2026-12-09T09:00:00'), userId: 2 },
      { at: at('2026-12-09T09:00:00'), userId: 3 },
    ],
    groupMembers: new Map([[7, new Set([1, 2])]]),
  });

  it.each([
    ['week', ['2026-11-30', '2026-12-07']],
    ['events', [1, 1]],
    ['signedUp', [3, 2]],
    ['attended', [2, 2]],
    ['metSomeoneNew', [2, 2]],
    ['activeGroupMembers', [2, 0]],
    ['thanks', [1, 1]],
    ['groupRoomMinutes', [120, 0]],
    ['individualRoomMinutes', [60, 0]],
    ['staffRoomMinutes', [0, 90]],
  ] as const)('%s per week: %j', (field, values) => {
    expect(report.weeks.map((w) => w[field])).toEqual(values);
  });

  it('counts kinds and moods, and people once over the range', () => {
    expect(report.weeks[0].eventsByKind).toMatchObject({ culture: 1, sport: 0 });
    expect(report.weeks[1].feedback).toEqual({ good: 0, ok: 0, bad: 1 });
    expect(report.totals).toMatchObject({ events: 2, metSomeoneNew: 3, activeGroupMembers: 2, thanks: 2 });
    expect(report.totals.feedback).toEqual({ good: 1, ok: 1, bad: 1 });
  });
});
