import {
  shanghaiDate,
  shanghaiDateTime,
  shanghaiMidnight,
  shanghaiMinuteOfDay,
  shanghaiMonth,
  shanghaiShortTime,
  shanghaiWeekStart,
} from './shanghai-time.js';

const at = (iso: string) => new Date(iso);

describe('Shanghai wall clock of an instant', () => {
  it.each([
    ['2026-11-30T15:59:59.999Z', '2026-11-30', '2026-11', '11-30 23:59', '2026-11-30 23:59', 1439.99998],
    ['2026-11-30T16:00:00.000Z', '2026-12-01', '2026-12', '12-01 00:00', '2026-12-01 00:00', 0],
    ['2026-12-31T16:30:00.000Z', '2027-01-01', '2027-01', '01-01 00:30', '2027-01-01 00:30', 30],
    ['2028-02-28T17:00:00.000Z', '2028-02-29', '2028-02', '02-29 01:00', '2028-02-29 01:00', 60],
  ])('%s', (instant, date, month, short, dateTime, minute) => {
    expect(shanghaiDate(at(instant))).toBe(date);
    expect(shanghaiMonth(at(instant))).toBe(month);
    expect(shanghaiShortTime(at(instant))).toBe(short);
    expect(shanghaiDateTime(at(instant))).toBe(dateTime);
    expect(shanghaiMinuteOfDay(at(instant))).toBeCloseTo(minute, 4);
  });
});

describe('shanghai dates', () => {
  it.each([
    ['2026-11-28', '2026-11-27T16:00:00.000Z'],
    ['2026-01-01', '2025-12-31T16:00:00.000Z'],
    ['2028-02-29', '2028-02-28T16:00:00.000Z'],
  ])('local midnight of %p is %p', (date, iso) => expect(shanghaiMidnight(date)?.toISOString()).toBe(iso));

  it.each([['2026-02-30'], ['2026-02-29'], ['2026-13-01'], ['2026-1-1'], ['tomorrow'], ['']])(
    '%p is not a date',
    (date) => expect(shanghaiMidnight(date)).toBeNull(),
  );

  it.each([
    ['2026-11-27T15:59:59Z', '2026-11-27'],
    ['2026-11-27T16:00:00Z', '2026-11-28'],
    ['2026-11-28T15:59:00Z', '2026-11-28'],
  ])('%p is local date %p', (iso, date) => expect(shanghaiDate(at(iso))).toBe(date));
});

describe('shanghaiWeekStart: local Monday 00:00', () => {
  it.each([
    ['2026-11-29T15:59:59.999Z', '2026-11-22T16:00:00.000Z'], // Sunday 23:59 local: the week before
    ['2026-11-29T16:00:00.000Z', '2026-11-29T16:00:00.000Z'], // Monday 00:00 local
    ['2026-12-02T03:00:00.000Z', '2026-11-29T16:00:00.000Z'], // Wednesday
    ['2027-01-03T10:00:00.000Z', '2026-12-27T16:00:00.000Z'], // across the new year
  ])('%s → %s', (instant, monday) => {
    expect(shanghaiWeekStart(at(instant)).toISOString()).toBe(monday);
  });
});
