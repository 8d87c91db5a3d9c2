import { AppException } from '../../src/common/app-exception.js';
import type { TestResponse } from './test-app.js';

/** What a service call answered: 'ok', or the code of the AppException it threw (any other error is rethrown). */
export async function outcome(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
    return 'ok';
  } catch (error) {
    if (error instanceof AppException) return error.code;
    throw error;
  }
}

/** How often each answer occurs, e.g. `{ ok: 1, BOOKING_SLOT_TAKEN: 49 }`. */
export function tally(answers: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const answer of answers) counts[answer] = (counts[answer] ?? 0) + 1;
  return counts;
}

/** An HTTP answer as tally() counts it: the status, and the error code if any ("201", "409 BOOKING_SLOT_TAKEN"). */
export const answerOf = (response: TestResponse): string => `${response.status} ${response.body?.code ?? ''}`.trim();
