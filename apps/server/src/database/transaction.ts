import { AsyncLocalStorage } from 'node:async_hooks';
import { Logger } from '@nestjs/common';
import { EventSubscriber } from 'typeorm';
import type {
  AfterQueryEvent,
  BeforeQueryEvent,
  DataSource,
  EntityManager,
  EntitySubscriberInterface,
  ObjectLiteral,
  QueryRunner,
  SelectQueryBuilder,
} from 'typeorm';
import { AppException } from '../common/app-exception.js';
import { isRetryableTransactionError, retryableErrno } from './database-errors.js';
import { sqliteTurns } from './sqlite-serialization.js';

export { isDuplicateKey } from './database-errors.js';

/** Attempts of one unit of work before its loss is answered 503 TRANSACTION_CONFLICT. */
export const TRANSACTION_ATTEMPTS = 10;

/** Jittered exponential backoff: about 5, 10, 20, 40, 80, 160 ms, then 320 ms, each between half and all of it. */
function backoff(attempt: number): Promise<void> {
  const ceiling = Math.min(320, 5 * 2 ** (attempt - 1));
  return new Promise((resolve) => setTimeout(resolve, ceiling / 2 + Math.random() * (ceiling / 2)));
}

/**
 * Retries of this process run one at a time, in the order they lost. On a cluster a row that many requests write at
 * once (one account paying out) makes every node's transactions on it lose to each other's at commit; with the
 * retries queued here, each node brings at most one of them back at a time, so each round one wins instead of all
 * losing again. A retry holds no locks while it waits (its attempt rolled back), so the queue cannot deadlock.
 */
let retryQueue: Promise<unknown> = Promise.resolve();
function inRetryQueue<T>(attempt: () => Promise<T>): Promise<T> {
  const run = retryQueue.then(attempt, attempt);
  retryQueue = run.catch(() => undefined);
  return run;
}

/** One attempt of a unit of work: its manager, and the first retryable failure any of its statements met. */
interface Attempt {
  manager: EntityManager;
  lost: unknown;
}
const current = new AsyncLocalStorage<Attempt>();

/**
 * Called for every failed statement (LostAttemptGuard for TypeORM's, TransactionSql for its own): a retryable failure
 * marks the running attempt lost even when `work` catches the error. The server has rolled that transaction back:
 * on Galera a later COMMIT answers OK with nothing written, on InnoDB later statements would run outside any
 * transaction (autocommit). So every later statement of the attempt is refused (refuseIfLost) and it never commits.
 */
export function noteFailedStatement(error: unknown): void {
  const attempt = current.getStore();
  if (attempt && attempt.lost === undefined && isRetryableTransactionError(error)) attempt.lost = error;
}

/** Before a statement of a running attempt: throws the loss again once a statement of the attempt lost. */
export function refuseIfLost(sql: string): void {
  const lost = current.getStore()?.lost;
  if (lost !== undefined && !/^\s*ROLLBACK/i.test(sql)) throw lost;
}

/** Registered on every data source (data-source-options.ts): sees every statement TypeORM sends, before and after. */
@EventSubscriber()
export class LostAttemptGuard implements EntitySubscriberInterface {
  beforeQuery(event: BeforeQueryEvent): void {
    refuseIfLost(event.query);
  }

  afterQuery(event: AfterQueryEvent): void {
    if (!event.success) noteFailedStatement(event.error);
  }
}

/**
 * Work that a caller adds to the first unit of work committed inside `fn`, in that unit's own transaction: the
 * proxy's record of an act (family/proxy-act.interceptor.ts), so an act and its record commit together or not at
 * all. `ride` gets the unit's manager and what `work` returned; it runs again on a retried attempt.
 */
export interface CommitRider {
  ride(manager: EntityManager, result: unknown): Promise<void>;
  /** Set once a unit carrying the rider committed. */
  carried: boolean;
}
const riders = new AsyncLocalStorage<CommitRider>();

export function withCommitRider<T>(rider: CommitRider, fn: () => T): T {
  return riders.run(rider, fn);
}

/** Retries and losses seen by this process since it started (GET /health reports them). */
export const transactionStats = { committed: 0, retried: 0, exhausted: 0, byErrno: {} as Record<string, number> };

const logger = new Logger('Transaction');

/** The answer when every attempt lost: nothing was written; the client may send the same request again. */
export class TransactionConflict extends AppException {
  constructor(readonly lastError: unknown) {
    super('TRANSACTION_CONFLICT');
  }
}

/**
 * The one entry point for a write: `work` runs in one database transaction and, when the database reports that
 * the transaction lost (deadlock, lock timeout, a Galera certification failure at any statement or at COMMIT,
 * TiDB's write conflicts; SQLITE_BUSY from another process on the same file), runs again from its first read, a
 * bounded number of times with jitter (the retries of one process one at a time), then answers 503
 * TRANSACTION_CONFLICT. So `work` must be a whole unit: it reads what it decides on inside the transaction and keeps
 * nothing from a failed attempt, and every write it makes holds by a conditional update or a unique key, so a retried
 * attempt has one effect.
 * A runTransaction inside `work` joins the running transaction (the unit is retried as a whole).
 * On SQLite one transaction at a time owns the data source's single connection (sqlite-serialization.ts).
 */
export async function runTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
): Promise<T> {
  const outer = current.getStore();
  if (outer && outer.manager.connection === dataSource) return work(outer.manager);
  const turns = sqliteTurns(dataSource);
  for (let attempt = 1; ; attempt++) {
    try {
      const run = () => (turns ? turns.exclusively(() => once(dataSource, work)) : once(dataSource, work));
      const result = await (attempt === 1 ? run() : inRetryQueue(run));
      transactionStats.committed++;
      return result;
    } catch (error) {
      if (!isRetryableTransactionError(error)) throw error;
      const errno = String(retryableErrno(error));
      transactionStats.byErrno[errno] = (transactionStats.byErrno[errno] ?? 0) + 1;
      if (attempt >= TRANSACTION_ATTEMPTS) {
        transactionStats.exhausted++;
        logger.warn(`transaction lost ${attempt} times (last: ${errno}); answered TRANSACTION_CONFLICT`);
        throw new TransactionConflict(error);
      }
      transactionStats.retried++;
      logger.debug?.(`transaction lost (${errno}), attempt ${attempt + 1} of ${TRANSACTION_ATTEMPTS}`);
      await backoff(attempt);
    }
  }
}

/** One attempt: BEGIN, work, COMMIT; ROLLBACK on any failure, also when a statement lost and `work` caught it. */
async function once<T>(dataSource: DataSource, work: (manager: EntityManager) => Promise<T>): Promise<T> {
  const runner: QueryRunner = dataSource.createQueryRunner();
  const attempt: Attempt = { manager: runner.manager, lost: undefined };
  try {
    return await current.run(attempt, async () => {
      await runner.startTransaction();
      const result = await work(runner.manager);
      const rider = riders.getStore();
      if (rider && !rider.carried) await rider.ride(runner.manager, result);
      if (attempt.lost !== undefined) throw attempt.lost;
      await runner.commitTransaction();
      if (rider) rider.carried = true;
      return result;
    });
  } catch (error) {
    try {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
    } catch {
      /* the connection is gone or the server already rolled back: the original error is the answer */
    }
    // A non-retryable error thrown by `work` after a statement lost (e.g. a refusal decided on a failed read)
    // is still a lost attempt: run it again.
    throw attempt.lost ?? error;
  } finally {
    await runner.release();
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
