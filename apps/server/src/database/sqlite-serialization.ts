import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, QueryRunner } from 'typeorm';

/** One SQLite data source's turns: a transaction runs inside one, everything else waits for it to end. */
export interface SqliteTurns {
  /** Run `work` when every earlier turn has ended; statements inside it go straight to the connection. */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
}

const turnsOf = new WeakMap<DataSource, SqliteTurns>();

/** The turns of a SQLite data source (set up by createDataSource), or null on MySQL/MariaDB. */
export function sqliteTurns(dataSource: DataSource): SqliteTurns | null {
  return turnsOf.get(dataSource) ?? null;
}

/**
 * TypeORM 1.1's better-sqlite3 driver hands every caller one and the same query runner over one connection
 * (typeorm #1884): two transactions open at once would nest (the second becomes a savepoint of the first) and a
 * plain query issued while a transaction is open would join it (reading its uncommitted rows, rolled back with it).
 * SQLite allows one writer anyway, so runTransaction (transaction.ts, the one entry point for a write) takes a turn
 * here for each attempt, and a plain query from outside a turn waits until the running transaction has ended.
 * The test `sqlite-serialization.int-spec.ts` fails if the driver's behaviour this relies on changes.
 * Across processes (two servers on one file) a deferred transaction that read first and then writes fails with
 * SQLITE_BUSY when another process wrote meanwhile; runTransaction retries it as a whole.
 */
export function serializeSqliteAccess(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3' || turnsOf.has(dataSource)) return;
  const owner = new AsyncLocalStorage<true>();
  let tail: Promise<void> = Promise.resolve();

  const exclusively = <T>(work: () => Promise<T>): Promise<T> => {
    if (owner.getStore()) return work();
    const result = tail.then(() => owner.run(true, work));
    tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };
  turnsOf.set(dataSource, { exclusively });

  // The one shared runner (the driver creates it on first use and returns it ever after): a plain query from
  // outside a turn waits for the running transaction to end.
  const shared: QueryRunner = dataSource.createQueryRunner();
  const query = shared.query.bind(shared) as (...args: unknown[]) => Promise<unknown>;
  (shared as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) =>
    exclusively(() => query(...args));
}
