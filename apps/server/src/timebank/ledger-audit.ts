import type { LedgerAuditResult } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { LedgerEntry, LedgerTransaction } from './ledger-transaction.entity.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { TimebankHold } from './timebank-hold.entity.js';
import {
  communityBalanceSums,
  findLedgerDiscrepancies,
  type AuditedAccount,
  type AuditedHolds,
  type AuditedTransaction,
} from './timebank.rules.js';

/**
 * Recomputes every balance of one community (or all, when null) from its entries and checks the invariants.
 * Run it inside one transaction so that it reads one consistent state. Used by GET timebank/audit and the CLI.
 */
export async function auditLedger(
  manager: EntityManager,
  communityId: number | null,
  now: Date,
): Promise<LedgerAuditResult> {
  const accountsQuery = manager
    .createQueryBuilder(TimebankAccount, 'a')
    .select('a.id', 'id')
    .addSelect('a.communityId', 'communityId')
    .addSelect('a.kind', 'kind')
    .addSelect('a.balance', 'balance')
    .addSelect('COALESCE(SUM(e.amount), 0)', 'entrySum')
    .leftJoin(LedgerEntry, 'e', 'e.accountId = a.id')
    .groupBy('a.id')
    .addGroupBy('a.communityId')
    .addGroupBy('a.kind')
    .addGroupBy('a.balance');
  if (communityId !== null) accountsQuery.where('a.communityId = :communityId', { communityId });
  const accounts: AuditedAccount[] = (await accountsQuery.getRawMany()).map((r) => ({
    id: Number(r.id),
    communityId: Number(r.communityId),
    kind: r.kind,
    balance: Number(r.balance),
    entrySum: Number(r.entrySum),
  }));

  const unbalancedQuery = manager
    .createQueryBuilder(LedgerTransaction, 't')
    .select('t.id', 'id')
    .addSelect('t.communityId', 'communityId')
    .addSelect('COALESCE(SUM(e.amount), 0)', 'entrySum')
    .addSelect('COUNT(e.accountId)', 'entryCount')
    .leftJoin(LedgerEntry, 'e', 'e.transactionId = t.id')
    // (communityId, id): the order of idx_timebank_tx_community, so MariaDB groups while it walks the index instead of
    // filling a temporary table with every transaction (bench/RESULTS.md, item 4: 17–30 s → 1.3–3.1 s for 500,000).
    .groupBy('t.communityId')
    .addGroupBy('t.id')
    .having('COALESCE(SUM(e.amount), 0) <> 0 OR COUNT(e.accountId) <> 2');
  if (communityId !== null) unbalancedQuery.where('t.communityId = :communityId', { communityId });
  const unbalanced: AuditedTransaction[] = (await unbalancedQuery.getRawMany()).map((r) => ({
    id: Number(r.id),
    communityId: Number(r.communityId),
    entrySum: Number(r.entrySum),
    entryCount: Number(r.entryCount),
  }));

  const holdsQuery = manager
    .createQueryBuilder(TimebankHold, 'h')
    .select('h.communityId', 'communityId')
    .addSelect('COALESCE(SUM(h.amount), 0)', 'held')
    .where("h.status = 'held'")
    .groupBy('h.communityId');
  if (communityId !== null) holdsQuery.andWhere('h.communityId = :communityId', { communityId });
  const openHolds: AuditedHolds[] = (await holdsQuery.getRawMany()).map((r) => ({
    communityId: Number(r.communityId),
    held: Number(r.held),
  }));

  const transactions = await manager.countBy(LedgerTransaction, communityId === null ? {} : { communityId });
  const discrepancies = findLedgerDiscrepancies(accounts, unbalanced, openHolds);
  return {
    ok: discrepancies.length === 0,
    checkedAt: now.toISOString(),
    accounts: accounts.length,
    transactions,
    communities: communityBalanceSums(accounts),
    discrepancies,
  };
}
