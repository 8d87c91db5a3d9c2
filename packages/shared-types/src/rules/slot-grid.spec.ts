import { isOnSlotGrid, parseClockTime, slotGrid, slotState } from './slot-grid.js';

const room = { openTime: '08:30', closeTime: '21:00', slotMinutes: 30 };
const at = (iso: string) => new Date(iso);

describe('parseClockTime', () => {
  it.each([
    ['00:00', 0],
    ['08:30', 510],
    ['21:00', 1260],
    ['23:59', 1439],
    ['24:00', 1440],
    ['8:30', null],
    ['24:01', null],
    ['12:60', null],
    ['ab:cd', null],
    ['', null],
  ])('%p → %p', (text, expected) => expect(parseClockTime(text)).toBe(expected));
});

describe('slotGrid', () => {
  it.each([
    [
      { openTime: '08:30', closeTime: '21:00', slotMinutes: 30 },
      25,
      '2026-11-28T00:30:00.000Z',
      '2026-11-28T13:00:00.000Z',
    ],
    [
      { openTime: '08:00', closeTime: '12:00', slotMinutes: 60 },
      4,
      '2026-11-28T00:00:00.000Z',
      '2026-11-28T04:00:00.000Z',
    ],
    [
      { openTime: '09:00', closeTime: '10:00', slotMinutes: 15 },
      4,
      '2026-11-28T01:00:00.000Z',
      '2026-11-28T02:00:00.000Z',
    ],
    // A partial last slot is not offered.
    [
      { openTime: '09:00', closeTime: '10:30', slotMinutes: 60 },
      1,
      '2026-11-28T01:00:00.000Z',
      '2026-11-28T02:00:00.000Z',
    ],
    [
      { openTime: '00:00', closeTime: '24:00', slotMinutes: 60 },
      24,
      '2026-11-27T16:00:00.000Z',
      '2026-11-28T16:00:00.000Z',
    ],
  ])('%o on 2026-11-28: %p slots from %p to %p', (r, count, first, last) => {
    const grid = slotGrid(r, '2026-11-28');
    expect(grid).toHaveLength(count);
    expect(grid[0].startAt.toISOString()).toBe(first);
    expect(grid[grid.length - 1].endAt.toISOString()).toBe(last);
  });

  it.each([
    [{ openTime: '21:00', closeTime: '08:30', slotMinutes: 30 }, '2026-11-28'],
    [{ openTime: 'x', closeTime: '21:00', slotMinutes: 30 }, '2026-11-28'],
    [room, '2026-02-30'],
  ])('%o on %p has no slots', (r, date) => expect(slotGrid(r, date)).toEqual([]));
});

describe('isOnSlotGrid', () => {
  it.each([
    ['2026-11-28T02:00:00Z', '2026-11-28T03:00:00Z', true], // 10:00–11:00
    ['2026-11-28T00:30:00Z', '2026-11-28T01:00:00Z', true], // 08:30–09:00, first slot
    ['2026-11-28T12:30:00Z', '2026-11-28T13:00:00Z', true], // 20:30–21:00, last slot
    ['2026-11-28T00:00:00Z', '2026-11-28T01:00:00Z', false], // 08:00, before opening
    ['2026-11-28T12:30:00Z', '2026-11-28T13:30:00Z', false], // past closing
    ['2026-11-28T02:15:00Z', '2026-11-28T03:00:00Z', false], // off the 30-min grid
    ['2026-11-28T02:00:00Z', '2026-11-28T02:45:00Z', false], // end off the grid
    ['2026-11-28T02:00:00Z', '2026-11-28T02:00:00Z', false], // empty
    ['2026-11-28T03:00:00Z', '2026-11-28T02:00:00Z', false], // reversed
    ['2026-11-28T02:00:10Z', '2026-11-28T03:00:10Z', false], // seconds
    ['2026-11-28T12:30:00Z', '2026-11-29T01:00:00Z', false], // spans two days
  ])('%p–%p → %p', (start, end, expected) => expect(isOnSlotGrid(room, at(start), at(end))).toBe(expected));
});

describe('slotState', () => {
  const slot = { startAt: at('2026-11-28T02:00:00Z'), endAt: at('2026-11-28T02:30:00Z') };
  const closure = { startAt: at('2026-11-28T02:15:00Z'), endAt: at('2026-11-28T05:00:00Z') };
  const booking = { startAt: at('2026-11-28T01:30:00Z'), endAt: at('2026-11-28T02:30:00Z') };
  const adjacent = { startAt: at('2026-11-28T02:30:00Z'), endAt: at('2026-11-28T03:00:00Z') };
  it.each([
    ['free', { now: at('2026-11-28T01:00:00Z'), closed: [], taken: [] }],
    ['free (touching is not overlapping)', { now: at('2026-11-28T01:00:00Z'), closed: [adjacent], taken: [adjacent] }],
    ['taken', { now: at('2026-11-28T01:00:00Z'), closed: [], taken: [booking] }],
    ['closed', { now: at('2026-11-28T01:00:00Z'), closed: [closure], taken: [booking] }],
    ['past', { now: at('2026-11-28T02:00:01Z'), closed: [closure], taken: [booking] }],
  ])('%s', (label, facts) => expect(slotState(slot, facts)).toBe(label.split(' ')[0]));
});
