import { describe, expect, it } from 'vitest';
import { newIdempotencyKey } from './idempotency-key';

describe('newIdempotencyKey', () => {
  it('is printable ASCII within the 100 characters the server accepts', () => {
    const key = newIdempotencyKey('transfer');
    expect(key).toMatch(/^transfer-[0-9a-z]+-[0-9a-z]+-[0-9a-z]{8}$/);
    expect(key.length).toBeLessThanOrEqual(100);
  });

  it('differs on every call, even within one millisecond', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => newIdempotencyKey('r')));
    expect(keys.size).toBe(1000);
  });
});
