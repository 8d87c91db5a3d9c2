import type { HelpRequestView } from '@linli/shared-types';
import type { DataSource, EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { runTransaction } from '../database/transaction.js';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import { helpRequestView, loadHelpRequest } from './help-request-access.js';
import { HelpRequest } from './help-request.entity.js';
import { checkHelpAction, helpRoleOf, helpTransitions, type HelpAction } from './help-requests.rules.js';

/**
 * The parts of every step of a help request. Each step is one transaction: load → rules → a conditional UPDATE on the
 * request's status (the one that decides under concurrency) → ledger (the hold moves once, by its own conditional
 * update) → inbox.
 */

const link = (id: number) => `/packages/help/pages/detail/index?id=${id}`;

/** One step: load in the caller's community, check who and when, act, answer the request as it is now. */
export function runHelpStep(
  dataSource: DataSource,
  user: User,
  id: number,
  action: HelpAction,
  act: (manager: EntityManager, request: HelpRequest) => Promise<void>,
): Promise<HelpRequestView> {
  return runTransaction(dataSource, async (manager) => {
    const request = await loadHelpRequest(manager, user, id);
    const refusal = checkHelpAction(action, request.status, helpRoleOf(request, user));
    if (refusal) throw refuse(refusal);
    await act(manager, request);
    return helpRequestView(manager, await manager.findOneByOrFail(HelpRequest, { id }), user);
  });
}

/** The conditional UPDATE that decides: only from the states the action allows; a lost race is a 409. */
export async function moveHelpRequest(
  manager: EntityManager,
  request: HelpRequest,
  action: HelpAction,
  fields: Partial<HelpRequest>,
): Promise<void> {
  const { from, to } = helpTransitions[action];
  const result = await manager
    .createQueryBuilder()
    .update(HelpRequest)
    .set({ ...fields, status: to })
    .where('id = :id AND status IN (:...from)', { id: request.id, from })
    .execute();
  if (!result.affected) throw refuse('HELP_REQUEST_STATE');
}

/** A line in the inbox of each of `userIds` about the request, linking to its page. */
export async function tellAboutHelp(
  notifications: NotificationsService,
  manager: EntityManager,
  request: HelpRequest,
  userIds: number[],
  title: string,
  body: string,
): Promise<void> {
  await notifications.notify(manager, userIds, {
    communityId: request.communityId,
    kind: 'help_request',
    title,
    body,
    link: link(request.id),
  });
}
