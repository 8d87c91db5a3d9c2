import type { LedgerTransactionView, Page, StatementItem } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { Building } from '../tenancy/building.entity.js';
import { usersById } from '../users/users-by-id.js';
import { LedgerEntry, LedgerTransaction } from './ledger-transaction.entity.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { toCounterparty, toStatementItem, toTransactionView } from './timebank.mapper.js';

/** An account's statement, newest first: each entry with its counterparty and the reversal that undid it, if any. */
export async function statementOfAccount(
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
  const { accounts, users } = await accountsWithOwners(manager, counterpartyIds);
  const rows = entries.map((e) => ({ id: e.transactionId, transaction: byId.get(e.transactionId)! }));
  return pageByDescendingId(rows, limit, ({ transaction: t }) => {
    const other = t.fromAccountId === account.id ? t.toAccountId : t.fromAccountId;
    return toStatementItem(t, account.id, toCounterparty(accounts.get(other), users), reversedBy.get(t.id) ?? null);
  });
}

export async function transactionView(manager: EntityManager, t: LedgerTransaction): Promise<LedgerTransactionView> {
  const { accounts, users } = await accountsWithOwners(manager, [t.fromAccountId, t.toAccountId]);
  return toTransactionView(
    t,
    toCounterparty(accounts.get(t.fromAccountId), users),
    toCounterparty(accounts.get(t.toAccountId), users),
  );
}

async function accountsWithOwners(manager: EntityManager, accountIds: number[]) {
  const unique = [...new Set(accountIds)];
  const rows = unique.length ? await manager.findBy(TimebankAccount, { id: In(unique) }) : [];
  const { users } = await ownersOf(manager, rows, false);
  return { accounts: new Map(rows.map((a) => [a.id, a])), users };
}

/** The owners of resident accounts (pools have none), with their buildings unless told not to. */
export async function ownersOf(manager: EntityManager, accounts: TimebankAccount[], withBuildings = true) {
  const users = await usersById(
    manager,
    accounts.map((a) => a.userId).filter((id): id is number => id !== null),
  );
  const buildingIds = withBuildings
    ? [...new Set([...users.values()].map((u) => u.buildingId).filter((id): id is number => id !== null))]
    : [];
  const buildingRows = buildingIds.length ? await manager.findBy(Building, { id: In(buildingIds) }) : [];
  return { users, buildings: new Map(buildingRows.map((b) => [b.id, b])) };
}
