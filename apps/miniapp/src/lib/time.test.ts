import { describe, expect, it } from 'vitest';
import { formatShanghaiTime, inShanghai } from './time';

describe('formatShanghaiTime', () => {
  const now = new Date('2026-11-29T04:00:00Z'); // 12:00 on 29 Nov in Shanghai
  it.each([
    ['2026-11-29T01:30:00Z', '今天 09:30'],
    ['2026-11-28T16:00:00Z', '今天 00:00'],
    ['2026-11-28T15:59:00Z', '昨天 23:59'],
    ['2026-11-03T06:30:00Z', '11月3日 14:30'],
    ['2025-12-03T06:30:00Z', '2025年12月3日 14:30'],
  ])('%p → %p', (iso, text) => expect(formatShanghaiTime(iso, now)).toBe(text));

  it.each([[null], [undefined], [''], ['not a date']])('%p → empty', (iso) =>
    expect(formatShanghaiTime(iso, now)).toBe(''),
  );

  it('reads instants at UTC+8', () => {
    expect(inShanghai('2026-12-31T16:00:00Z').format('YYYY-MM-DD HH:mm')).toBe('2027-01-01 00:00');
  });
});
