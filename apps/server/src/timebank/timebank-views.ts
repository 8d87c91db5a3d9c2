import type { LedgerTransactionView, Page, StatementItem } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { selectColumns } from '../database/entity-columns.js';
import { hydrateRaw } from '../database/raw-reads.js';
import { Building } from '../tenancy/building.entity.js';
import { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import { LedgerEntry, LedgerTransaction } from './ledger-transaction.entity.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { toCounterparty, toStatementItem, toTransactionView } from './timebank.mapper.js';

/**
 * The statement of the account with `ownerKey` ('user:12', 'pool:3'), newest first: each entry with its counterparty
 * and the reversal that undid it, if any; none when the account is not opened. One statement for the page (the
 * account by its unique key, its entries in index order, each one's transaction, reversal, counterparty account and
 * owner) read raw: seven statements and TypeORM's join mapping cost ~1 ms of server CPU a page (issue 18).
 */
export async function statementOfAccount(
  manager: EntityManager,
  ownerKey: string,
  query: { cursor?: string; limit?: number },
): Promise<Page<StatementItem>> {
  const limit = query.limit ?? 20;
  const before = decodeIdCursor(query.cursor);
  const qb = manager
    .createQueryBuilder(LedgerTransaction, 't')
    .innerJoin(LedgerEntry, 'e', 'e.transactionId = t.id')
    .innerJoin(TimebankAccount, 'a', 'a.id = e.accountId')
    .leftJoin(LedgerTransaction, 'r', 'r.reversesId = t.id')
    .leftJoin(
      TimebankAccount,
      'c',
      'c.id = CASE WHEN t.fromAccountId = e.accountId THEN t.toAccountId ELSE t.fromAccountId END',
    )
    .leftJoin(User, 'o', 'o.id = c.userId')
    .select(selectColumns(LedgerTransaction, 't', ['idempotencyKey', 'actorId']))
    .addSelect('e.accountId', 'accountId')
    .addSelect('r.id', 'reversedById')
    .addSelect('c.kind', 'counterpartyKind')
    .addSelect('c.userId', 'counterpartyUserId')
    .addSelect('o.name', 'counterpartyName')
    .where('a.ownerKey = :ownerKey', { ownerKey })
    .orderBy('e.transactionId', 'DESC')
    .limit(limit + 1);
  if (before) qb.andWhere('e.transactionId < :before', { before });
  const rows = (await qb.getRawMany<StatementRow>()).map((row) => ({
    id: Number(row.t_id),
    row,
    transaction: hydrateRaw(manager.connection, LedgerTransaction, row, 't_'),
  }));
  return pageByDescendingId(rows, limit, ({ row, transaction }) =>
    toStatementItem(
      transaction,
      Number(row.accountId),
      toCounterparty(
        row.counterpartyKind === null
          ? undefined
          : {
              kind: row.counterpartyKind,
              userId: row.counterpartyUserId === null ? null : Number(row.counterpartyUserId),
            },
        { name: row.counterpartyName },
      ),
      row.reversedById === null ? null : Number(row.reversedById),
    ),
  );
}

/** A raw statement row: the transaction's columns (`t_…`), this account's side and what the joins found. */
interface StatementRow extends Record<string, unknown> {
  t_id: unknown;
  accountId: unknown;
  reversedById: unknown;
  counterpartyKind: TimebankAccount['kind'] | null;
  counterpartyUserId: unknown;
  counterpartyName: string | null;
}

export async function transactionView(manager: EntityManager, t: LedgerTransaction): Promise<LedgerTransactionView> {
  const { accounts, users } = await accountsWithOwners(manager, [t.fromAccountId, t.toAccountId]);
  const side = (accountId: number) => {
    const account = accounts.get(accountId);
    return toCounterparty(account, account?.userId == null ? undefined : users.get(account.userId));
  };
  return toTransactionView(t, side(t.fromAccountId), side(t.toAccountId));
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
