import type { BookingStatus, Role } from '@linli/shared-types';
import dayjs from 'dayjs';
import isoWeek from 'dayjs/plugin/isoWeek.js';
import timezone from 'dayjs/plugin/timezone.js';
import utc from 'dayjs/plugin/utc.js';
import {
  bookingSettings,
  canTransition,
  checkAttendees,
  checkBookingTime,
  checkCancel,
  bookingVisibleTo,
  checkCancelReason,
  checkQuota,
  checkStaffCheckIn,
  inCheckInWindow,
  initialStatus,
  isoWeekOf,
  noShowCutoff,
  occupiedCells,
  statusesBefore,
  suspensionAfterNoShow,
  validOpeningHours,
  weeklyOccurrences,
} from './bookings.rules.js';

const at = (iso: string) => new Date(iso);
const room = {
  openTime: '08:30',
  closeTime: '21:00',
  slotMinutes: 30,
  maxMinutes: 180,
  bookAheadDays: 7,
  minNoticeMinutes: 60,
  capacity: 12,
  active: true,
};
// Saturday 2026-11-28 09:00 in Shanghai.
const now = at('2026-11-28T01:00:00Z');

describe('checkBookingTime (times in Asia/Shanghai)', () => {
  it.each([
    ['10:00–11:00 today', '2026-11-28T02:00:00Z', '2026-11-28T03:00:00Z', null],
    ['exactly the minimum notice (10:00 at 09:00)', '2026-11-28T02:00:00Z', '2026-11-28T02:30:00Z', null],
    ['09:30, less than 60 min notice', '2026-11-28T01:30:00Z', '2026-11-28T02:00:00Z', 'BOOKING_TOO_SOON'],
    ['already started', '2026-11-28T00:30:00Z', '2026-11-28T01:30:00Z', 'BOOKING_TOO_SOON'],
    ['6 days ahead', '2026-12-04T02:00:00Z', '2026-12-04T03:00:00Z', null],
    ['just inside 7 days', '2026-12-05T00:30:00Z', '2026-12-05T01:00:00Z', null],
    ['exactly 7 days ahead', '2026-12-05T01:00:00Z', '2026-12-05T01:30:00Z', 'BOOKING_TOO_FAR'],
    ['180 min, the longest', '2026-11-28T02:00:00Z', '2026-11-28T05:00:00Z', null],
    ['210 min', '2026-11-28T02:00:00Z', '2026-11-28T05:30:00Z', 'BOOKING_TOO_LONG'],
    ['before opening 08:00', '2026-11-29T00:00:00Z', '2026-11-29T00:30:00Z', 'BOOKING_OFF_GRID'],
    ['after closing 21:00', '2026-11-28T13:00:00Z', '2026-11-28T13:30:00Z', 'BOOKING_OFF_GRID'],
    ['off the 30-min grid', '2026-11-28T02:15:00Z', '2026-11-28T02:45:00Z', 'BOOKING_OFF_GRID'],
    ['end before start', '2026-11-28T03:00:00Z', '2026-11-28T02:00:00Z', 'BOOKING_OFF_GRID'],
  ])('%s → %p', (_label, start, end, code) => {
    expect(checkBookingTime(room, at(start), at(end), now)?.code ?? null).toBe(code);
  });

  it.each([
    ['staff ignore notice', '2026-11-28T01:30:00Z', '2026-11-28T02:00:00Z', null],
    ['staff ignore the window', '2026-12-20T02:00:00Z', '2026-12-20T03:00:00Z', null],
    ['staff ignore the longest booking', '2026-11-28T02:00:00Z', '2026-11-28T12:00:00Z', null],
    ['staff cannot book the past', '2026-11-28T00:30:00Z', '2026-11-28T01:30:00Z', 'BOOKING_TOO_SOON'],
    ['staff stay on the grid', '2026-11-28T02:10:00Z', '2026-11-28T03:00:00Z', 'BOOKING_OFF_GRID'],
  ])('%s → %p', (_label, start, end, code) => {
    expect(checkBookingTime(room, at(start), at(end), now, { staff: true })?.code ?? null).toBe(code);
  });
});

describe('validOpeningHours', () => {
  it.each([
    ['08:30', '21:00', 30, true],
    ['08:00', '08:30', 30, true],
    ['08:00', '08:15', 30, false],
    ['21:00', '08:30', 30, false],
    ['08:10', '21:00', 30, false],
    ['8:30', '21:00', 30, false],
    ['00:00', '24:00', 60, true],
  ])('%p–%p with %p-min slots → %p', (open, close, slot, ok) => expect(validOpeningHours(open, close, slot)).toBe(ok));
});

describe('checkAttendees', () => {
  it.each([
    [1, null],
    [12, null],
    [0, 'BOOKING_ATTENDEES_INVALID'],
    [13, 'BOOKING_ATTENDEES_INVALID'],
    [2.5, 'BOOKING_ATTENDEES_INVALID'],
  ])('%p attendees in a room for 12 → %p', (n, code) => expect(checkAttendees(room, n)?.code ?? null).toBe(code));
});

describe('checkQuota (not suspended, no own overlap in any room, fewer than 2 upcoming, ≤ 240 min per ISO week)', () => {
  it.each([
    [0, 0, 0, 0, 60, null],
    [0, 0, 1, 0, 60, null],
    [0, 0, 2, 0, 30, 'BOOKING_QUOTA_ACTIVE'],
    [0, 0, 0, 180, 60, null],
    [0, 0, 0, 180, 90, 'BOOKING_QUOTA_WEEKLY'],
    [0, 0, 1, 240, 30, 'BOOKING_QUOTA_WEEKLY'],
    [0, 0, 0, 0, 240, null],
    [1, 0, 0, 0, 30, 'BOOKING_SUSPENDED'],
    [2, 0, 2, 240, 30, 'BOOKING_SUSPENDED'],
    // Another active booking of theirs at the same time, in another room: refused whatever the quotas say.
    [0, 1, 0, 0, 30, 'BOOKING_OVERLAPS_OWN'],
    [0, 2, 1, 60, 60, 'BOOKING_OVERLAPS_OWN'],
    [0, 1, 2, 240, 30, 'BOOKING_OVERLAPS_OWN'],
    [1, 1, 0, 0, 30, 'BOOKING_SUSPENDED'],
  ])(
    '%p suspensions, %p overlapping, %p upcoming, %p min this week, +%p min → %p',
    (activeSuspensions, overlapping, upcomingActive, weekMinutes, minutes, code) => {
      expect(checkQuota({ activeSuspensions, overlapping, upcomingActive, weekMinutes }, minutes)?.code ?? null).toBe(
        code,
      );
    },
  );
});

describe('isoWeekOf (Monday to Monday, Asia/Shanghai)', () => {
  it.each([
    ['2026-11-28T01:00:00Z', '2026-11-22T16:00:00.000Z'], // Saturday → Monday 23 Nov 00:00 local
    ['2026-11-22T15:59:59Z', '2026-11-15T16:00:00.000Z'], // Sunday 23:59:59 local → previous week
    ['2026-11-22T16:00:00Z', '2026-11-22T16:00:00.000Z'], // Monday 00:00 local
    ['2026-12-31T20:00:00Z', '2026-12-27T16:00:00.000Z'], // Fri 1 Jan 2027 local
  ])('%p → week starting %p', (instant, start) => {
    const week = isoWeekOf(at(instant));
    expect(week.startAt.toISOString()).toBe(start);
    expect(week.endAt.getTime() - week.startAt.getTime()).toBe(7 * 86_400_000);
  });
});

describe('isoWeekOf agrees with dayjs in Asia/Shanghai', () => {
  it('for instants spread over 2020–2035', () => {
    dayjs.extend(utc);
    dayjs.extend(timezone);
    dayjs.extend(isoWeek);
    for (
      let t = Date.parse('2020-01-01T00:00:00Z');
      t < Date.parse('2035-12-31T00:00:00Z');
      t += 86_400_000 * 3 + 3_600_000 * 7 + 60_000 * 13
    ) {
      const expected = dayjs(new Date(t)).tz('Asia/Shanghai').startOf('isoWeek');
      const week = isoWeekOf(new Date(t));
      expect([week.startAt.toISOString(), week.endAt.toISOString()]).toEqual([
        expected.toDate().toISOString(),
        expected.add(7, 'day').toDate().toISOString(),
      ]);
    }
  });
});

describe('occupiedCells', () => {
  it.each([
    ['2026-11-28T02:00:00Z', '2026-11-28T02:30:00Z', ['02:00', '02:15']],
    ['2026-11-28T02:00:00Z', '2026-11-28T03:00:00Z', ['02:00', '02:15', '02:30', '02:45']],
    ['2026-11-28T02:00:00Z', '2026-11-28T02:15:00Z', ['02:00']],
  ])('%p–%p → %p', (s, e, cells) => {
    expect(occupiedCells(at(s), at(e)).map((d) => d.toISOString().slice(11, 16))).toEqual(cells);
  });
});

describe('status transitions', () => {
  const all: BookingStatus[] = ['pending', 'approved', 'rejected', 'cancelled', 'checked_in', 'completed', 'no_show'];
  const allowed = new Set([
    'pending→approved',
    'pending→rejected',
    'pending→cancelled',
    'approved→checked_in',
    'approved→no_show',
    'approved→cancelled',
    'checked_in→completed',
  ]);
  it.each(all.flatMap((from) => all.map((to) => [from, to] as const)))('%s → %s', (from, to) => {
    expect(canTransition(from, to)).toBe(allowed.has(`${from}→${to}`));
  });
  it.each([
    ['cancelled', ['pending', 'approved']],
    ['no_show', ['approved']],
    ['completed', ['checked_in']],
    ['approved', ['pending']],
  ] as const)('a booking becomes %s only from %p', (to, from) => expect(statusesBefore(to)).toEqual(from));
  it.each([
    [true, false, 'pending'],
    [true, true, 'approved'],
    [false, false, 'approved'],
  ] as const)('requiresApproval %p, by staff %p → %p', (requiresApproval, staff, status) =>
    expect(initialStatus({ requiresApproval }, staff)).toBe(status),
  );
});

describe('checkCancel', () => {
  const booking = { startAt: at('2026-11-28T02:00:00Z'), endAt: at('2026-11-28T03:00:00Z') };
  it.each([
    ['approved', '2026-11-28T01:59:00Z', false, null],
    ['pending', '2026-11-28T01:00:00Z', false, null],
    ['approved', '2026-11-28T02:00:00Z', false, 'BOOKING_NOT_CANCELLABLE'],
    ['approved', '2026-11-28T02:30:00Z', true, null],
    ['approved', '2026-11-28T03:00:00Z', true, 'BOOKING_NOT_CANCELLABLE'],
    ['checked_in', '2026-11-28T01:00:00Z', true, 'BOOKING_NOT_CANCELLABLE'],
    ['cancelled', '2026-11-28T01:00:00Z', false, 'BOOKING_NOT_CANCELLABLE'],
    ['rejected', '2026-11-28T01:00:00Z', true, 'BOOKING_NOT_CANCELLABLE'],
  ] as const)('%s at %p by staff %p → %p', (status, when, staff, code) => {
    expect(checkCancel({ ...booking, status }, at(when), staff)?.code ?? null).toBe(code);
  });
});

describe('check-in window and no-show cutoff', () => {
  const start = at('2026-11-28T02:00:00Z');
  it.each([
    ['2026-11-28T01:44:59Z', false],
    ['2026-11-28T01:45:00Z', true],
    ['2026-11-28T02:00:00Z', true],
    ['2026-11-28T02:15:00Z', true],
    ['2026-11-28T02:15:01Z', false],
  ])('at %p → %p', (when, ok) => expect(inCheckInWindow(start, at(when))).toBe(ok));
  it('no-shows are bookings that started 15 min before now', () => {
    expect(noShowCutoff(at('2026-11-28T02:15:00Z')).toISOString()).toBe('2026-11-28T02:00:00.000Z');
  });
});

describe('suspension after no-shows (3 in 30 days → 14 days)', () => {
  const day = 86_400_000;
  const ago = (days: number) => new Date(now.getTime() - days * day);
  it.each([
    ['two no-shows', [ago(1), ago(2)], null, false],
    ['three within 30 days', [ago(1), ago(10), ago(29)], null, true],
    ['three, one older than 30 days', [ago(1), ago(10), ago(31)], null, false],
    ['three, but one before the last suspension', [ago(1), ago(2), ago(5)], ago(3), false],
    ['three after the last suspension', [ago(1), ago(2), ago(2.5)], ago(3), true],
  ])('%s → suspended %p', (_label, times, lastSuspension, suspended) => {
    const until = suspensionAfterNoShow(times, lastSuspension, now);
    expect(until !== null).toBe(suspended);
    if (until) expect(until.getTime() - now.getTime()).toBe(bookingSettings.suspensionDays * day);
  });
});

describe('weeklyOccurrences', () => {
  it('repeats the same local time every week', () => {
    const weeks = weeklyOccurrences(at('2026-11-28T11:00:00Z'), at('2026-11-28T12:30:00Z'), 3);
    expect(weeks.map((w) => [w.startAt.toISOString(), w.endAt.toISOString()])).toEqual([
      ['2026-11-28T11:00:00.000Z', '2026-11-28T12:30:00.000Z'],
      ['2026-12-05T11:00:00.000Z', '2026-12-05T12:30:00.000Z'],
      ['2026-12-12T11:00:00.000Z', '2026-12-12T12:30:00.000Z'],
    ]);
  });
});

describe('bookingVisibleTo (a resident their own, staff their community, admins any)', () => {
  const booking = { userId: 7, communityId: 1 };
  it.each<[string, { id: number; role: Role; communityId: number | null }, boolean]>([
    ['the booker', { id: 7, role: 'resident', communityId: 1 }, true],
    ['a neighbour', { id: 8, role: 'resident', communityId: 1 }, false],
    ['staff of the community', { id: 2, role: 'staff', communityId: 1 }, true],
    ['staff of another community', { id: 3, role: 'staff', communityId: 2 }, false],
    ['an admin', { id: 1, role: 'admin', communityId: null }, true],
  ])('%s → %p', (_, actor, seen) => {
    expect(bookingVisibleTo(actor, booking)).toBe(seen);
  });
});

describe('checkCancelReason (staff cancelling for somebody else say why)', () => {
  it.each<[boolean, boolean, string | undefined, string | null]>([
    [false, false, undefined, null],
    [true, false, undefined, null],
    [true, true, undefined, 'BOOKING_REASON_REQUIRED'],
    [true, true, '  ', 'BOOKING_REASON_REQUIRED'],
    [true, true, '设备检修', null],
  ])('staff %p, for someone else %p, reason %p → %p', (byStaff, forSomeoneElse, reason, code) => {
    expect(checkCancelReason(byStaff, forSomeoneElse, reason)?.code ?? null).toBe(code);
  });
});

describe('checkStaffCheckIn (approved, from 15 min before the start until the end)', () => {
  const start = at('2026-11-28T02:00:00Z');
  const end = at('2026-11-28T03:00:00Z');
  it.each<[BookingStatus, string, string | null]>([
    ['approved', '2026-11-28T01:44:59Z', 'BOOKING_NOT_CHECKABLE'],
    ['approved', '2026-11-28T01:45:00Z', null],
    ['approved', '2026-11-28T02:30:00Z', null],
    ['approved', '2026-11-28T02:59:59Z', null],
    ['approved', '2026-11-28T03:00:00Z', 'BOOKING_NOT_CHECKABLE'],
    ['pending', '2026-11-28T02:00:00Z', 'BOOKING_NOT_CHECKABLE'],
    ['cancelled', '2026-11-28T02:00:00Z', 'BOOKING_NOT_CHECKABLE'],
    ['no_show', '2026-11-28T02:20:00Z', 'BOOKING_NOT_CHECKABLE'],
  ])('%p at %p → %p', (status, now, code) => {
    expect(checkStaffCheckIn({ status, startAt: start, endAt: end }, at(now))?.code ?? null).toBe(code);
  });
});
