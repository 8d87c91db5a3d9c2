import type { GroupRole, GroupStatus, Role, UserStatus, Refusal } from '@linli/shared-types';

/** Rules of interest groups (PRODUCT.md "Life in the activity centre"): pure functions of their inputs. */

interface Caller {
  role: Role;
  status: UserStatus;
  communityId: number | null;
}

interface GroupFacts {
  communityId: number;
  status: GroupStatus;
  proposerId: number;
}

const isStaff = (caller: Pick<Caller, 'role'>) => caller.role !== 'resident';

/** A verified resident of a community proposes a group; staff and admins run the centre, they do not propose. */
export function checkPropose(caller: Caller): Refusal | null {
  if (caller.role !== 'resident') return { code: 'FORBIDDEN' };
  if (caller.status !== 'verified' || caller.communityId === null) return { code: 'RESIDENT_NOT_VERIFIED' };
  return null;
}

/**
 * Who sees a group at all: staff of its community and the admin; residents of its community see approved groups, and
 * the ones they proposed or belong to. Anything else is missing (404), as another community's record is.
 */
export function canSee(caller: Caller & { id: number }, group: GroupFacts, myRole: GroupRole | null): boolean {
  if (caller.role === 'admin') return true;
  if (caller.communityId !== group.communityId) return false;
  if (isStaff(caller)) return true;
  if (caller.status !== 'verified') return false;
  return group.status === 'approved' || group.proposerId === caller.id || myRole !== null;
}

/** Members (and staff) see the members, notices and calendar; others only the card. */
export const seesInside = (caller: Pick<Caller, 'role'>, myRole: GroupRole | null): boolean =>
  isStaff(caller) || myRole !== null;

/** Staff decide a proposal once. */
export function checkDecision(status: GroupStatus): Refusal | null {
  return status === 'proposed' ? null : { code: 'GROUP_NOT_PROPOSED' };
}

/** Joining needs an approved group, a verified resident and no membership yet; the cap is the counter's conditional update. */
export function checkJoin(caller: Caller, status: GroupStatus, myRole: GroupRole | null): Refusal | null {
  if (caller.role !== 'resident') return { code: 'FORBIDDEN' };
  if (status !== 'approved') return { code: 'GROUP_NOT_APPROVED' };
  if (myRole !== null) return { code: 'GROUP_ALREADY_MEMBER' };
  return null;
}

/** Has a group room for one more? (the same condition as the counter's UPDATE). */
export const hasRoom = (memberCount: number, memberCap: number | null): boolean =>
  memberCap === null || memberCount < memberCap;

/** A member leaves; the last leader may not leave a group that still has other members. */
export function checkLeave(myRole: GroupRole | null, leaders: number, members: number): Refusal | null {
  if (myRole === null) return { code: 'GROUP_NOT_MEMBER' };
  if (myRole === 'leader' && leaders <= 1 && members > 1) return { code: 'GROUP_LAST_LEADER' };
  return null;
}

/** Leaders post notices, book rooms, add leaders and create events for an approved group. */
export function checkLead(myRole: GroupRole | null, status: GroupStatus): Refusal | null {
  if (myRole !== 'leader') return { code: 'GROUP_NOT_LEADER' };
  if (status !== 'approved') return { code: 'GROUP_NOT_APPROVED' };
  return null;
}

/** A leader makes another member a leader. */
export function checkAddLeader(targetRole: GroupRole | null): Refusal | null {
  if (targetRole === null) return { code: 'GROUP_NOT_MEMBER' };
  if (targetRole === 'leader') return { code: 'GROUP_ALREADY_LEADER' };
  return null;
}

/** The group's room minutes in one ISO week: what is booked plus the new booking within the quota staff set. */
export function checkGroupQuota(weekMinutes: number, minutes: number, weeklyQuotaMinutes: number): Refusal | null {
  return weekMinutes + minutes <= weeklyQuotaMinutes ? null : { code: 'GROUP_QUOTA_WEEKLY' };
}
