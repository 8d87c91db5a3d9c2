import { shanghaiDateTime } from '@linli/shared-types';
/** A message is tried at most this many times, then marked failed. */
export const MAX_DELIVERY_ATTEMPTS = 5;

/** Backoff after the n-th failed attempt: 1, 2, 4, 8 … minutes, at most an hour. */
export function retryDelayMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 3_600_000);
}

export type DeliveryOutcome =
  | { outcome: 'sent' }
  /** Nothing to do, ever: no openid, the user declined the subscription, template not configured. */
  | { outcome: 'skipped'; reason: string }
  /** Worth trying again later (network, WeChat busy). */
  | { outcome: 'retry'; error: string }
  /** Trying again cannot help (the message itself is refused). */
  | { outcome: 'failed'; error: string }
  /** The request went out and no answer came back (timeout): WeChat may have it; sending again could send it twice. */
  | { outcome: 'unknown'; error: string };

/** What happens to a claimed message after one delivery attempt (attempts already counts this one). */
export function afterAttempt(
  result: DeliveryOutcome,
  attempts: number,
  now: Date,
): { status: 'sent' | 'skipped' | 'failed' | 'pending' | 'unknown'; nextAttemptAt?: Date; lastError: string | null } {
  if (result.outcome === 'sent') return { status: 'sent', lastError: null };
  if (result.outcome === 'unknown')
    return { status: 'unknown', lastError: `outcome unknown, not sent again: ${result.error}` };
  if (result.outcome === 'skipped') return { status: 'skipped', lastError: result.reason };
  if (result.outcome === 'failed' || attempts >= MAX_DELIVERY_ATTEMPTS)
    return { status: 'failed', lastError: result.error };
  return {
    status: 'pending',
    nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)),
    lastError: result.error,
  };
}

/** WeChat subscribe-message "thing" values hold at most 20 characters. */
export function wechatThing(text: string): string {
  const chars = [...text.replace(/\s+/g, ' ').trim()];
  return chars.length > 20 ? `${chars.slice(0, 19).join('')}…` : chars.join('');
}

/** "2026-11-28 10:00" in Asia/Shanghai, as subscribe-message "time" values want. */
export const wechatTime = shanghaiDateTime;
