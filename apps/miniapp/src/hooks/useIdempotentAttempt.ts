import { useCallback, useRef } from 'react';
import { newIdempotencyKey } from '../lib/idempotency-key';
import { ApiRequestError } from '../services/http';

/**
 * Whether the server may have done it: the request never got an answer (network, timeout), failed on the
 * server's side, or met its own twin still in flight (409 CONFLICT). Retrying such an attempt must send the
 * same Idempotency-Key, so that it takes effect at most once.
 */
export function isUncertainFailure(error: unknown): boolean {
  if (!(error instanceof ApiRequestError)) return true;
  return error.statusCode === 0 || error.statusCode >= 500 || error.code === 'CONFLICT';
}

export interface IdempotentAttempt {
  /** The key of the attempt with this fingerprint: the unsettled one again, or a fresh one. */
  keyFor(fingerprint: string): string;
  /** An answer came (success or a refusal): the next attempt gets a new key. */
  settle(): void;
  /** The unsettled attempt's fingerprint, if a retry is due. */
  pending(): string | null;
}

/** One Idempotency-Key per confirmed attempt, kept for retries until the server gives a definite answer. */
export function useIdempotentAttempt(prefix: string): IdempotentAttempt {
  const attempt = useRef<{ fingerprint: string; key: string } | null>(null);
  const keyFor = useCallback(
    (fingerprint: string) => {
      if (attempt.current?.fingerprint !== fingerprint)
        attempt.current = { fingerprint, key: newIdempotencyKey(prefix) };
      return attempt.current.key;
    },
    [prefix],
  );
  const settle = useCallback(() => {
    attempt.current = null;
  }, []);
  const pending = useCallback(() => attempt.current?.fingerprint ?? null, []);
  return { keyFor, settle, pending };
}
