import type { DataSource, EntityManager, ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import { isRetryableTransactionError } from './database-errors.js';

export { isDuplicateKey } from './database-errors.js';

/** Attempts of one unit of work before its loss is reported (as 503 SERVICE_UNAVAILABLE by the error filter). */
const ATTEMPTS = 6;

/** Jittered exponential backoff: about 5, 10, 20, 40, 80 ms, each somewhere between half and all of it. */
function backoff(attempt: number): Promise<void> {
  const ceiling = 5 * 2 ** (attempt - 1);
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}

/**
 * The one entry point for a write: `work` runs in one database transaction and, when the database reports that
 * the transaction lost (deadlock, lock timeout, a Galera certification failure at any statement or at COMMIT,
 * TiDB's write conflicts), runs again from its first read, a bounded number of times with jitter. So `work` must
 * be a whole unit: it reads what it decides on inside the transaction and keeps nothing from a failed attempt,
 * and every write it makes holds by a conditional update or a unique key, so a retried attempt has one effect.
 * On SQLite the data source takes one transaction at a time (createDataSource → serializeSqliteAccess).
 */
export async function runTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await dataSource.transaction(work);
    } catch (error) {
      if (!isRetryableTransactionError(error) || attempt >= ATTEMPTS) throw error;
      await backoff(attempt);
    }
  }
}

/**
 * On MySQL/MariaDB a plain read inside a transaction sees the snapshot taken at its first read; a locking read
 * sees (and holds) the latest committed row. SQLite needs neither: its transactions run one at a time.
 * A lock is never what keeps data right (a Galera cluster does not carry it across nodes): it only makes a
 * conflict on one node wait instead of losing, the unique key or conditional update still decides.
 */
export function lockForUpdate<T extends ObjectLiteral>(
  manager: EntityManager,
  qb: SelectQueryBuilder<T>,
): SelectQueryBuilder<T> {
  return manager.connection.options.type === 'better-sqlite3' ? qb : qb.setLock('pessimistic_write');
}
