import type { Refusal } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { groupRoleOf } from '../groups/group-access.js';
import type { User } from '../users/user.entity.js';
import { CentreEvent } from './event.entity.js';

/** Who may see an event, and the turn its writers take: shared by the event services. */

export const fail = (refusal: Refusal) => refuse(refusal.code);
export const isStaff = (user: User) => user.role !== 'resident';
export const eventLink = (id: number) => `/packages/centre/pages/event/index?id=${id}`;

export function assertVerified(user: User): void {
  if (!isStaff(user) && user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

/** The event's row first: sign-ups and cancels of one event take turns (a row write, which Galera also certifies). */
export async function takeEventTurn(manager: EntityManager, id: number): Promise<void> {
  const turn = await manager
    .createQueryBuilder()
    .update(CentreEvent)
    .set({ queueTurn: () => 'queueTurn + 1' })
    .where('id = :id', { id })
    .execute();
  if (!turn.affected) throw refuse('EVENT_NOT_FOUND');
}

/** Another community's event, or a members-only one shown to a non-member resident, is missing. */
export async function visibleEvent(manager: EntityManager, viewer: User, id: number): Promise<CentreEvent> {
  assertVerified(viewer);
  const event = await manager.findOneBy(CentreEvent, { id });
  if (!event) throw refuse('EVENT_NOT_FOUND');
  if (viewer.role !== 'admin' && event.communityId !== viewer.communityId) throw refuse('EVENT_NOT_FOUND');
  if (!isStaff(viewer) && event.membersOnly && event.groupId && event.organiserId !== viewer.id) {
    if ((await groupRoleOf(manager, event.groupId, viewer.id)) === null) throw refuse('EVENT_NOT_FOUND');
  }
  return event;
}
