import { useCallback, useState } from 'react';
import type { PostingResponse } from '@linli/shared-types';
import { isUncertainFailure, useIdempotentAttempt } from './useIdempotentAttempt';
import { errorText } from './useRemoteData';

/** What a transfer sends: to whom, how many minutes, with which words (neighbour and family transfers alike). */
export interface TransferLike {
  toUserId: number;
  minutes: number;
  memo: string;
}

export interface ConfirmedTransferState<R extends TransferLike> {
  /** The checked request waiting for the resident's confirmation, or null. */
  confirming: R | null;
  submitting: boolean;
  error: string | null;
  /** The last attempt got no answer: 重试 sends it again with the same Idempotency-Key. */
  retryable: R | null;
  result: PostingResponse | null;
  /** Opens the confirmation for a checked request. */
  ask(request: R): void;
  cancel(): void;
  /** Sends the confirmed request (or the unanswered one again); true on success. */
  confirm(): Promise<boolean>;
  retry(): Promise<boolean>;
  /** Back to an empty form (再转一笔). */
  reset(): void;
}

export interface TransferChannel<R extends TransferLike> {
  /** Prefix of the Idempotency-Keys. */
  keyPrefix: string;
  post(request: R, idempotencyKey: string): Promise<PostingResponse>;
  /** A definite refusal of the server, worded for the form. */
  refusalText(error: unknown): string;
  /** After the posting: the balance card follows. */
  posted(response: PostingResponse): void;
}

const fingerprintOf = (request: TransferLike) => `${request.toUserId}|${request.minutes}|${request.memo}`;

/**
 * A transfer of credits: confirm naming the recipient, send once per Idempotency-Key, and retry safely after a lost
 * answer (the same key again, so it moves the minutes at most once). `channel` must be a module-level constant.
 */
export function useConfirmedTransfer<R extends TransferLike>(channel: TransferChannel<R>): ConfirmedTransferState<R> {
  const attempt = useIdempotentAttempt(channel.keyPrefix);
  const [confirming, setConfirming] = useState<R | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [retryable, setRetryable] = useState<R | null>(null);
  const [result, setResult] = useState<PostingResponse | null>(null);

  const send = useCallback(
    async (request: R) => {
      setSubmitting(true);
      setError(null);
      try {
        const response = await channel.post(request, attempt.keyFor(fingerprintOf(request)));
        attempt.settle();
        channel.posted(response);
        setRetryable(null);
        setConfirming(null);
        setResult(response);
        return true;
      } catch (caught) {
        const uncertain = isUncertainFailure(caught);
        if (!uncertain) attempt.settle();
        setRetryable(uncertain ? request : null);
        setConfirming(null);
        setError(
          uncertain
            ? `${errorText(caught)}。转赠可能未完成，请点“重试”：同一笔不会重复转出`
            : channel.refusalText(caught),
        );
        return false;
      } finally {
        setSubmitting(false);
      }
    },
    [attempt, channel],
  );

  const ask = useCallback((request: R) => {
    setError(null);
    setConfirming(request);
  }, []);
  const cancel = useCallback(() => setConfirming(null), []);
  const confirm = useCallback(async () => (confirming ? send(confirming) : false), [confirming, send]);
  const retry = useCallback(async () => (retryable ? send(retryable) : false), [retryable, send]);
  const reset = useCallback(() => {
    attempt.settle();
    setResult(null);
    setError(null);
    setRetryable(null);
    setConfirming(null);
  }, [attempt]);

  return { confirming, submitting, error, retryable, result, ask, cancel, confirm, retry, reset };
}
