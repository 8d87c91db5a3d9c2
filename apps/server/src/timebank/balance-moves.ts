import type { EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import type { Posting } from './ledger.service.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { lockOrder } from './timebank.rules.js';

/** How post() moves the two balances: the conditional updates that keep every balance from going below zero. */

/**
 * Both balances in one statement, for accounts locked and checked in this transaction (postingPlan). The debit keeps
 * its condition: should the rows have moved since they were read (another Galera node), fewer than two change and
 * the whole transaction is refused (and on Galera it loses at commit and is retried anyway).
 */
export async function moveInOneUpdate(manager: EntityManager, posting: Posting): Promise<false> {
  const result = await manager
    .createQueryBuilder()
    .update(TimebankAccount)
    .set({ balance: () => 'CASE WHEN id = :from THEN balance - :amount ELSE balance + :amount END' })
    .where("communityId = :communityId AND ((id = :from AND (kind = 'pool' OR balance >= :amount)) OR id = :to)", {
      from: posting.fromAccountId,
      to: posting.toAccountId,
      amount: posting.amount,
      communityId: posting.communityId,
    })
    .execute();
  if (result.affected !== 2) throw refuse('INSUFFICIENT_CREDITS');
  return false;
}

/**
 * Each side on its own, in id order: the debit's condition (`balance >= amount` unless a pool) and the credit under
 * the cap; beyond the cap the whole credit is made and the answer says the excess must go to the commons.
 */
export async function moveEachSide(manager: EntityManager, posting: Posting, capMinutes: number): Promise<boolean> {
  let overCap = false;
  for (const accountId of lockOrder(posting.fromAccountId, posting.toAccountId)) {
    const qb = manager.createQueryBuilder().update(TimebankAccount);
    const params = { id: accountId, amount: posting.amount, communityId: posting.communityId, cap: capMinutes };
    let result =
      accountId === posting.fromAccountId
        ? await qb
            .set({ balance: () => 'balance - :amount' })
            .where("id = :id AND communityId = :communityId AND (kind = 'pool' OR balance >= :amount)", params)
            .execute()
        : await qb
            .set({ balance: () => 'balance + :amount' })
            .where(
              "id = :id AND communityId = :communityId AND (kind <> 'resident' OR balance + :amount <= :cap)",
              params,
            )
            .execute();
    if (!result.affected && accountId === posting.toAccountId) {
      // Beyond the cap (the rare case, so the common credit stays one statement): credit it all, then move the excess.
      result = await manager
        .createQueryBuilder()
        .update(TimebankAccount)
        .set({ balance: () => 'balance + :amount' })
        .where('id = :id AND communityId = :communityId', params)
        .execute();
      overCap = Boolean(result.affected);
    }
    if (!result.affected) {
      if (
        accountId === posting.fromAccountId &&
        (await manager.existsBy(TimebankAccount, { id: accountId, communityId: posting.communityId }))
      ) {
        throw refuse('INSUFFICIENT_CREDITS');
      }
      throw refuse('TIMEBANK_ACCOUNT_NOT_FOUND');
    }
  }
  return overCap;
}
