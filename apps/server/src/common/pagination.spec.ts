import { AppException } from './app-exception.js';
import { decodeTimeIdCursor, encodeTimeIdCursor, type TimeIdPosition } from './pagination.js';

const b64 = (text: string) => Buffer.from(text).toString('base64url');

function refusalOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (!(error instanceof AppException)) throw error;
    return error.code;
  }
}

describe('time + id cursor', () => {
  it.each<[string, TimeIdPosition]>([
    ['a position with a time', { at: new Date('2026-12-02T08:30:00.123Z'), id: 42 }],
    ['a position among the rows without a time', { at: null, id: 7 }],
  ])('round-trips %s', (_case, position) => {
    expect(decodeTimeIdCursor(encodeTimeIdCursor(position))).toEqual(position);
  });

  it('no cursor is the first page', () => {
    expect(decodeTimeIdCursor(undefined)).toBeNull();
    expect(decodeTimeIdCursor('', 'timed')).toBeNull();
  });

  it.each([
    ['not base64 of a position', 'abc', undefined],
    ['an id cursor of another list', b64('42'), undefined],
    ['an offset cursor of the old queue', b64('o20'), undefined],
    ['id 0', b64('1796734800000.0'), undefined],
    ['no id', b64('1764000000000.'), undefined],
    ['a negative time', b64('-1.4'), undefined],
    ['a fraction', b64('1796734800000.4.5'), undefined],
    ['too many digits', b64('1796734800000.1234567890123456'), undefined],
    ['no time where every row has one', b64('.42'), 'timed' as const],
  ])('refuses %s with VALIDATION_FAILED', (_case, cursor, list) => {
    expect(refusalOf(() => (list ? decodeTimeIdCursor(cursor, list) : decodeTimeIdCursor(cursor)))).toBe(
      'VALIDATION_FAILED',
    );
  });
});
