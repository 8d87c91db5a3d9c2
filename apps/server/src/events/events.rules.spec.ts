import {
  checkCancelEvent,
  checkCancelSignup,
  checkCreate,
  checkEventBooking,
  checkEventTimes,
  checkFeedback,
  checkSignup,
  checkThanks,
  inCheckInWindow,
  inFeedbackWindow,
  nextInLine,
  placeFor,
  waitlistPosition,
} from './events.rules.js';

const at = (hhmm: string, day = '08') => new Date(`2026-12-${day}T${hhmm}:00+08:00`);
const event = { startAt: at('19:00'), endAt: at('21:00'), status: 'open', membersOnly: false, organiserId: 5 } as const;

describe('who may create an event', () => {
  const approved = (myRole: 'leader' | 'member' | null) => ({ status: 'approved', myRole }) as const;
  it.each([
    ['staff, no group', 'staff', null, false, null],
    ['staff, a group', 'staff', approved(null), true, null],
    ['staff, members only without a group', 'staff', null, true, 'EVENT_MEMBERS_ONLY_NEEDS_GROUP'],
    ['staff, a proposed group', 'staff', { status: 'proposed', myRole: null }, false, 'GROUP_NOT_APPROVED'],
    ['admin, no group', 'admin', null, false, null],
    ['leader of the group', 'resident', approved('leader'), true, null],
    ['member of the group', 'resident', approved('member'), false, 'GROUP_NOT_LEADER'],
    ['resident, no group', 'resident', null, false, 'GROUP_NOT_LEADER'],
    ['leader of a proposed group', 'resident', { status: 'proposed', myRole: 'leader' }, false, 'GROUP_NOT_APPROVED'],
  ] as const)('%s → %s', (_case, role, group, membersOnly, code) => {
    expect(checkCreate({ role }, group, membersOnly)?.code ?? null).toBe(code);
  });
});

describe('times and bookings', () => {
  const now = at('10:00');
  it.each([
    [at('19:00'), at('21:00'), null],
    [at('09:00'), at('11:00'), 'EVENT_TIME_INVALID'],
    [at('19:00'), at('19:00'), 'EVENT_TIME_INVALID'],
    [at('19:00'), at('20:00', '09'), 'EVENT_TIME_INVALID'],
    [
      new Date(now.getTime() + 400 * 86_400_000),
      new Date(now.getTime() + 400 * 86_400_000 + 3_600_000),
      'EVENT_TIME_INVALID',
    ],
  ] as const)('%s–%s → %s', (start, end, code) => {
    expect(checkEventTimes(start, end, now)?.code ?? null).toBe(code);
  });

  const booking = { status: 'approved', startAt: at('18:30'), endAt: at('21:00'), userId: 5, groupId: 3 };
  const ev = { startAt: at('19:00'), endAt: at('21:00'), organiserId: 5, groupId: null, byStaff: false };
  it.each([
    ['the organiser’s booking around it', booking, ev, null],
    ['the group’s booking by another leader', { ...booking, userId: 9 }, { ...ev, groupId: 3 }, null],
    ['someone else’s booking', { ...booking, userId: 9 }, ev, 'EVENT_BOOKING_INVALID'],
    ['staff use any booking', { ...booking, userId: 9 }, { ...ev, byStaff: true }, null],
    ['a cancelled booking', { ...booking, status: 'cancelled' }, ev, 'EVENT_BOOKING_INVALID'],
    ['the event runs past the booking', booking, { ...ev, endAt: at('21:30') }, 'EVENT_BOOKING_INVALID'],
  ] as const)('%s → %s', (_case, b, e, code) => {
    expect(checkEventBooking(b, e)?.code ?? null).toBe(code);
  });
});

describe('sign-up, waitlist and cancel', () => {
  it.each([
    ['open, before the start', event, false, at('18:00'), null],
    ['after the start', event, false, at('19:00'), 'EVENT_NOT_OPEN'],
    ['cancelled', { ...event, status: 'cancelled' }, false, at('18:00'), 'EVENT_NOT_OPEN'],
    ['members only, not a member', { ...event, membersOnly: true }, false, at('18:00'), 'EVENT_MEMBERS_ONLY'],
    ['members only, a member', { ...event, membersOnly: true }, true, at('18:00'), null],
  ] as const)('%s → %s', (_case, e, member, now, code) => {
    expect(checkSignup(e, member, now)?.code ?? null).toBe(code);
  });

  it.each([
    [0, 2, 'signed_up'],
    [1, 2, 'signed_up'],
    [2, 2, 'waitlisted'],
    [3, 2, 'waitlisted'],
  ] as const)('%i of %i taken → %s', (taken, capacity, place) => {
    expect(placeFor(taken, capacity)).toBe(place);
  });

  it('promotes the earliest on the waitlist, whatever order the rows come in', () => {
    const rows = [
      { id: 1, status: 'signed_up', queueNo: 1 },
      { id: 4, status: 'waitlisted', queueNo: 9 },
      { id: 3, status: 'waitlisted', queueNo: 4 },
      { id: 5, status: 'waitlisted', queueNo: 12 },
    ] as const;
    expect(nextInLine([...rows])?.id).toBe(3);
    expect(nextInLine(rows.filter((r) => r.id !== 3))?.id).toBe(4);
    expect(nextInLine(rows.filter((r) => r.status === 'signed_up'))).toBeNull();
  });

  it.each([
    [4, [4, 9, 12], 1],
    [9, [4, 9, 12], 2],
    [12, [4, 9, 12], 3],
  ])('queue number %i of %j is place %i', (queueNo, queue, position) => {
    expect(waitlistPosition(queueNo, queue)).toBe(position);
  });

  it.each([
    [at('18:59'), null],
    [at('19:00'), 'EVENT_NOT_OPEN'],
  ] as const)('cancel at %s → %s', (now, code) => {
    expect(checkCancelSignup(event, now)?.code ?? null).toBe(code);
  });
});

describe('who may cancel an event, and until when', () => {
  const staff = { id: 1, role: 'staff' } as const;
  const organiser = { id: 5, role: 'resident' } as const;
  const other = { id: 9, role: 'resident' } as const;
  it.each([
    ['staff, before the start', staff, null, event, at('18:59'), null],
    ['an admin', { id: 2, role: 'admin' } as const, null, event, at('12:00'), null],
    ['the organiser', organiser, null, event, at('12:00'), null],
    ['a leader of its group', other, 'leader', event, at('12:00'), null],
    ['a member of its group', other, 'member', event, at('12:00'), 'EVENT_NOT_ORGANISER'],
    ['another resident', other, null, event, at('12:00'), 'EVENT_NOT_ORGANISER'],
    ['another resident, after the start (who first)', other, null, event, at('19:30'), 'EVENT_NOT_ORGANISER'],
    ['staff, at the start', staff, null, event, at('19:00'), 'EVENT_NOT_OPEN'],
    ['the organiser, after the end', organiser, null, event, at('21:30'), 'EVENT_NOT_OPEN'],
    [
      'staff, already cancelled',
      staff,
      null,
      { ...event, status: 'cancelled' } as const,
      at('12:00'),
      'EVENT_NOT_OPEN',
    ],
  ] as const)('%s', (_label, actor, myRole, subject, now, code) => {
    expect(checkCancelEvent(subject, actor, myRole, now)?.code ?? null).toBe(code);
  });
});

describe('check-in and the feedback window', () => {
  it.each([
    [at('18:29'), false],
    [at('18:30'), true],
    [at('20:00'), true],
    [at('21:00'), true],
    [at('21:01'), false],
  ] as const)('door check-in at %s → %p', (now, open) => {
    expect(inCheckInWindow(event, now)).toBe(open);
  });

  const end = event.endAt.getTime();
  it.each([
    [new Date(end - 60_000), false],
    [new Date(end), true],
    [new Date(end + 6 * 86_400_000), true],
    [new Date(end + 7 * 86_400_000 - 1), true],
    [new Date(end + 7 * 86_400_000), false],
  ] as const)('feedback at %s → %p', (now, open) => {
    expect(inFeedbackWindow(event, now)).toBe(open);
  });

  const after = new Date(end + 3_600_000);
  const came = { status: 'signed_up', checkedInAt: at('19:05') } as const;
  it.each([
    ['an attendee, after the end', came, after, null],
    ['an attendee, before the end', came, at('20:00'), 'EVENT_FEEDBACK_CLOSED'],
    ['an attendee, 8 days after', came, new Date(end + 8 * 86_400_000), 'EVENT_FEEDBACK_CLOSED'],
    ['signed up, never checked in', { status: 'signed_up', checkedInAt: null }, after, 'EVENT_NOT_ATTENDED'],
    ['waitlisted', { status: 'waitlisted', checkedInAt: null }, after, 'EVENT_NOT_ATTENDED'],
    ['no sign-up', null, after, 'EVENT_NOT_ATTENDED'],
  ] as const)('feedback from %s → %s', (_case, attendance, now, code) => {
    expect(checkFeedback(event, attendance, now)?.code ?? null).toBe(code);
  });

  const attendees = new Set([7, 8]);
  it.each([
    ['attendee → organiser', 7, 5, after, null],
    ['attendee → fellow attendee', 7, 8, after, null],
    ['organiser → attendee', 5, 7, after, null],
    ['attendee → self', 7, 7, after, 'EVENT_THANKS_TARGET_INVALID'],
    ['attendee → stranger', 7, 99, after, 'EVENT_THANKS_TARGET_INVALID'],
    ['non-attendee → organiser', 99, 5, after, 'EVENT_NOT_ATTENDED'],
    ['attendee → organiser, before the end', 7, 5, at('20:00'), 'EVENT_FEEDBACK_CLOSED'],
  ] as const)('%s → %s', (_case, from, to, now, code) => {
    expect(checkThanks(event, from, to, attendees, now)?.code ?? null).toBe(code);
  });
});
