import type { HelpRequestView } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import type { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import { HelpOffer, HelpRequest } from './help-request.entity.js';
import { toHelpRequestView } from './help-requests.mapper.js';
import { helpRoleOf, mayViewOffers } from './help-requests.rules.js';

/** Loading a help request as one caller may see it, and answering it: shared by the help services. */

/** Residents act on their own community's board; pending residents see nothing of the time bank. */
export function assertVerifiedResident(user: User): void {
  if (user.role !== 'resident') throw refuse('FORBIDDEN');
  if (user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

/** The request, or 404 when it is missing or of another community. */
export async function loadHelpRequest(manager: EntityManager, user: User, id: number): Promise<HelpRequest> {
  const request = await manager.findOneBy(HelpRequest, { id });
  if (!request) throw refuse('HELP_REQUEST_NOT_FOUND');
  try {
    assertInCommunity(user, request);
  } catch {
    throw refuse('HELP_REQUEST_NOT_FOUND');
  }
  return request;
}

export async function helpRequestView(
  manager: EntityManager,
  request: HelpRequest,
  viewer: User,
): Promise<HelpRequestView> {
  return (await helpRequestViews(manager, [request], viewer))[0];
}

/** The requests with poster, helper and offers; the offers only for those who may see them. */
export async function helpRequestViews(
  manager: EntityManager,
  rows: HelpRequest[],
  viewer: User,
): Promise<HelpRequestView[]> {
  if (!rows.length) return [];
  const offers = await manager.findBy(HelpOffer, { helpRequestId: In(rows.map((r) => r.id)) });
  const userIds = new Set<number>();
  for (const r of rows) {
    userIds.add(r.posterId);
    if (r.helperId) userIds.add(r.helperId);
  }
  for (const o of offers) userIds.add(o.userId);
  const users = await usersById(manager, userIds);
  return rows.map((r) =>
    toHelpRequestView(
      r,
      users,
      offers.filter((o) => o.helpRequestId === r.id),
      viewer.id,
      mayViewOffers(helpRoleOf(r, viewer)),
    ),
  );
}
