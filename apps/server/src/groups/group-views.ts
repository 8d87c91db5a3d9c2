import type { GroupMemberView, GroupRole, GroupView, Page } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { pageByDescendingId } from '../common/pagination.js';
import { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import { groupRoleOf } from './group-access.js';
import { GroupMember, type InterestGroup } from './group.entity.js';
import { toGroupMemberView, toGroupView } from './groups.mapper.js';

/** A group's card for one viewer; their role is looked up unless the caller already knows it. */
export async function groupView(
  manager: EntityManager,
  viewer: User,
  group: InterestGroup,
  myRole?: GroupRole | null,
): Promise<GroupView> {
  const role = myRole === undefined ? await groupRoleOf(manager, group.id, viewer.id) : myRole;
  const proposer = await manager.findOneBy(User, { id: group.proposerId });
  return toGroupView(group, proposer ?? undefined, role);
}

/** Leaders first, then members, each in joining order. */
export async function groupMembers(manager: EntityManager, groupId: number): Promise<GroupMemberView[]> {
  const rows = await manager.find(GroupMember, { where: { groupId }, order: { id: 'ASC' }, take: 500 });
  const users = await usersById(
    manager,
    rows.map((m) => m.userId),
  );
  return rows
    .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'leader' ? -1 : 1))
    .map((m) => toGroupMemberView(m, users.get(m.userId)));
}

/** Rows fetched with limit + 1 → a page of cards with the viewer's role in each. */
export async function groupPage(
  manager: EntityManager,
  viewer: User,
  rows: InterestGroup[],
  limit: number,
): Promise<Page<GroupView>> {
  const ids = rows.map((g) => g.id);
  const mine = ids.length ? await manager.findBy(GroupMember, { userId: viewer.id, groupId: In(ids) }) : [];
  const roles = new Map(mine.map((m) => [m.groupId, m.role]));
  const users = await usersById(
    manager,
    rows.map((g) => g.proposerId),
  );
  return pageByDescendingId(rows, limit, (g) => toGroupView(g, users.get(g.proposerId), roles.get(g.id) ?? null));
}
