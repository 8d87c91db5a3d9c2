import {
  canSettle,
  canTransition,
  checkActivityTimes,
  checkActivityVisible,
  checkCancelActivity,
  checkCancelSignup,
  checkSignup,
  codeStep,
  inCheckInWindow,
  inCheckOutWindow,
  isValidManualMinutes,
  reminderDue,
  stepState,
} from './activities.rules.js';

const at = (hhmm: string, day = '29') => new Date(`2026-11-${day}T${hhmm}:00+08:00`);
const activity = { startAt: at('09:00'), endAt: at('11:00') };

describe('lifecycle', () => {
  it.each([
    ['draft', 'published', true],
    ['draft', 'cancelled', true],
    ['draft', 'settled', false],
    ['published', 'settled', true],
    ['published', 'cancelled', true],
    ['published', 'draft', false],
    ['settled', 'published', false],
    ['settled', 'cancelled', false],
    ['cancelled', 'published', false],
  ] as const)('%s → %s: %p', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });
});

describe('checkActivityTimes', () => {
  const now = at('08:00', '28');
  it.each([
    ['valid', at('09:00'), at('11:00'), at('18:00', '28'), null],
    ['end before start', at('11:00'), at('09:00'), at('18:00', '28'), 'ACTIVITY_TIME_INVALID'],
    ['end equals start', at('09:00'), at('09:00'), at('18:00', '28'), 'ACTIVITY_TIME_INVALID'],
    ['deadline after start', at('09:00'), at('11:00'), at('09:30'), 'ACTIVITY_TIME_INVALID'],
    ['deadline at start', at('09:00'), at('11:00'), at('09:00'), null],
    ['start in the past', at('07:00', '28'), at('11:00'), at('06:00', '28'), 'ACTIVITY_TIME_INVALID'],
    ['24 hours long', at('09:00'), new Date(at('09:00').getTime() + 24 * 3600_000), at('08:00'), null],
    [
      'longer than 24 hours (its minutes would become credits)',
      at('09:00'),
      new Date(at('09:00').getTime() + 24 * 3600_000 + 60_000),
      at('08:00'),
      'ACTIVITY_TIME_INVALID',
    ],
    [
      'a year ahead',
      new Date(now.getTime() + 365 * 86400_000),
      new Date(now.getTime() + 365 * 86400_000 + 3600_000),
      at('08:00'),
      null,
    ],
    [
      'more than a year ahead',
      new Date(now.getTime() + 367 * 86400_000),
      new Date(now.getTime() + 367 * 86400_000 + 3600_000),
      at('08:00'),
      'ACTIVITY_TIME_INVALID',
    ],
  ])('%s', (_name, startAt, endAt, signupDeadline, expected) => {
    expect(checkActivityTimes({ startAt, endAt, signupDeadline }, now)).toBe(expected);
  });
});

describe('checkSignup', () => {
  const volunteer = { role: 'resident', status: 'verified', volunteer: true };
  const open = { status: 'published' as const, signupDeadline: at('18:00', '28'), capacity: 10, signedUp: 3 };
  const now = at('12:00', '28');
  it.each([
    ['allowed', volunteer, open, now, null],
    ['not a volunteer', { ...volunteer, volunteer: false }, open, now, 'ACTIVITY_NOT_VOLUNTEER'],
    ['pending resident', { ...volunteer, status: 'pending' }, open, now, 'ACTIVITY_NOT_VOLUNTEER'],
    ['staff', { ...volunteer, role: 'staff' }, open, now, 'ACTIVITY_NOT_VOLUNTEER'],
    ['draft', volunteer, { ...open, status: 'draft' as const }, now, 'ACTIVITY_NOT_PUBLISHED'],
    ['settled', volunteer, { ...open, status: 'settled' as const }, now, 'ACTIVITY_NOT_PUBLISHED'],
    ['at the deadline', volunteer, open, at('18:00', '28'), null],
    ['after the deadline', volunteer, open, new Date(at('18:00', '28').getTime() + 1), 'ACTIVITY_SIGNUP_CLOSED'],
    ['last place', volunteer, { ...open, signedUp: 9 }, now, null],
    ['full', volunteer, { ...open, signedUp: 10 }, now, 'ACTIVITY_FULL'],
  ])('%s', (_name, user, a, when, expected) => {
    expect(checkSignup({ user, activity: a, now: when })).toBe(expected);
  });
});

describe('checkCancelSignup', () => {
  const a = { status: 'published' as const, startAt: at('09:00') };
  it.each([
    ['a day before', at('09:00', '28'), null, null],
    ['exactly 2 h before', at('07:00'), null, null],
    ['1 h 59 before', at('07:01'), null, 'ACTIVITY_CANCEL_TOO_LATE'],
    ['after start', at('09:30'), null, 'ACTIVITY_CANCEL_TOO_LATE'],
    ['checked in', at('06:00'), at('06:00'), 'ACTIVITY_ALREADY_CHECKED_IN'],
  ])('%s', (_name, now, checkedInAt, expected) => {
    expect(checkCancelSignup(a, { checkedInAt }, now)).toBe(expected);
  });
  it('not when cancelled', () =>
    expect(checkCancelSignup({ ...a, status: 'cancelled' }, { checkedInAt: null }, at('06:00'))).toBe(
      'ACTIVITY_NOT_PUBLISHED',
    ));
});

describe('windows', () => {
  it.each([
    ['08:29', false, false],
    ['08:30', true, false],
    ['08:59', true, false],
    ['09:00', true, true],
    ['10:00', true, true],
    ['11:00', true, true],
    ['11:01', false, true],
    ['12:00', false, true],
    ['12:01', false, false],
  ])('at %s: check-in %p, check-out %p', (hhmm, checkin, checkout) => {
    expect(inCheckInWindow(activity, at(hhmm))).toBe(checkin);
    expect(inCheckOutWindow(activity, at(hhmm))).toBe(checkout);
  });
});

describe('rotating steps', () => {
  it.each([
    [100, 100, 'current'],
    [99, 100, 'previous'],
    [98, 100, 'stale'],
    [0, 100, 'stale'],
    [101, 100, 'future'],
  ] as const)('code step %p at step %p: %s', (code, now, expected) => {
    expect(stepState(code, now)).toBe(expected);
  });
  it.each([
    ['1970-01-01T00:00:00.000Z', 0],
    ['1970-01-01T00:00:29.999Z', 0],
    ['1970-01-01T00:00:30.000Z', 1],
    ['1970-01-01T00:01:00.000Z', 2],
  ])('%s is step %p', (iso, step) => expect(codeStep(new Date(iso))).toBe(step));
});

describe('settlement and manual minutes', () => {
  it.each([
    ['published, ended', 'published', at('11:00'), null],
    ['published, running', 'published', at('10:59'), 'ACTIVITY_NOT_ENDED'],
    ['settled again', 'settled', at('12:00'), null],
    ['draft', 'draft', at('12:00'), 'ACTIVITY_NOT_PUBLISHED'],
    ['cancelled', 'cancelled', at('12:00'), 'ACTIVITY_NOT_PUBLISHED'],
  ] as const)('%s', (_name, status, now, expected) => {
    expect(canSettle({ status, endAt: activity.endAt }, now)).toBe(expected);
  });
  it.each([
    [0, true],
    [15, true],
    [120, true],
    [135, false],
    [10, false],
    [-15, false],
    [7.5, false],
  ])('%p manual minutes: %p', (m, ok) => {
    expect(isValidManualMinutes(m, activity)).toBe(ok);
  });
});

describe('reminderDue', () => {
  const a = { status: 'published' as const, startAt: at('09:00'), reminderSentAt: null };
  it.each([
    ['2 h before', at('07:00'), a, false],
    ['1 h before', at('08:00'), a, true],
    ['10 min before', at('08:50'), a, true],
    ['started', at('09:00'), a, false],
    ['already sent', at('08:30'), { ...a, reminderSentAt: at('08:00') }, false],
    ['draft', at('08:30'), { ...a, status: 'draft' as const }, false],
  ])('%s → %p', (_name, now, act, expected) => expect(reminderDue(act, now)).toBe(expected));
});

describe('checkCancelActivity', () => {
  it.each([
    ['draft', 'draft', at('12:00'), null],
    ['published, before the end', 'published', at('10:00'), null],
    ['published, ended', 'published', at('11:00'), 'ACTIVITY_ENDED'],
    ['settled', 'settled', at('08:00'), 'ACTIVITY_NOT_EDITABLE'],
    ['cancelled', 'cancelled', at('08:00'), 'ACTIVITY_NOT_EDITABLE'],
  ] as const)('%s', (_name, status, now, expected) => {
    expect(checkCancelActivity({ status, endAt: activity.endAt }, now)).toBe(expected);
  });
});

describe('checkActivityVisible', () => {
  const resident = { role: 'resident', status: 'verified', communityId: 1 } as const;
  const published = { communityId: 1, status: 'published' } as const;
  it.each([
    ['a verified resident, own community, published', resident, published, null],
    ['a pending resident sees no activity', { ...resident, status: 'pending' }, published, 'RESIDENT_NOT_VERIFIED'],
    ['a missing activity', resident, null, 'ACTIVITY_NOT_FOUND'],
    ['another community', resident, { ...published, communityId: 2 }, 'ACTIVITY_NOT_FOUND'],
    ['a draft, to a resident', resident, { ...published, status: 'draft' }, 'ACTIVITY_NOT_FOUND'],
    ['a draft, to staff of the community', { ...resident, role: 'staff' }, { ...published, status: 'draft' }, null],
    [
      'staff of another community',
      { ...resident, role: 'staff' },
      { ...published, communityId: 2 },
      'ACTIVITY_NOT_FOUND',
    ],
    ['an admin, any community', { role: 'admin', status: 'verified', communityId: null }, published, null],
    ['a cancelled one stays visible to residents', resident, { ...published, status: 'cancelled' }, null],
  ] as const)('%s', (_name, viewer, activity, expected) => {
    expect(checkActivityVisible(viewer, activity)).toBe(expected);
  });
});
