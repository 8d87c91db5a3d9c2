import { unsafeTextPaths } from './input-hygiene.js';

describe('unsafeTextPaths', () => {
  it.each<[string, unknown, string[]]>([
    [
      'plain Chinese, emoji (4-byte) and tabs and line breaks are text',
      { title: '停水通知 👨‍👩‍👧 🀄', body: 'a\tb\r\nc' },
      [],
    ],
    [
      'SQL and markup are text too (stored and shown verbatim, escaped by clients)',
      { memo: "' OR 1=1 --<script>" },
      [],
    ],
    ['NUL', { title: 'a\u0000b' }, ['title']],
    ['other C0 and C1 controls', { a: '\u0007', b: '\u001b[31m', c: '\u0085' }, ['a', 'b', 'c']],
    ['bidi override and isolate', { name: '\u202egnp.exe', room: 'x\u2066y' }, ['name', 'room']],
    ['lone high and low surrogates', { name: 'a\ud800', place: '\udc00b' }, ['name', 'place']],
    [
      'nested objects and arrays',
      { geofence: { note: '\u0000' }, photos: ['ok', '\u202e'] },
      ['geofence.note', 'photos[1]'],
    ],
    ['a key with a control character', { 'ti\u0000tle': 'x' }, ['ti\u0000tle']],
    ['numbers, booleans and null are not text', { n: 1, b: true, z: null }, []],
    ['a bare string body', '\u0000', ['(body)']],
  ])('%s', (_name, value, expected) => {
    expect(unsafeTextPaths(value)).toEqual(expected);
  });
});
