import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';

/** The MySQL/MariaDB error number or SQLite code behind a TypeORM QueryFailedError. */
function driverError(error: unknown): { errno?: number; code?: string } {
  const e = error as { driverError?: { errno?: number; code?: string }; errno?: number; code?: string };
  return e?.driverError ?? e ?? {};
}

export function isDuplicateKey(error: unknown): boolean {
  const { errno, code } = driverError(error);
  return errno === 1062 || code === 'ER_DUP_ENTRY' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

/** ER_LOCK_DEADLOCK and ER_LOCK_WAIT_TIMEOUT: the transaction was rolled back and may simply run again. */
export function isRetryableLockError(error: unknown): boolean {
  const { errno } = driverError(error);
  return errno === 1213 || errno === 1205;
}

const DEADLOCK_ATTEMPTS = 5;

/**
 * Runs a ledger write in one database transaction. On SQLite the data source takes one transaction at a time
 * (createDataSource → serializeSqliteAccess). On MySQL/MariaDB a deadlock victim is retried a few times
 * (accounts are locked in id order, so deadlocks are rare, but unique-index gap locks can still collide).
 */
export async function runLedgerTransaction<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  if (dataSource.options.type === 'better-sqlite3') return dataSource.transaction(work);
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (!isRetryableLockError(error) || attempt >= DEADLOCK_ATTEMPTS) throw error;
      await new Promise((resolve) => setTimeout(resolve, 5 + Math.random() * 20 * attempt));
    }
  }
}

/**
 * On MySQL/MariaDB a plain read inside a transaction sees the snapshot taken at its first read; a locking read
 * sees (and holds) the latest committed row. SQLite needs neither: its ledger transactions run one at a time.
 */
export function lockForUpdate<T extends ObjectLiteral>(manager: EntityManager, qb: SelectQueryBuilder<T>): SelectQueryBuilder<T> {
  return manager.connection.options.type === 'better-sqlite3' ? qb : qb.setLock('pessimistic_write');
}
