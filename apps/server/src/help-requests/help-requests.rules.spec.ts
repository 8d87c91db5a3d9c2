import { helpRequestStatuses, type HelpRequestStatus } from '@linli/shared-types';
import {
  arrivalWindow,
  autoConfirmCutoff,
  checkHelpAction,
  checkNewHelpRequest,
  checkSettlement,
  helpActions,
  helpRoleOf,
  helpTransitions,
  isInArrivalWindow,
  type HelpAction,
  type HelpRole,
} from './help-requests.rules.js';

describe('the help request state machine', () => {
  // Every action against every state, by its own actor: allowed exactly where the table says.
  const allowed: Record<HelpAction, HelpRequestStatus[]> = {
    offer: ['open'],
    choose: ['open'],
    arrive: ['matched'],
    done: ['started'],
    confirm: ['done'],
    auto_confirm: ['done'],
    dispute: ['done'],
    cancel: ['open', 'matched'],
    settle: ['disputed'],
  };
  const actor: Record<HelpAction, HelpRole> = {
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
  const cases = helpActions.flatMap((action) =>
    helpRequestStatuses.map((status) => [action, status, allowed[action].includes(status)] as const),
  );
  it.each(cases)('%s from %s: allowed %s', (action, status, ok) => {
    expect(checkHelpAction(action, status, actor[action])).toBe(ok ? null : 'HELP_REQUEST_STATE');
  });

  it('terminal states allow nothing', () => {
    for (const status of ['confirmed', 'settled', 'cancelled'] as const)
      for (const action of helpActions) expect(checkHelpAction(action, status, actor[action])).not.toBeNull();
  });

  it('every transition leads to a known state', () => {
    for (const action of helpActions) expect(helpRequestStatuses).toContain(helpTransitions[action].to);
  });
});

describe('who may act', () => {
  const roles: HelpRole[] = ['poster', 'helper', 'neighbour', 'staff', 'system'];
  const expected: Record<HelpAction, Partial<Record<HelpRole, string>>> = {
    offer: {
      poster: 'HELP_OWN_REQUEST',
      helper: 'HELP_OWN_REQUEST',
      staff: 'HELP_OWN_REQUEST',
      system: 'HELP_OWN_REQUEST',
    },
    choose: {
      helper: 'HELP_NOT_POSTER',
      neighbour: 'HELP_NOT_POSTER',
      staff: 'HELP_NOT_POSTER',
      system: 'HELP_NOT_POSTER',
    },
    arrive: {
      poster: 'HELP_NOT_HELPER',
      neighbour: 'HELP_NOT_HELPER',
      staff: 'HELP_NOT_HELPER',
      system: 'HELP_NOT_HELPER',
    },
    done: {
      poster: 'HELP_NOT_HELPER',
      neighbour: 'HELP_NOT_HELPER',
      staff: 'HELP_NOT_HELPER',
      system: 'HELP_NOT_HELPER',
    },
    confirm: {
      helper: 'HELP_NOT_POSTER',
      neighbour: 'HELP_NOT_POSTER',
      staff: 'HELP_NOT_POSTER',
      system: 'HELP_NOT_POSTER',
    },
    auto_confirm: { poster: 'FORBIDDEN', helper: 'FORBIDDEN', neighbour: 'FORBIDDEN', staff: 'FORBIDDEN' },
    dispute: {
      helper: 'HELP_NOT_POSTER',
      neighbour: 'HELP_NOT_POSTER',
      staff: 'HELP_NOT_POSTER',
      system: 'HELP_NOT_POSTER',
    },
    cancel: {
      helper: 'HELP_NOT_POSTER',
      neighbour: 'HELP_NOT_POSTER',
      staff: 'HELP_NOT_POSTER',
      system: 'HELP_NOT_POSTER',
    },
    settle: { poster: 'FORBIDDEN', helper: 'FORBIDDEN', neighbour: 'FORBIDDEN', system: 'FORBIDDEN' },
  };
  const cases = helpActions.flatMap((action) =>
    roles.map((role) => [action, role, expected[action][role] ?? null] as const),
  );
  it.each(cases)('%s by %s → %s', (action, role, code) => {
    // From a state where the action is allowed, so only the actor decides.
    expect(checkHelpAction(action, helpTransitions[action].from[0], role)).toBe(code);
  });

  it.each([
    [{ posterId: 1, helperId: 2 }, { id: 1, role: 'resident' }, 'poster'],
    [{ posterId: 1, helperId: 2 }, { id: 2, role: 'resident' }, 'helper'],
    [{ posterId: 1, helperId: null }, { id: 2, role: 'resident' }, 'neighbour'],
    [{ posterId: 1, helperId: 2 }, { id: 3, role: 'resident' }, 'neighbour'],
    [{ posterId: 1, helperId: 2 }, { id: 1, role: 'staff' }, 'staff'],
    [{ posterId: 1, helperId: 2 }, { id: 9, role: 'admin' }, 'staff'],
  ] as const)('%o seen by %o is %s', (request, user, role) => {
    expect(helpRoleOf(request, user)).toBe(role);
  });
});

describe('times and amounts', () => {
  const now = new Date('2026-12-01T02:00:00Z');
  it.each([
    ['in an hour, 60 min', '2026-12-01T03:00:00Z', 60, null],
    ['30 s ago (a phone clock)', '2026-12-01T01:59:30Z', 60, null],
    ['an hour ago', '2026-12-01T01:00:00Z', 60, 'HELP_START_IN_PAST'],
    ['in 60 days', '2027-01-30T02:00:00Z', 60, null],
    ['in 61 days', '2027-01-31T02:00:00Z', 60, 'HELP_START_TOO_FAR'],
    ['14 minutes', '2026-12-01T03:00:00Z', 14, 'VALIDATION_FAILED'],
    ['15 minutes', '2026-12-01T03:00:00Z', 15, null],
    ['480 minutes', '2026-12-01T03:00:00Z', 480, null],
    ['481 minutes', '2026-12-01T03:00:00Z', 481, 'VALIDATION_FAILED'],
    ['20.5 minutes', '2026-12-01T03:00:00Z', 20.5, 'VALIDATION_FAILED'],
  ] as const)('a request starting %s', (_n, startAt, minutes, code) => {
    expect(checkNewHelpRequest({ startAt: new Date(startAt), minutes }, now)).toBe(code);
  });

  const start = new Date('2026-12-01T03:00:00Z');
  it.each([
    ['31 min early', '2026-12-01T02:29:00Z', false],
    ['30 min early', '2026-12-01T02:30:00Z', true],
    ['at the start', '2026-12-01T03:00:00Z', true],
    ['2 h after the expected end', '2026-12-01T06:00:00Z', true],
    ['a minute later', '2026-12-01T06:01:00Z', false],
  ])('the helper scanning %s is in the window: %s', (_n, at, inside) => {
    expect(isInArrivalWindow(start, 60, new Date(at))).toBe(inside);
  });
  it('the window is 30 min before to 2 h after the end', () => {
    expect(arrivalWindow(start, 60)).toEqual({
      from: new Date('2026-12-01T02:30:00Z'),
      until: new Date('2026-12-01T06:00:00Z'),
    });
  });

  it.each([
    [0, 60, null],
    [60, 60, null],
    [30, 60, null],
    [61, 60, 'HELP_SETTLE_TOO_MUCH'],
    [-1, 60, 'VALIDATION_FAILED'],
    [1.5, 60, 'VALIDATION_FAILED'],
  ])('settling %i of %i held → %s', (minutes, held, code) => {
    expect(checkSettlement(minutes, held)).toBe(code);
  });

  it('auto-confirms what was done 72 hours ago', () => {
    expect(autoConfirmCutoff(now)).toEqual(new Date('2026-11-28T02:00:00Z'));
  });
});
