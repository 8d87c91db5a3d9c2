import type { Role } from '@linli/shared-types';

/** Admins see every room; others their community's, residents only the active ones. */
export function roomVisibleTo(
  viewer: { role: Role; communityId: number | null },
  room: { communityId: number; active: boolean },
): boolean {
  if (viewer.role === 'admin') return true;
  return room.communityId === viewer.communityId && (viewer.role !== 'resident' || room.active);
}
