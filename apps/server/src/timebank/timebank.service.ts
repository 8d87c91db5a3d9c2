import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  LedgerAuditResult,
  LedgerTransactionView,
  Page,
  PostingResponse,
  StatementItem,
  TimebankAccountListItem,
  TimebankAccountView,
  TimebankMonthlyStatsResponse,
  TransferRecipient,
} from '@linli/shared-types';
import { hoursText, toCsv } from '@linli/shared-types';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { RawReads } from '../database/raw-reads.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { containsPattern, residentMatches } from '../common/search.js';
import { assertInCommunity, communityScope } from '../common/tenancy-scope.js';
import { Building } from '../tenancy/building.entity.js';
import { User } from '../users/user.entity.js';
import type { AdjustmentDto, TransferDto } from './dto/timebank.dto.js';
import { IdempotencyService } from './idempotency.service.js';
import { auditLedger } from './ledger-audit.js';
import { LedgerEntry, LedgerTransaction } from './ledger-transaction.entity.js';
import { isDuplicateKey, lockForUpdate, runTransaction } from '../database/transaction.js';
import { LedgerService, userKey } from './ledger.service.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { ACCOUNT_BY_OWNER_SQL, type AccountRow } from './timebank.queries.js';
import {
  communityAccountName,
  toAccountListItem,
  toAccountView,
  toCounterparty,
  toStatementItem,
  toTransactionView,
} from './timebank.mapper.js';
import {
  adjustmentLegs,
  checkReversal,
  checkTransfer,
  lastMonths,
  monthlyStats,
  reversalLegs,
} from './timebank.rules.js';

/** Residents who are not verified yet see no time bank ("pending residents can read notices, nothing else"). */
export function assertVerifiedResident(user: User): void {
  if (user.role !== 'resident') throw refuse('FORBIDDEN');
  if (user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

@Injectable()
export class TimebankService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly auditLog: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly raw: RawReads,
  ) {}

  async account(user: User): Promise<TimebankAccountView> {
    assertVerifiedResident(user);
    // A hot read: raw SQL on the unique owner key, no query builder or entity (bench/results/1-read-ratio.md).
    const [existing] = await this.raw.rows<AccountRow>(ACCOUNT_BY_OWNER_SQL, [userKey(user.id)]);
    // Residents verified before the time bank existed get their account on first look.
    const account = existing ?? (await runTransaction(this.dataSource, (m) => this.ledger.openAccount(m, user)));
    return toAccountView(account);
  }

  async statement(user: User, query: { cursor?: string; limit?: number }): Promise<Page<StatementItem>> {
    assertVerifiedResident(user);
    const account = await this.ledger.accountOfUser(this.dataSource.manager, user.id);
    if (!account) return { items: [], nextCursor: null };
    return this.statementOfAccount(this.dataSource.manager, account, query);
  }

  /** Staff: a resident's statement, in their own community only. */
  async statementOfUser(
    viewer: User,
    userId: number,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<StatementItem>> {
    const resident = await this.dataSource.manager.findOneBy(User, { id: userId });
    assertInCommunity(viewer, resident);
    const account = await this.ledger.accountOfUser(this.dataSource.manager, userId);
    if (!account) throw refuse('TIMEBANK_ACCOUNT_NOT_FOUND');
    return this.statementOfAccount(this.dataSource.manager, account, query);
  }

  /** Staff: a community account's statement: the pool, its escrow or its commons (admins name the community). */
  async statementOfPool(
    viewer: User,
    communityId: number | undefined,
    query: { cursor?: string; limit?: number; kind?: 'pool' | 'escrow' | 'commons' },
  ): Promise<Page<StatementItem>> {
    const scope = communityScope(viewer, communityId);
    if (scope === null) throw refuse('VALIDATION_FAILED', '请选择社区', ['communityId']);
    const ownerKey = `${query.kind ?? 'pool'}:${scope}`;
    const pool = await this.dataSource.getRepository(TimebankAccount).findOneBy({ ownerKey });
    if (!pool) return { items: [], nextCursor: null };
    return this.statementOfAccount(this.dataSource.manager, pool, query);
  }

  /** A resident gives minutes to a neighbour; once per Idempotency-Key. */
  transfer(sender: User, idempotencyKey: string | undefined, body: TransferDto): Promise<PostingResponse> {
    assertVerifiedResident(sender);
    const request = { toUserId: body.toUserId, minutes: body.minutes, memo: body.memo };
    return this.idempotency.once(
      { userId: sender.id, key: idempotencyKey, operation: 'timebank.transfer', body: request },
      async (manager) => {
        // One statement for the recipient and both accounts, locked: the balance after is known without a re-read.
        const parties = await this.ledger.residentsWithAccounts(manager, [sender.id, body.toUserId]);
        const recipient = parties.get(body.toUserId)?.user ?? null;
        const refusal = checkTransfer(sender, recipient);
        if (refusal) throw refuse(refusal.code);
        const from = parties.get(sender.id)?.account ?? (await this.ledger.openAccount(manager, sender));
        const to = parties.get(body.toUserId)?.account ?? (await this.ledger.openAccount(manager, recipient!));
        const transaction = await this.ledger.post(manager, {
          kind: 'transfer',
          communityId: from.communityId,
          fromAccountId: from.id,
          toAccountId: to.id,
          amount: body.minutes,
          memo: body.memo.trim(),
          idempotencyKey: idempotencyKey ?? null,
          actorId: sender.id,
          locked: { from, to },
        });
        await this.notifyCredits(
          manager,
          recipient!.id,
          from.communityId,
          body.minutes,
          `${sender.name ?? '邻居'}转给您 ${hoursText(body.minutes)} 小时：${body.memo.trim()}`,
        );
        const balance = from.balance - body.minutes;
        return {
          transaction: toStatementItem(
            transaction,
            from.id,
            toCounterparty(to, new Map([[recipient!.id, recipient!]])),
            null,
          ),
          balance,
          balanceHours: hoursText(balance),
        };
      },
    );
  }

  /** Staff correct a transaction by writing its reversal; at most once, and never overdrawing a resident. */
  async reverse(actor: User, transactionId: number, reason: string): Promise<LedgerTransactionView> {
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        // Locking the original first makes concurrent reversals of it wait here and then see the first one.
        const original = await lockForUpdate(
          manager,
          manager.createQueryBuilder(LedgerTransaction, 't').where('t.id = :id', { id: transactionId }),
        ).getOne();
        if (!original) throw refuse('TRANSACTION_NOT_FOUND');
        assertInCommunity(actor, original);
        const alreadyReversed =
          (await lockForUpdate(
            manager,
            manager.createQueryBuilder(LedgerTransaction, 't').where('t.reversesId = :id', { id: original.id }),
          ).getCount()) > 0;
        const refusal = checkReversal(original, alreadyReversed);
        if (refusal) throw refuse(refusal.code);
        const reversal = await this.postReversal(manager, original, actor, reason);
        const payee = await manager.findOneByOrFail(TimebankAccount, { id: reversal.toAccountId });
        if (payee.userId !== null)
          await this.notifyCredits(
            manager,
            payee.userId,
            payee.communityId,
            reversal.amount,
            `交易 #${original.id} 已冲正，时间已退回：${reason.trim()}`,
          );
        await this.auditLog.record(manager, {
          actor,
          communityId: original.communityId,
          action: 'timebank.reverse',
          targetType: 'timebank_transaction',
          targetId: original.id,
          summary: `冲正交易 #${original.id}（${original.amount} 分钟）：${reason}`,
        });
        return this.transactionView(manager, reversal);
      });
    } catch (error) {
      // Two staff reversing at once: the unique reversesId lets one through.
      if (isDuplicateKey(error)) throw refuse('TRANSACTION_ALREADY_REVERSED');
      throw error;
    }
  }

  /** The one way to write a reversal (also used when a redemption is cancelled). */
  async postReversal(
    manager: EntityManager,
    original: LedgerTransaction,
    actor: Pick<User, 'id'>,
    reason: string,
  ): Promise<LedgerTransaction> {
    return this.ledger.post(manager, {
      kind: 'reversal',
      communityId: original.communityId,
      ...reversalLegs(original),
      memo: `冲正 #${original.id}：${reason.trim()}`,
      reference: original.reference,
      actorId: actor.id,
      reversesId: original.id,
    });
  }

  /** Admins add (or with negative minutes take back) credits with a reason. */
  async adjust(actor: User, body: AdjustmentDto): Promise<LedgerTransactionView> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await manager.findOneBy(User, { id: body.userId });
      assertInCommunity(actor, resident);
      if (resident.role !== 'resident') throw refuse('NOT_A_RESIDENT');
      if (resident.status !== 'verified') throw refuse('TARGET_NOT_VERIFIED');
      const account = await this.ledger.openAccount(manager, resident);
      const pool = await this.ledger.poolOf(manager, account.communityId);
      const transaction = await this.ledger.post(manager, {
        kind: 'adjustment',
        communityId: account.communityId,
        ...adjustmentLegs(body.minutes, account.id, pool.id),
        memo: `调整：${body.reason.trim()}`,
        actorId: actor.id,
      });
      if (body.minutes > 0)
        await this.notifyCredits(
          manager,
          resident.id,
          account.communityId,
          body.minutes,
          `社区为您调整时间余额：${body.reason.trim()}`,
        );
      await this.auditLog.record(manager, {
        actor,
        communityId: account.communityId,
        action: 'timebank.adjust',
        targetType: 'user',
        targetId: resident.id,
        summary: `调整 ${resident.name ?? resident.id} 的时间余额 ${body.minutes > 0 ? '+' : ''}${body.minutes} 分钟：${body.reason}`,
      });
      return this.transactionView(manager, transaction);
    });
  }

  /** An inbox entry for the resident who received minutes, committed with the posting. */
  async notifyCredits(
    manager: EntityManager,
    userId: number,
    communityId: number,
    minutes: number,
    body: string,
  ): Promise<void> {
    await this.notifications.notify(manager, [userId], {
      communityId,
      kind: 'credits_received',
      title: `时间银行到账 ${hoursText(minutes)} 小时`,
      body,
      link: null,
    });
  }

  /** Verified neighbours whose name contains q: never the caller, never another community, at most 20, no phones or rooms. */
  async recipients(user: User, q: string): Promise<Page<TransferRecipient>> {
    assertVerifiedResident(user);
    const rows = await this.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .where('u.communityId = :community AND u.role = :role AND u.status = :status AND u.id <> :me', {
        community: user.communityId,
        role: 'resident',
        status: 'verified',
        me: user.id,
      })
      .andWhere("u.name LIKE :like ESCAPE '!'", { like: containsPattern(q.trim()) })
      .orderBy('u.name', 'ASC')
      .addOrderBy('u.id', 'ASC')
      .limit(20)
      .getMany();
    const buildingIds = [...new Set(rows.map((u) => u.buildingId).filter((id): id is number => id !== null))];
    const buildings = new Map(
      (buildingIds.length ? await this.dataSource.getRepository(Building).findBy({ id: In(buildingIds) }) : []).map(
        (b) => [b.id, b.name],
      ),
    );
    return {
      items: rows.map((u) => ({
        userId: u.id,
        name: u.name ?? '',
        buildingName: u.buildingId ? (buildings.get(u.buildingId) ?? null) : null,
        unit: u.unit,
      })),
      nextCursor: null,
    };
  }

  /** Staff: accounts of their community (admins: the street or one community), newest first, pool included. */
  async accounts(
    viewer: User,
    query: { communityId?: number; cursor?: string; limit?: number; q?: string },
  ): Promise<Page<TimebankAccountListItem>> {
    const limit = query.limit ?? 50;
    const scope = communityScope(viewer, query.communityId);
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(TimebankAccount)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .limit(limit + 1);
    if (scope !== null) qb.andWhere('a.communityId = :scope', { scope });
    if (before) qb.andWhere('a.id < :before', { before });
    if (query.q) qb.innerJoin(User, 'u', 'u.id = a.userId').andWhere(residentMatches('u', query.q));
    const rows = await qb.getMany();
    const { users, buildings } = await this.ownersOf(this.dataSource.manager, rows);
    return pageByDescendingId(rows, limit, (a) => {
      const user = a.userId === null ? undefined : users.get(a.userId);
      return toAccountListItem(a, user, user?.buildingId ? buildings.get(user.buildingId) : undefined);
    });
  }

  /** Staff: every account of the scope as CSV (UTF-8 with BOM), pool first. */
  async accountsCsv(viewer: User, communityId?: number): Promise<string> {
    const scope = communityScope(viewer, communityId);
    const rows = await this.dataSource.getRepository(TimebankAccount).find({
      where: scope === null ? {} : { communityId: scope },
      order: { communityId: 'ASC', kind: 'ASC', id: 'ASC' },
    });
    const { users, buildings } = await this.ownersOf(this.dataSource.manager, rows);
    const lines: Array<Array<string | number | null>> = [
      ['社区ID', '账户类型', '姓名', '手机', '楼栋', '单元', '房号', '余额（分钟）', '余额（小时）'],
    ];
    for (const a of rows) {
      const user = a.userId === null ? undefined : users.get(a.userId);
      const item = toAccountListItem(a, user, user?.buildingId ? buildings.get(user.buildingId) : undefined);
      lines.push([
        item.communityId,
        a.kind === 'resident' ? '居民' : communityAccountName(a.kind),
        item.name,
        item.phone,
        item.buildingName,
        item.unit,
        item.room,
        item.balance,
        item.balanceHours,
      ]);
    }
    return toCsv(lines);
  }

  /** Staff: minutes issued, spent, transferred and reversed per month of the scope (the console chart). */
  async monthlyStats(
    viewer: User,
    communityId: number | undefined,
    months: number,
  ): Promise<TimebankMonthlyStatsResponse> {
    const scope = communityScope(viewer, communityId);
    const window = lastMonths(this.clock.now(), months);
    const pools = await this.dataSource
      .getRepository(TimebankAccount)
      .find({ select: { id: true }, where: scope === null ? { kind: 'pool' } : { kind: 'pool', communityId: scope } });
    const poolIds = new Set(pools.map((p) => p.id));
    const qb = this.dataSource
      .getRepository(LedgerTransaction)
      .createQueryBuilder('t')
      .select(['t.id', 't.kind', 't.amount', 't.fromAccountId', 't.toAccountId', 't.createdAt'])
      .where('t.createdAt >= :since', { since: window.since });
    if (scope !== null) qb.andWhere('t.communityId = :scope', { scope });
    const rows = await qb.getMany();
    return {
      items: monthlyStats(
        rows.map((t) => ({
          kind: t.kind,
          amount: t.amount,
          createdAt: t.createdAt,
          fromPool: poolIds.has(t.fromAccountId),
          toPool: poolIds.has(t.toAccountId),
        })),
        window.months,
      ),
    };
  }

  /** Recomputes every balance of the scope from its entries, in one consistent read. */
  audit(viewer: User, communityId?: number): Promise<LedgerAuditResult> {
    const scope = communityScope(viewer, communityId);
    return runTransaction(this.dataSource, (manager) => auditLedger(manager, scope, this.clock.now()));
  }

  private async statementOfAccount(
    manager: EntityManager,
    account: TimebankAccount,
    query: { cursor?: string; limit?: number },
  ): Promise<Page<StatementItem>> {
    const limit = query.limit ?? 20;
    const before = decodeIdCursor(query.cursor);
    const qb = manager
      .getRepository(LedgerEntry)
      .createQueryBuilder('e')
      .where('e.accountId = :accountId', { accountId: account.id })
      .orderBy('e.transactionId', 'DESC')
      .limit(limit + 1);
    if (before) qb.andWhere('e.transactionId < :before', { before });
    const entries = await qb.getMany();
    const ids = entries.map((e) => e.transactionId);
    const transactions = ids.length ? await manager.findBy(LedgerTransaction, { id: In(ids) }) : [];
    const reversals = ids.length ? await manager.findBy(LedgerTransaction, { reversesId: In(ids) }) : [];
    const reversedBy = new Map(reversals.map((r) => [r.reversesId!, r.id]));
    const byId = new Map(transactions.map((t) => [t.id, t]));
    const counterpartyIds = transactions.map((t) => (t.fromAccountId === account.id ? t.toAccountId : t.fromAccountId));
    const { accounts, users } = await this.accountsWithOwners(manager, counterpartyIds);
    const rows = entries.map((e) => ({ id: e.transactionId, transaction: byId.get(e.transactionId)! }));
    return pageByDescendingId(rows, limit, ({ transaction: t }) => {
      const other = t.fromAccountId === account.id ? t.toAccountId : t.fromAccountId;
      return toStatementItem(t, account.id, toCounterparty(accounts.get(other), users), reversedBy.get(t.id) ?? null);
    });
  }

  private async transactionView(manager: EntityManager, t: LedgerTransaction): Promise<LedgerTransactionView> {
    const { accounts, users } = await this.accountsWithOwners(manager, [t.fromAccountId, t.toAccountId]);
    return toTransactionView(
      t,
      toCounterparty(accounts.get(t.fromAccountId), users),
      toCounterparty(accounts.get(t.toAccountId), users),
    );
  }

  private async accountsWithOwners(manager: EntityManager, accountIds: number[]) {
    const unique = [...new Set(accountIds)];
    const rows = unique.length ? await manager.findBy(TimebankAccount, { id: In(unique) }) : [];
    const { users } = await this.ownersOf(manager, rows, false);
    return { accounts: new Map(rows.map((a) => [a.id, a])), users };
  }

  private async ownersOf(manager: EntityManager, accounts: TimebankAccount[], withBuildings = true) {
    const userIds = [...new Set(accounts.map((a) => a.userId).filter((id): id is number => id !== null))];
    const userRows = userIds.length ? await manager.findBy(User, { id: In(userIds) }) : [];
    const buildingIds = withBuildings
      ? [...new Set(userRows.map((u) => u.buildingId).filter((id): id is number => id !== null))]
      : [];
    const buildingRows = buildingIds.length ? await manager.findBy(Building, { id: In(buildingIds) }) : [];
    return { users: new Map(userRows.map((u) => [u.id, u])), buildings: new Map(buildingRows.map((b) => [b.id, b])) };
  }
}
