import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  LedgerAuditResult,
  Page,
  StatementItem,
  TimebankAccountListItem,
  TimebankMonthlyStatsResponse,
} from '@linli/shared-types';
import { toCsv } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { newestFirst, pageByDescendingId } from '../common/pagination.js';
import { residentMatches } from '../common/search.js';
import { assertInCommunity, communityScope } from '../common/tenancy-scope.js';
import { runTransaction } from '../database/transaction.js';
import { User } from '../users/user.entity.js';
import { auditLedger } from './ledger-audit.js';
import { LedgerTransaction } from './ledger-transaction.entity.js';
import { LedgerService } from './ledger.service.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { ownersOf, statementOfAccount } from './timebank-views.js';
import { communityAccountName, toAccountListItem } from './timebank.mapper.js';
import { lastMonths, monthlyStats } from './timebank.rules.js';

/** What staff read of the time bank: accounts and their statements, the monthly figures, the ledger audit. */
@Injectable()
export class TimebankReportsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly clock: Clock,
  ) {}

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
    return statementOfAccount(this.dataSource.manager, account.ownerKey, query);
  }

  /** Staff: a community account's statement: the pool, its escrow or its commons (admins name the community). */
  async statementOfPool(
    viewer: User,
    communityId: number | undefined,
    query: { cursor?: string; limit?: number; kind?: 'pool' | 'escrow' | 'commons' },
  ): Promise<Page<StatementItem>> {
    const scope = communityScope(viewer, communityId);
    if (scope === null) throw refuse('VALIDATION_FAILED', '请选择社区', ['communityId']);
    return statementOfAccount(this.dataSource.manager, `${query.kind ?? 'pool'}:${scope}`, query);
  }

  /** Staff: accounts of their community (admins: the street or one community), newest first, pool included. */
  async accounts(
    viewer: User,
    query: { communityId?: number; cursor?: string; limit?: number; q?: string },
  ): Promise<Page<TimebankAccountListItem>> {
    const limit = query.limit ?? 50;
    const scope = communityScope(viewer, query.communityId);
    const qb = newestFirst(this.dataSource.getRepository(TimebankAccount), 'a', { limit, cursor: query.cursor, scope });
    if (query.q) qb.innerJoin(User, 'u', 'u.id = a.userId').andWhere(residentMatches('u', query.q));
    const rows = await qb.getMany();
    const { users, buildings } = await ownersOf(this.dataSource.manager, rows);
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
    const { users, buildings } = await ownersOf(this.dataSource.manager, rows);
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
}
