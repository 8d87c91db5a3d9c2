import { DateUtils } from 'typeorm/util/DateUtils.js';
import { rawDate, sqliteParameter } from './raw-values.js';

describe('rawDate', () => {
  const d = new Date('2026-11-28T02:03:04.567Z');
  it.each([
    ['null', null, null],
    ['undefined', undefined, null],
    ['a Date (mysql2) is kept', d, d],
    ['SQLite text with milliseconds is UTC', '2026-11-28 02:03:04.567', d],
    ['SQLite text without milliseconds', '2026-11-28 02:03:04', new Date('2026-11-28T02:03:04Z')],
    ['ISO with Z', '2026-11-28T02:03:04.567Z', d],
    ['ISO with an offset', '2026-11-28T10:03:04.567+08:00', d],
  ])('%s', (_name, value, expected) => {
    expect(rawDate(value)).toEqual(expected);
  });
});

describe('sqliteParameter binds as TypeORM binds in its query builder', () => {
  it.each([
    new Date('2026-11-28T02:03:04.567Z'),
    new Date('2026-01-02T00:00:00.000Z'),
    new Date('2026-12-31T23:59:59.009Z'),
    new Date('1999-07-05T12:34:56.090Z'),
  ])('%s', (date) => {
    expect(sqliteParameter(date)).toBe(DateUtils.mixedDateToUtcDatetimeString(date));
  });

  it.each([
    [true, 1],
    [false, 0],
    [7, 7],
    ['text', 'text'],
    [null, null],
  ])('%s → %s', (value, expected) => {
    expect(sqliteParameter(value)).toBe(expected);
  });
});
