import { Inject, Injectable, Optional } from '@nestjs/common';
import { DEFAULT_ACCOUNT_CAP_HOURS, hoursText, type LedgerKind, type TimebankAccountKind } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { refuse } from '../common/app-exception.js';
import { User } from '../users/user.entity.js';
import { LedgerEntry, LedgerTransaction } from './ledger-transaction.entity.js';
import { insertRows } from '../database/inserts.js';
import { lockForUpdate } from '../database/transaction.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { TimebankHold } from './timebank-hold.entity.js';
import { moveEachSide, moveInOneUpdate } from './balance-moves.js';
import { capOverflow, isValidAmount, postingPlan } from './timebank.rules.js';

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
  /** Both accounts as read with a lock earlier in this transaction (residentsWithAccounts): lets one UPDATE move both. */
  locked?: { from: TimebankAccount; to: TimebankAccount };
}

const poolKey = (communityId: number) => `pool:${communityId}`;
export const escrowKey = (communityId: number) => `escrow:${communityId}`;
export const commonsKey = (communityId: number) => `commons:${communityId}`;
export const userKey = (userId: number) => `user:${userId}`;

/** A promise of credits into the community's escrow (help requests, priced bookings). */
export interface HoldPosting {
  communityId: number;
  payerAccountId: number;
  amount: number;
  /** What it is for, unique: 'help-request:12', 'booking:7'. */
  reference: string;
  memo: string;
  actorId?: number | null;
}

/** How a hold ends: `pay` minutes (0..amount) to an account, the rest back to the payer. */
export interface HoldClosing {
  pay?: { toAccountId: number; amount: number; kind: LedgerKind; memo: string };
  releaseMemo: string;
  actorId?: number | null;
}

/**
 * The only writer of balances. Every movement of minutes goes through post(), inside the caller's
 * transaction, so that the entries and the cached balances commit or roll back together.
 */
@Injectable()
export class LedgerService {
  /** The most a resident's account may hold; the rest of a credit goes to the commons (PRODUCT.md "Mutual help"). */
  readonly capMinutes: number;

  constructor(@Optional() @Inject(APP_CONFIG) config?: Pick<AppConfig, 'timebankCapMinutes'>) {
    this.capMinutes = config?.timebankCapMinutes ?? DEFAULT_ACCOUNT_CAP_HOURS * 60;
  }

  /**
   * Writes one transaction and its two entries and moves the balances. The debit is a conditional update
   * (`balance >= amount` unless it is a pool), so concurrent spends can never overdraw a resident:
   * the one that finds too little changes no row and the whole transaction is refused.
   */
  async post(manager: EntityManager, posting: Posting): Promise<LedgerTransaction> {
    if (!isValidAmount(posting.amount))
      throw refuse('VALIDATION_FAILED', '分钟数必须是 1 到 100000 的整数', ['minutes']);
    if (posting.fromAccountId === posting.toAccountId) throw refuse('TRANSFER_TO_SELF');
    const plan = posting.locked && postingPlan(posting.locked.from, posting.locked.to, posting.amount, this.capMinutes);
    if (plan === 'insufficient') throw refuse('INSUFFICIENT_CREDITS');
    const overCap =
      plan === 'one-update'
        ? await moveInOneUpdate(manager, posting)
        : await moveEachSide(manager, posting, this.capMinutes);
    const values = {
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
      // Set here rather than by the column default, so the answer needs no re-read of the row.
      createdAt: new Date(),
    };
    const id = await insertRows(manager, LedgerTransaction, values);
    await insertRows(manager, LedgerEntry, [
      { transactionId: id, accountId: posting.fromAccountId, amount: -posting.amount },
      { transactionId: id, accountId: posting.toAccountId, amount: posting.amount },
    ]);
    if (overCap) await this.moveOverCap(manager, posting.communityId, posting.toAccountId, posting.actorId ?? null);
    return manager.create(LedgerTransaction, { ...values, id });
  }

  /** Credit beyond the cap goes to the commons in the same transaction, and the statement says so. */
  private async moveOverCap(
    manager: EntityManager,
    communityId: number,
    accountId: number,
    actorId: number | null,
  ): Promise<void> {
    const account = await manager.findOneByOrFail(TimebankAccount, { id: accountId });
    const excess = capOverflow(account.balance, this.capMinutes);
    if (excess <= 0) return;
    const commons = await this.commonsOf(manager, communityId);
    await this.post(manager, {
      kind: 'cap_overflow',
      communityId,
      fromAccountId: accountId,
      toAccountId: commons.id,
      amount: excess,
      memo: `账户上限 ${hoursText(this.capMinutes)} 小时，超出的 ${hoursText(excess)} 小时转入社区公益池`,
      reference: `cap:${accountId}`,
      actorId,
    });
  }

  /**
   * Holds minutes from the payer in the community's escrow: a real `hold` transaction whose debit is the same
   * conditional update as any spend (`balance >= amount`), so concurrent holds never promise more than is there.
   */
  async hold(manager: EntityManager, posting: HoldPosting): Promise<TimebankHold> {
    const escrow = await this.escrowOf(manager, posting.communityId);
    const transaction = await this.post(manager, {
      kind: 'hold',
      communityId: posting.communityId,
      fromAccountId: posting.payerAccountId,
      toAccountId: escrow.id,
      amount: posting.amount,
      memo: posting.memo,
      reference: posting.reference,
      actorId: posting.actorId ?? null,
    });
    const inserted = await manager.insert(TimebankHold, {
      communityId: posting.communityId,
      payerAccountId: posting.payerAccountId,
      amount: posting.amount,
      status: 'held',
      reference: posting.reference,
      holdTransactionId: transaction.id,
      closedAt: null,
    });
    return manager.findOneByOrFail(TimebankHold, { id: inserted.identifiers[0].id as number });
  }

  /**
   * Ends a hold once: the conditional update from 'held' lets exactly one closing through, whatever races it
   * (a cancel and a confirm, two confirms, a confirm and the 72-hour job); the loser is refused and changes nothing.
   */
  async closeHold(manager: EntityManager, holdId: number, closing: HoldClosing, now: Date): Promise<TimebankHold> {
    const paid = closing.pay?.amount ?? 0;
    const claimed = await manager
      .createQueryBuilder()
      .update(TimebankHold)
      .set({ status: paid > 0 ? 'charged' : 'released', closedAt: now })
      .where("id = :id AND status = 'held' AND amount >= :paid", { id: holdId, paid })
      .execute();
    if (!claimed.affected) throw refuse('HOLD_ALREADY_CLOSED');
    const hold = await manager.findOneByOrFail(TimebankHold, { id: holdId });
    const escrow = await this.escrowOf(manager, hold.communityId);
    if (closing.pay && paid > 0)
      await this.post(manager, {
        kind: closing.pay.kind,
        communityId: hold.communityId,
        fromAccountId: escrow.id,
        toAccountId: closing.pay.toAccountId,
        amount: paid,
        memo: closing.pay.memo,
        reference: hold.reference,
        actorId: closing.actorId ?? null,
      });
    if (hold.amount - paid > 0)
      await this.post(manager, {
        kind: 'release',
        communityId: hold.communityId,
        fromAccountId: escrow.id,
        toAccountId: hold.payerAccountId,
        amount: hold.amount - paid,
        memo: closing.releaseMemo,
        reference: hold.reference,
        actorId: closing.actorId ?? null,
      });
    return hold;
  }

  /** The open hold for a reference, if any. */
  async openHold(manager: EntityManager, reference: string): Promise<TimebankHold | null> {
    return manager.findOneBy(TimebankHold, { reference, status: 'held' });
  }

  /** The community's escrow, which holds promised credits (opened on first use, like the pool). */
  async escrowOf(manager: EntityManager, communityId: number): Promise<TimebankAccount> {
    return this.open(manager, communityId, null, 'escrow');
  }

  /** The community's commons 公益池: donations and credit beyond the cap. */
  async commonsOf(manager: EntityManager, communityId: number): Promise<TimebankAccount> {
    return this.open(manager, communityId, null, 'commons');
  }

  /** The community's pool, opened on first use (any process may race to open it; the unique owner key decides). */
  async poolOf(manager: EntityManager, communityId: number): Promise<TimebankAccount> {
    return this.open(manager, communityId, null);
  }

  /** Opens a verified resident's account (at verification, in its transaction); opening twice is harmless. */
  async openAccount(manager: EntityManager, resident: Pick<User, 'id' | 'communityId'>): Promise<TimebankAccount> {
    if (resident.communityId === null) throw refuse('TIMEBANK_ACCOUNT_NOT_FOUND');
    await this.poolOf(manager, resident.communityId);
    return this.open(manager, resident.communityId, resident.id);
  }

  /**
   * Users with their resident accounts (if opened), in one statement that locks both (MySQL): a posting that follows
   * knows the balances it moves from, so its answer needs no re-read.
   */
  async residentsWithAccounts(
    manager: EntityManager,
    userIds: number[],
  ): Promise<Map<number, { user: User; account: TimebankAccount | undefined }>> {
    const users = await lockForUpdate(
      manager,
      manager
        .createQueryBuilder(User, 'u')
        .leftJoinAndMapOne('u.account', TimebankAccount, 'a', "a.userId = u.id AND a.kind = 'resident'")
        .where('u.id IN (:...userIds)', { userIds }),
    ).getMany();
    return new Map(
      users.map((user) => [user.id, { user, account: (user as User & { account?: TimebankAccount }).account }]),
    );
  }

  async accountOfUser(manager: EntityManager, userId: number): Promise<TimebankAccount | null> {
    return manager.findOneBy(TimebankAccount, { ownerKey: userKey(userId) });
  }

  private async open(
    manager: EntityManager,
    communityId: number,
    userId: number | null,
    kind: TimebankAccountKind = userId === null ? 'pool' : 'resident',
  ): Promise<TimebankAccount> {
    const ownerKey =
      kind === 'resident'
        ? userKey(userId!)
        : kind === 'escrow'
          ? escrowKey(communityId)
          : kind === 'commons'
            ? commonsKey(communityId)
            : poolKey(communityId);
    const existing = await manager.findOneBy(TimebankAccount, { ownerKey });
    if (existing) return existing;
    await manager
      .createQueryBuilder()
      .insert()
      .into(TimebankAccount)
      .values({ communityId, userId, kind, ownerKey, balance: 0 })
      .orIgnore()
      .execute();
    // A locking read sees a row another transaction committed after ours began (MySQL's plain reads would not).
    return lockForUpdate(
      manager,
      manager.createQueryBuilder(TimebankAccount, 'a').where('a.ownerKey = :ownerKey', { ownerKey }),
    ).getOneOrFail();
  }
}
