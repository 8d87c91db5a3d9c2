import { hoursText, minutesToHours } from './minutes-to-hours.js';

describe('minutesToHours', () => {
  it.each([
    [0, '0.00 小时'],
    [1, '0.02 小时'],
    [15, '0.25 小时'],
    [20, '0.33 小时'],
    [40, '0.67 小时'],
    [59, '0.98 小时'],
    [60, '1.00 小时'],
    [90, '1.50 小时'],
    [100, '1.67 小时'],
    [599, '9.98 小时'],
    [600, '10.00 小时'],
    [6000, '100.00 小时'],
    [100000, '1666.67 小时'],
    [-45, '-0.75 小时'],
    [-90, '-1.50 小时'],
  ])('%p minutes → %p', (minutes, expected) => {
    expect(minutesToHours(minutes)).toBe(expected);
  });

  it.each([[0.5], [Number.NaN], [Number.POSITIVE_INFINITY]])('refuses %p (not whole minutes)', (minutes) => {
    expect(() => hoursText(minutes)).toThrow(RangeError);
  });
});
