import { doorCode, isDoorCode, parseDoorCode } from './door-code.js';

describe('door codes', () => {
  const secret = 'a-secret-of-at-least-16-chars';
  const code = doorCode(secret, 42);

  it('names the room it was made for', () => {
    expect(code).toMatch(/^LINLI-DOOR:42\.[A-Za-z0-9_-]{22}$/);
    expect(parseDoorCode(secret, code)).toBe(42);
    expect(isDoorCode(code)).toBe(true);
  });

  it.each([
    ['another secret', parseDoorCode('another-secret-16-chars', code)],
    ['another room number, same signature', parseDoorCode(secret, code.replace(':42.', ':43.'))],
    ['a changed signature', parseDoorCode(secret, code.slice(0, -1) + (code.endsWith('A') ? 'B' : 'A'))],
    ['a truncated code', parseDoorCode(secret, code.slice(0, -2))],
    ['no prefix', parseDoorCode(secret, code.replace('LINLI-DOOR:', ''))],
    ['garbage', parseDoorCode(secret, 'LINLI-DOOR:abc')],
  ])('refuses %s', (_label, result) => expect(result).toBeNull());
});
