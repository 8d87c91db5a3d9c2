import { afterAttempt, MAX_DELIVERY_ATTEMPTS, retryDelayMs, wechatThing, wechatTime } from './notifications.rules.js';

const now = new Date('2026-11-28T02:00:00Z');

describe('retryDelayMs', () => {
  it.each([
    [1, 60_000],
    [2, 120_000],
    [3, 240_000],
    [4, 480_000],
    [10, 3_600_000],
  ])('after attempt %i waits %i ms', (attempts, ms) => {
    expect(retryDelayMs(attempts)).toBe(ms);
  });
});

describe('afterAttempt', () => {
  it.each([
    ['sent', { outcome: 'sent' } as const, 1, 'sent', null],
    ['skipped', { outcome: 'skipped', reason: 'no openid' } as const, 1, 'skipped', null],
    ['refused for good', { outcome: 'failed', error: '47003' } as const, 1, 'failed', null],
    ['retry after the first attempt', { outcome: 'retry', error: 'busy' } as const, 1, 'pending', 60_000],
    ['retry after the fourth attempt', { outcome: 'retry', error: 'busy' } as const, 4, 'pending', 480_000],
    ['gives up after the fifth', { outcome: 'retry', error: 'busy' } as const, MAX_DELIVERY_ATTEMPTS, 'failed', null],
    [
      'no answer to a request that went out: never again',
      { outcome: 'unknown', error: 'timeout' } as const,
      1,
      'unknown',
      null,
    ],
  ])('%s', (_n, result, attempts, status, delay) => {
    const next = afterAttempt(result, attempts, now);
    expect(next.status).toBe(status);
    if (delay === null) expect(next.nextAttemptAt).toBeUndefined();
    else expect(next.nextAttemptAt).toEqual(new Date(now.getTime() + delay));
  });
});

describe('wechat values', () => {
  it.each([
    ['短标题', '短标题'],
    ['一二三四五六七八九十一二三四五六七八九十', '一二三四五六七八九十一二三四五六七八九十'],
    ['一二三四五六七八九十一二三四五六七八九十多', '一二三四五六七八九十一二三四五六七八九…'],
  ])('thing %s', (text, expected) => {
    expect(wechatThing(text)).toBe(expected);
  });

  it('shows times in Asia/Shanghai', () => {
    expect(wechatTime(new Date('2026-11-28T16:30:00Z'))).toBe('2026-11-29 00:30');
  });
});
