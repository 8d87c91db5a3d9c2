import { UPLOAD_MAX_BYTES } from '@linli/shared-types';
import { checkUpload, UPLOAD_ID_PATTERN } from './uploads.rules.js';

describe('checkUpload', () => {
  it.each<[string | undefined, number, string | null]>([
    ['image/jpeg', 1000, null],
    ['image/png', UPLOAD_MAX_BYTES, null],
    ['image/webp', 10, null],
    ['image/jpeg', UPLOAD_MAX_BYTES + 1, 'UPLOAD_TOO_LARGE'],
    ['image/gif', 1000, 'UPLOAD_TYPE_UNSUPPORTED'],
    ['image/svg+xml', 1000, 'UPLOAD_TYPE_UNSUPPORTED'],
    ['application/x-sh', 1000, 'UPLOAD_TYPE_UNSUPPORTED'],
    [undefined, 1000, 'UPLOAD_TYPE_UNSUPPORTED'],
  ])('%s of %d bytes → %s', (mime, bytes, expected) => expect(checkUpload(mime, bytes)).toBe(expected));

  it.each([
    ['A'.repeat(32), true],
    ['abcdefghijklmnopqrstuvwxyz012-_9', true],
    ['A'.repeat(31), false],
    ['../../etc/passwd'.padEnd(32, 'a'), false],
  ])('id %s valid: %s', (id, ok) => expect(UPLOAD_ID_PATTERN.test(id)).toBe(ok));
});
