import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { validationException } from './error-filter.js';
import { NonBlank, Omittable, unsafeTextPaths } from './input-hygiene.js';

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

class NonBlankProbe {
  @NonBlank(5) title: string;
  @Omittable() @NonBlank(4, { min: 2 }) purpose?: string;
}

describe('NonBlank', () => {
  it.each<[string, Record<string, unknown>, string[]]>([
    ['a short title', { title: '停水' }, []],
    ['exactly the maximum, spaces around text included', { title: ' a b ' }, []],
    ['tab and line breaks around text', { title: '\t好\n' }, []],
    ['empty', { title: '' }, ['title']],
    ['only spaces', { title: '   ' }, ['title']],
    ['only ideographic space, tab and line breaks', { title: '\u3000\t\r\n' }, ['title']],
    ['one over the maximum', { title: '123456' }, ['title']],
    ['a number', { title: 12345 }, ['title']],
    ['an array of strings', { title: ['abc'] }, ['title']],
    ['null', { title: null }, ['title']],
    ['missing', {}, ['title']],
    ['an omittable field left out', { title: 'x' }, []],
    ['an omittable field below its minimum', { title: 'x', purpose: 'a' }, ['purpose']],
    ['an omittable field at its minimum', { title: 'x', purpose: 'ab' }, []],
    ['an omittable field sent as null', { title: 'x', purpose: null }, ['purpose']],
  ])('%s', (_name, body, fields) => {
    const errors = validateSync(plainToInstance(NonBlankProbe, body));
    expect(errors.map((error) => error.property)).toEqual(fields);
  });

  it('answers like any other invalid field: 提交的内容有误 and the field named', () => {
    const errors = validateSync(plainToInstance(NonBlankProbe, { title: '  ' }));
    expect(validationException(errors).getResponse()).toMatchObject({
      statusCode: 400,
      code: 'VALIDATION_FAILED',
      message: '提交的内容有误：title 无效',
      fields: ['title'],
    });
  });
});
