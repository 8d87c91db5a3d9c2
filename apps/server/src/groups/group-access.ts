import type { GroupRole, Refusal } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import type { User } from '../users/user.entity.js';
import { GroupMember, InterestGroup } from './group.entity.js';
import { canSee } from './groups.rules.js';

/** Who may see a group and in what role: shared by the group's services and by events. */

export const fail = (refusal: Refusal) => refuse(refusal.code);

/** Pending residents read notices and nothing else. */
export function assertVerified(user: User): void {
  if (user.role === 'resident' && user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

export async function groupRoleOf(manager: EntityManager, groupId: number, userId: number): Promise<GroupRole | null> {
  const member = await manager.findOneBy(GroupMember, { groupId, userId });
  return member?.role ?? null;
}

/** The group, or 404 when the caller may not see it (another community's answers as missing). */
export async function visibleGroup(manager: EntityManager, viewer: User, id: number): Promise<InterestGroup> {
  assertVerified(viewer);
  const group = await manager.findOneBy(InterestGroup, { id });
  if (!group) throw refuse('GROUP_NOT_FOUND');
  const myRole = viewer.role === 'resident' ? await groupRoleOf(manager, id, viewer.id) : null;
  if (!canSee(viewer, group, myRole)) throw refuse('GROUP_NOT_FOUND');
  return group;
}
