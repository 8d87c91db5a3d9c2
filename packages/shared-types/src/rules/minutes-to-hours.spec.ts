import { hoursText, minutesToHours, signedMinutesText } from './minutes-to-hours.js';

describe('minutesToHours', () => {
  it.each([
    [0, '0 分钟'],
    [1, '1 分钟'],
    [10, '10 分钟'],
    [59, '59 分钟'],
    [60, '1.00 小时'],
    [90, '1.50 小时'],
    [100, '1.67 小时'],
    [599, '9.98 小时'],
    [600, '10.00 小时'],
    [6000, '100.00 小时'],
    [100000, '1666.67 小时'],
    [-45, '-45 分钟'],
    [-60, '-1.00 小时'],
    [-90, '-1.50 小时'],
  ])('%p minutes → %p', (minutes, expected) => {
    expect(minutesToHours(minutes)).toBe(expected);
  });

  it.each([
    [10, '+10 分钟'],
    [0, '0 分钟'],
    [-90, '-1.50 小时'],
  ])('signed: %p → %p', (minutes, expected) => {
    expect(signedMinutesText(minutes)).toBe(expected);
  });

  it.each([[0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses %p (not whole minutes)', (minutes) => {
    expect(() => hoursText(minutes)).toThrow(RangeError);
    expect(() => minutesToHours(minutes)).toThrow(RangeError);
  });
});
