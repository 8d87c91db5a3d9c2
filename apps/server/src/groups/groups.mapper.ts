import type { GroupCalendarEntry, GroupMemberView, GroupNoticeView, GroupRole, GroupView } from '@linli/shared-types';
import type { CentreEvent } from '../events/event.entity.js';
import type { User } from '../users/user.entity.js';
import type { GroupMember, GroupNotice, InterestGroup } from './group.entity.js';

const person = (id: number, user: Pick<User, 'name'> | undefined) => ({ id, name: user?.name ?? null });

export const toGroupView = (
  g: InterestGroup,
  proposer: Pick<User, 'name'> | undefined,
  myRole: GroupRole | null,
): GroupView => ({
  id: g.id,
  communityId: g.communityId,
  name: g.name,
  kind: g.kind,
  description: g.description,
  memberCap: g.memberCap,
  memberCount: g.memberCount,
  status: g.status,
  declineReason: g.declineReason,
  weeklyQuotaMinutes: g.weeklyQuotaMinutes,
  proposer: person(g.proposerId, proposer),
  myRole,
  createdAt: g.createdAt.toISOString(),
});

export const toGroupMemberView = (m: GroupMember, user: Pick<User, 'name'> | undefined): GroupMemberView => ({
  userId: m.userId,
  name: user?.name ?? null,
  role: m.role,
  joinedAt: m.createdAt.toISOString(),
});

export const toGroupNoticeView = (n: GroupNotice, author: Pick<User, 'name'> | undefined): GroupNoticeView => ({
  id: n.id,
  title: n.title,
  body: n.body,
  author: person(n.authorId, author),
  createdAt: n.createdAt.toISOString(),
});

export const toCalendarEvent = (e: CentreEvent): GroupCalendarEntry => ({
  kind: 'event',
  id: e.id,
  title: e.title,
  place: e.place,
  startAt: e.startAt.toISOString(),
  endAt: e.endAt.toISOString(),
  membersOnly: e.membersOnly,
});
