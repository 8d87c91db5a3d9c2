import { AsyncLocalStorage } from 'node:async_hooks';
import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * TypeORM's better-sqlite3 driver hands every caller the same connection and query runner. Two requests that
 * open transactions at once would nest one inside the other (a savepoint), and a plain query issued while
 * another request's transaction is open would join it. SQLite allows one writer anyway, so here one
 * transaction owns the connection at a time: others, and plain queries from outside it, wait their turn.
 * Across processes (two servers on one file), transactions begin IMMEDIATE: a deferred one that read first and
 * then writes fails at once with SQLITE_BUSY when another process wrote meanwhile; an immediate one takes the
 * write lock up front and waits for it (busy_timeout).
 */
export function serializeSqliteAccess(dataSource: DataSource): void {
  if (dataSource.options.type !== 'better-sqlite3') return;
  const owner = new AsyncLocalStorage<true>();
  let tail: Promise<void> = Promise.resolve();

  /** Run `work` when every earlier holder has finished. */
  const exclusively = <T>(work: () => Promise<T>): Promise<T> => {
    const result = tail.then(() => owner.run(true, work));
    tail = result.then(
      () => undefined,
      () => undefined,
    );
    return result;
  };

  const manager = dataSource.manager as EntityManager & { transaction: (...args: unknown[]) => Promise<unknown> };
  const transaction = manager.transaction.bind(manager);
  manager.transaction = (...args: unknown[]) =>
    owner.getStore() ? transaction(...args) : exclusively(() => transaction(...args));

  const driver = dataSource.driver as { createQueryRunner: (mode?: string) => QueryRunner };
  const createQueryRunner = driver.createQueryRunner.bind(driver);
  const wrapped = new WeakSet<QueryRunner>();
  driver.createQueryRunner = (mode?: string) => {
    const runner = createQueryRunner(mode);
    if (!wrapped.has(runner)) {
      wrapped.add(runner);
      const query = runner.query.bind(runner) as (...args: unknown[]) => Promise<unknown>;
      (runner as { query: (...args: unknown[]) => Promise<unknown> }).query = (...args: unknown[]) => {
        if (args[0] === 'BEGIN TRANSACTION') args = ['BEGIN IMMEDIATE TRANSACTION', ...args.slice(1)];
        return owner.getStore() ? query(...args) : exclusively(() => query(...args));
      };
    }
    return runner;
  };
}
