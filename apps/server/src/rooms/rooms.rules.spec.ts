import { slotGrid, slotState, type Role } from '@linli/shared-types';
import { roomVisibleTo, slotStateAt } from './rooms.rules.js';

describe('roomVisibleTo (admins all; staff their community; residents their community, active rooms only)', () => {
  it.each<[Role, number | null, number, boolean, boolean]>([
    ['admin', null, 1, false, true],
    ['admin', null, 2, true, true],
    ['staff', 1, 1, true, true],
    ['staff', 1, 1, false, true],
    ['staff', 1, 2, true, false],
    ['resident', 1, 1, true, true],
    ['resident', 1, 1, false, false],
    ['resident', 1, 2, true, false],
  ])('%p of community %p, room of community %p (active %p) → %p', (role, communityId, roomCommunity, active, seen) => {
    expect(roomVisibleTo({ role, communityId }, { communityId: roomCommunity, active })).toBe(seen);
  });
});

describe('slotStateAt is slotState on epoch milliseconds', () => {
  const at = (hhmm: string) => Date.parse(`2026-12-08T${hhmm}:00.000+08:00`);
  const pairs = (intervals: Array<[string, string]>) => intervals.flatMap(([a, b]) => [at(a), at(b)]);
  const dated = (flat: number[]) =>
    flat.flatMap((v, i) => (i % 2 ? [] : [{ startAt: new Date(v), endAt: new Date(flat[i + 1]) }]));

  it.each<[string, number, string, Array<[string, string]>, Array<[string, string]>]>([
    ['nothing booked, before the day', 30, '00:00', [], []],
    [
      'cells and a closure',
      30,
      '00:00',
      [['10:00', '12:00']],
      [
        ['09:00', '09:15'],
        ['11:45', '12:00'],
        ['13:15', '13:30'],
      ],
    ],
    [
      'closure edges touch but do not overlap',
      60,
      '00:00',
      [
        ['09:00', '10:00'],
        ['13:00', '13:00'],
      ],
      [['10:00', '10:15']],
    ],
    [
      'past beats closed beats taken',
      15,
      '10:20',
      [['10:00', '11:00']],
      [
        ['10:30', '10:45'],
        ['11:00', '11:15'],
      ],
    ],
    ['now on a slot start', 30, '12:00', [], [['12:00', '12:15']]],
    ['whole day closed', 30, '00:00', [['00:00', '23:59']], [['12:00', '12:15']]],
  ])('%s', (_, slotMinutes, now, closures, cells) => {
    const closed = pairs(closures);
    const taken = pairs(cells);
    for (const slot of slotGrid({ openTime: '08:30', closeTime: '21:00', slotMinutes }, '2026-12-08')) {
      const expected = slotState(slot, { now: new Date(at(now)), closed: dated(closed), taken: dated(taken) });
      expect(slotStateAt(slot.startAt.getTime(), slot.endAt.getTime(), { now: at(now), closed, taken })).toBe(expected);
    }
  });
});
