import type { Role, SlotState } from '@linli/shared-types';

/** Admins see every room; others their community's, residents only the active ones. */
export function roomVisibleTo(
  viewer: { role: Role; communityId: number | null },
  room: { communityId: number; active: boolean },
): boolean {
  if (viewer.role === 'admin') return true;
  return room.communityId === viewer.communityId && (viewer.role !== 'resident' || room.active);
}

/**
 * A day's facts as epoch milliseconds, flat [start, end, start, end, …] pairs: what slotState (shared-types) reads,
 * without a Date per interval.
 */
export interface DayFacts {
  now: number;
  /** Closures. */
  closed: readonly number[];
  /** Intervals held by bookings (their 15-minute cells). */
  taken: readonly number[];
}

const overlapsAny = (start: number, end: number, pairs: readonly number[]): boolean => {
  for (let i = 0; i < pairs.length; i += 2) if (start < pairs[i + 1] && pairs[i] < end) return true;
  return false;
};

/** slotState's rule for the slot [start, end) on epoch milliseconds: past beats closed beats taken beats free. */
export function slotStateAt(start: number, end: number, facts: DayFacts): SlotState {
  if (start < facts.now) return 'past';
  if (overlapsAny(start, end, facts.closed)) return 'closed';
  if (overlapsAny(start, end, facts.taken)) return 'taken';
  return 'free';
}
