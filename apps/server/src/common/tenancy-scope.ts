import type { Actor } from './actor.js';
import { refuse } from './app-exception.js';

/**
 * The community a staff request works in: staff always their own; admins the one they name,
 * or null meaning the whole street.
 */
export function communityScope(user: Pick<Actor, 'role' | 'communityId'>, requested?: number | null): number | null {
  if (user.role === 'admin') return requested ?? null;
  return user.communityId;
}

/**
 * The community a new record (notice, room, reward) goes to: admins name one; staff get their own, and a
 * staff request naming another community is refused rather than quietly redirected (mass assignment).
 */
export function communityOfNewRecord(
  user: Pick<Actor, 'role' | 'communityId'>,
  requested?: number | null,
): number | null {
  if (user.role === 'admin') return requested ?? null;
  if (requested != null && requested !== user.communityId)
    throw refuse('FORBIDDEN', '只有街道管理员可以指定社区', ['communityId']);
  return user.communityId;
}

/** A record of another community is answered as missing, never as forbidden (no existence leak). */
export function assertInCommunity(
  user: Pick<Actor, 'role' | 'communityId'>,
  record: { communityId: number | null } | null | undefined,
): asserts record {
  if (!record) throw refuse('NOT_FOUND');
  if (user.role !== 'admin' && record.communityId !== user.communityId) throw refuse('NOT_FOUND');
}
