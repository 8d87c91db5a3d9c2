import { Injectable } from '@nestjs/common';
import type { LedgerKind } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { AppException, refused } from '../common/app-exception.js';
import type { User } from '../users/user.entity.js';
import { LedgerEntry, LedgerTransaction } from './ledger-transaction.entity.js';
import { lockForUpdate } from '../database/transaction.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { isValidAmount, lockOrder } from './timebank.rules.js';

export interface Posting {
  kind: LedgerKind;
  communityId: number;
  fromAccountId: number;
  toAccountId: number;
  /** Whole minutes, > 0. */
  amount: number;
  memo: string;
  reference?: string | null;
  idempotencyKey?: string | null;
  actorId?: number | null;
  reversesId?: number | null;
}

const poolKey = (communityId: number) => `pool:${communityId}`;
export const userKey = (userId: number) => `user:${userId}`;

/**
 * The only writer of balances. Every movement of minutes goes through post(), inside the caller's
 * transaction, so that the entries and the cached balances commit or roll back together.
 */
@Injectable()
export class LedgerService {
  /**
   * Writes one transaction and its two entries and moves the balances. The debit is a conditional update
   * (`balance >= amount` unless it is a pool), so concurrent spends can never overdraw a resident:
   * the one that finds too little changes no row and the whole transaction is refused.
   */
  async post(manager: EntityManager, posting: Posting): Promise<LedgerTransaction> {
    if (!isValidAmount(posting.amount))
      throw new AppException('VALIDATION_FAILED', 400, '分钟数必须是 1 到 100000 的整数', ['minutes']);
    if (posting.fromAccountId === posting.toAccountId) throw refused('TRANSFER_TO_SELF');
    for (const accountId of lockOrder(posting.fromAccountId, posting.toAccountId)) {
      const qb = manager.createQueryBuilder().update(TimebankAccount);
      const result =
        accountId === posting.fromAccountId
          ? await qb
              .set({ balance: () => 'balance - :amount' })
              .where("id = :id AND communityId = :communityId AND (kind = 'pool' OR balance >= :amount)", {
                id: accountId,
                amount: posting.amount,
                communityId: posting.communityId,
              })
              .execute()
          : await qb
              .set({ balance: () => 'balance + :amount' })
              .where('id = :id AND communityId = :communityId', {
                id: accountId,
                amount: posting.amount,
                communityId: posting.communityId,
              })
              .execute();
      if (!result.affected) {
        if (
          accountId === posting.fromAccountId &&
          (await manager.existsBy(TimebankAccount, { id: accountId, communityId: posting.communityId }))
        ) {
          throw refused('INSUFFICIENT_CREDITS');
        }
        throw new AppException('TIMEBANK_ACCOUNT_NOT_FOUND', 404);
      }
    }
    const inserted = await manager.insert(LedgerTransaction, {
      communityId: posting.communityId,
      kind: posting.kind,
      fromAccountId: posting.fromAccountId,
      toAccountId: posting.toAccountId,
      amount: posting.amount,
      memo: posting.memo.slice(0, 200),
      reference: posting.reference ?? null,
      idempotencyKey: posting.idempotencyKey ?? null,
      actorId: posting.actorId ?? null,
      reversesId: posting.reversesId ?? null,
    });
    const id = inserted.identifiers[0].id as number;
    await manager.insert(LedgerEntry, [
      { transactionId: id, accountId: posting.fromAccountId, amount: -posting.amount },
      { transactionId: id, accountId: posting.toAccountId, amount: posting.amount },
    ]);
    return manager.findOneByOrFail(LedgerTransaction, { id });
  }

  /** The community's pool, opened on first use (any process may race to open it; the unique owner key decides). */
  async poolOf(manager: EntityManager, communityId: number): Promise<TimebankAccount> {
    return this.open(manager, communityId, null);
  }

  /** Opens a verified resident's account (at verification, in its transaction); opening twice is harmless. */
  async openAccount(manager: EntityManager, resident: Pick<User, 'id' | 'communityId'>): Promise<TimebankAccount> {
    if (resident.communityId === null) throw new AppException('TIMEBANK_ACCOUNT_NOT_FOUND', 404);
    await this.poolOf(manager, resident.communityId);
    return this.open(manager, resident.communityId, resident.id);
  }

  async accountOfUser(manager: EntityManager, userId: number): Promise<TimebankAccount | null> {
    return manager.findOneBy(TimebankAccount, { ownerKey: userKey(userId) });
  }

  private async open(manager: EntityManager, communityId: number, userId: number | null): Promise<TimebankAccount> {
    const ownerKey = userId === null ? poolKey(communityId) : userKey(userId);
    const existing = await manager.findOneBy(TimebankAccount, { ownerKey });
    if (existing) return existing;
    await manager
      .createQueryBuilder()
      .insert()
      .into(TimebankAccount)
      .values({ communityId, userId, kind: userId === null ? 'pool' : 'resident', ownerKey, balance: 0 })
      .orIgnore()
      .execute();
    // A locking read sees a row another transaction committed after ours began (MySQL's plain reads would not).
    return lockForUpdate(
      manager,
      manager.createQueryBuilder(TimebankAccount, 'a').where('a.ownerKey = :ownerKey', { ownerKey }),
    ).getOneOrFail();
  }
}
