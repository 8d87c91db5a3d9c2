import {
  activityCode,
  activityShortCode,
  cardCode,
  parseActivityCode,
  personalCode,
  resolveActivityShortCode,
  resolvePersonalCode,
  typedActivityCode,
} from './activity-codes.js';

const secret = 'test-secret-of-16-chars';

describe('activity codes', () => {
  it('round-trips and stays short enough for a QR code', () => {
    const code = activityCode(secret, 42, 'checkout', 59_000_000);
    expect(code.length).toBeLessThan(48);
    expect(parseActivityCode(secret, code)).toEqual({
      valid: true,
      activityId: 42,
      purpose: 'checkout',
      step: 59_000_000,
    });
  });
  it.each([
    ['another secret', activityCode('another-secret-16ch', 42, 'checkin', 7)],
    ['id changed', activityCode(secret, 42, 'checkin', 7).replace('LA1.42.', 'LA1.43.')],
    ['purpose changed', activityCode(secret, 42, 'checkin', 7).replace('.i.', '.o.')],
    ['step changed', activityCode(secret, 42, 'checkin', 7).replace('.7.', '.8.')],
    ['garbage', 'LA1.hello'],
  ])('refuses a forged code: %s', (_name, code) => {
    expect(parseActivityCode(secret, code)).toEqual({ valid: false });
  });
});

describe('typed live codes (8 digits)', () => {
  const candidates = [
    { activityId: 42, purpose: 'checkin' as const },
    { activityId: 42, purpose: 'checkout' as const },
    { activityId: 43, purpose: 'checkin' as const },
  ];
  it('are 8 digits, rotate with the step and differ by activity, purpose and secret', () => {
    const code = activityShortCode(secret, 42, 'checkout', 7);
    expect(code).toMatch(/^\d{8}$/);
    const others = [
      activityShortCode(secret, 42, 'checkout', 8),
      activityShortCode(secret, 42, 'checkin', 7),
      activityShortCode(secret, 43, 'checkout', 7),
      activityShortCode('another-secret-16ch', 42, 'checkout', 7),
    ];
    expect(others).not.toContain(code);
  });
  it.each([
    ['1234 5678', '12345678'],
    ['1234-5678', '12345678'],
    [' 12345678 ', '12345678'],
    ['123456', null],
    ['123456789', null],
    ['1234 567a', null],
    ['LA1.42.i.7.abc', null],
  ])('reads %p as %p', (typed, digits) => {
    expect(typedActivityCode(typed)).toBe(digits);
  });
  it('names the activity and purpose among the candidates, for the current or the previous step only', () => {
    const code = activityShortCode(secret, 42, 'checkout', 7);
    expect(resolveActivityShortCode(secret, code, [7, 6], candidates)).toEqual({
      activityId: 42,
      purpose: 'checkout',
      step: 7,
    });
    expect(resolveActivityShortCode(secret, code, [8, 7], candidates)).toMatchObject({ step: 7 });
    expect(resolveActivityShortCode(secret, code, [9, 8], candidates)).toBeNull();
    expect(resolveActivityShortCode(secret, code, [7, 6], [candidates[2]])).toBeNull();
  });
});

describe('personal codes', () => {
  it('QR text and digits resolve to the user for the accepted steps only', () => {
    const { code, digits } = personalCode(secret, 7, 100);
    expect(digits).toMatch(/^\d{6}$/);
    expect(resolvePersonalCode(secret, code, [100, 99], [])).toBe(7);
    expect(resolvePersonalCode(secret, code, [102, 101], [])).toBeNull();
    expect(resolvePersonalCode(secret, digits, [101, 100], [3, 7, 9])).toBe(7);
    expect(resolvePersonalCode(secret, digits, [101, 100], [3, 9])).toBeNull();
    expect(resolvePersonalCode(secret, code.replace('LU1.7.', 'LU1.8.'), [100], [])).toBeNull();
  });
});

describe('card codes (offline residents)', () => {
  const card = cardCode(secret, 7);
  it.each<[string, string, number | null]>([
    ['the card of user 7, at any step', card, 7],
    ['with spaces around', ` ${card} `, 7],
    ['another user id on the same MAC', card.replace('LC1.7.', 'LC1.8.'), null],
    ['an edited MAC', card.slice(0, -1) + (card.endsWith('A') ? 'B' : 'A'), null],
    ['made with another secret', cardCode('another-secret', 7), null],
    ['truncated', card.slice(0, -2), null],
  ])('%s → %p', (_name, text, expected) => {
    expect(resolvePersonalCode(secret, text, [100], [])).toBe(expected);
    expect(resolvePersonalCode(secret, text, [5], [7])).toBe(expected);
  });
});
