let sequence = 0;

/**
 * A fresh Idempotency-Key for one intended transfer or redemption: printable ASCII (the server accepts
 * 1–100 of \x21–\x7e). Time, a counter and randomness, so keys differ across taps, pages and restarts
 * without needing crypto.randomUUID, which not every WeChat JS engine has.
 */
export function newIdempotencyKey(prefix: string): string {
  sequence = (sequence + 1) % 1_000_000;
  const random = Math.floor(Math.random() * 36 ** 8)
    .toString(36)
    .padStart(8, '0');
  return `${prefix}-${Date.now().toString(36)}-${sequence.toString(36)}-${random}`;
}
