import { Logger } from '@nestjs/common';
import type { DataSource, EntityManager } from 'typeorm';
import { AppException, refuse } from '../common/app-exception.js';
import {
  noteFailedStatement,
  refuseIfLost,
  runTransaction,
  TRANSACTION_ATTEMPTS,
  TransactionConflict,
} from './transaction.js';

/** A mysql2 error as TypeORM wraps it (QueryFailedError carries driverError). */
const dbError = (errno: number, code: string) => Object.assign(new Error(code), { driverError: { errno, code } });
const deadlock = () => dbError(1213, 'ER_LOCK_DEADLOCK');

/**
 * A data source whose transactions log what they did. `failAt(attempt, statement)` decides whether statement N of
 * attempt A fails (statement 'commit' is COMMIT); a failing statement is reported as the data source's logger does.
 */
function fakeDataSource(failAt: (attempt: number, statement: number | 'commit') => Error | null) {
  const log: string[] = [];
  let attempt = 0;
  const dataSource = {} as DataSource;
  dataSource.createQueryRunner = () => {
    const n = ++attempt;
    let statement = 0;
    let active = false;
    const manager = {
      connection: dataSource,
      query: async (sql: string) => {
        refuseIfLost(sql);
        const error = failAt(n, ++statement);
        if (error) {
          noteFailedStatement(error);
          throw error;
        }
        log.push(`${n}:${sql}`);
        return [];
      },
    } as unknown as EntityManager;
    return {
      manager,
      get isTransactionActive() {
        return active;
      },
      startTransaction: async () => {
        active = true;
        log.push(`${n}:BEGIN`);
      },
      commitTransaction: async () => {
        const error = failAt(n, 'commit');
        if (error) {
          noteFailedStatement(error);
          throw error;
        }
        active = false;
        log.push(`${n}:COMMIT`);
      },
      rollbackTransaction: async () => {
        active = false;
        log.push(`${n}:ROLLBACK`);
      },
      release: async () => undefined,
    } as never;
  };
  return { dataSource, log, attempts: () => attempt };
}

describe('runTransaction', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('commits a unit that does not lose, once', async () => {
    const { dataSource, log } = fakeDataSource(() => null);
    await expect(runTransaction(dataSource, async (m) => (await m.query('INSERT a'), 'done'))).resolves.toBe('done');
    expect(log).toEqual(['1:BEGIN', '1:INSERT a', '1:COMMIT']);
  });

  it.each([1, 2, 3])('1213 at statement %i: rolls back and runs the whole unit again', async (at) => {
    const { dataSource, log } = fakeDataSource((attempt, statement) =>
      attempt === 1 && statement === at ? deadlock() : null,
    );
    const result = await runTransaction(dataSource, async (m) => {
      await m.query('SELECT');
      await m.query('UPDATE');
      await m.query('INSERT');
      return 'second';
    });
    expect(result).toBe('second');
    expect(log.filter((l) => l.startsWith('1:'))).toEqual([
      '1:BEGIN',
      ...['1:SELECT', '1:UPDATE', '1:INSERT'].slice(0, at - 1),
      '1:ROLLBACK',
    ]);
    expect(log.filter((l) => l.startsWith('2:'))).toEqual(['2:BEGIN', '2:SELECT', '2:UPDATE', '2:INSERT', '2:COMMIT']);
  });

  it.each([
    [1213, 'ER_LOCK_DEADLOCK'],
    [1205, 'ER_LOCK_WAIT_TIMEOUT'],
    [9007, 'TIDB_WRITE_CONFLICT'],
    [8022, 'TIDB_RETRYABLE'],
    [8002, 'TIDB_FOR_UPDATE_CONFLICT'],
  ])('%i at COMMIT (Galera certification, TiDB): runs again', async (errno, code) => {
    const { dataSource, log } = fakeDataSource((attempt, statement) =>
      attempt === 1 && statement === 'commit' ? dbError(errno, code) : null,
    );
    await runTransaction(dataSource, (m) => m.query('INSERT'));
    expect(log).toEqual(['1:BEGIN', '1:INSERT', '1:ROLLBACK', '2:BEGIN', '2:INSERT', '2:COMMIT']);
  });

  it('a 1213 that work swallowed is still a lost attempt: later statements refused, no COMMIT, the unit runs again', async () => {
    const { dataSource, log } = fakeDataSource((attempt, statement) =>
      attempt === 1 && statement === 1 ? deadlock() : null,
    );
    let runs = 0;
    await runTransaction(dataSource, async (m) => {
      runs++;
      await m.query('INSERT claim').catch(() => 'ignored'); // a careless catch inside work
      await m.query('UPDATE');
    });
    expect(runs).toBe(2);
    // The UPDATE after the lost INSERT never reached the server (on InnoDB it would run outside any transaction).
    expect(log).toEqual(['1:BEGIN', '1:ROLLBACK', '2:BEGIN', '2:INSERT claim', '2:UPDATE', '2:COMMIT']);
  });

  it('a refusal decided after a lost statement is not the answer: the unit runs again', async () => {
    const { dataSource } = fakeDataSource((attempt, statement) =>
      attempt === 1 && statement === 1 ? deadlock() : null,
    );
    const answer = await runTransaction(dataSource, async (m) => {
      const found = await m.query('SELECT').then(
        () => true,
        () => false,
      );
      if (!found) throw refuse('NOT_FOUND');
      return 'found';
    });
    expect(answer).toBe('found');
  });

  it(`gives up after ${TRANSACTION_ATTEMPTS} lost attempts with 503 TRANSACTION_CONFLICT, nothing committed`, async () => {
    const { dataSource, log, attempts } = fakeDataSource((_, statement) =>
      statement === 'commit' ? deadlock() : null,
    );
    const error = await runTransaction(dataSource, (m) => m.query('INSERT')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransactionConflict);
    expect((error as AppException).getStatus()).toBe(503);
    expect((error as AppException).getResponse()).toMatchObject({ code: 'TRANSACTION_CONFLICT', statusCode: 503 });
    expect(attempts()).toBe(TRANSACTION_ATTEMPTS);
    expect(log.filter((l) => l.endsWith('COMMIT') && !l.endsWith('ROLLBACK'))).toEqual([]);
  });

  it.each([
    ['a duplicate key (1062)', () => dbError(1062, 'ER_DUP_ENTRY')],
    ['a syntax error', () => dbError(1064, 'ER_PARSE_ERROR')],
    ['a refusal', () => refuse('ACTIVITY_FULL')],
  ])('%s passes through after one attempt, rolled back', async (_, make) => {
    const thrown = make();
    const { dataSource, log, attempts } = fakeDataSource((_a, statement) =>
      statement === 1 && !(thrown instanceof AppException) ? thrown : null,
    );
    const error = await runTransaction(dataSource, async (m) => {
      await m.query('INSERT');
      throw thrown;
    }).catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(attempts()).toBe(1);
    expect(log.at(-1)).toBe('1:ROLLBACK');
  });

  it('the retries of one process run one at a time; first attempts do not wait for them', async () => {
    // Every unit loses its first attempt at COMMIT and wins its second.
    const { dataSource } = fakeDataSource((attempt, statement) =>
      attempt <= 4 && statement === 'commit' ? deadlock() : null,
    );
    const running = { first: 0, retry: 0 };
    const most = { first: 0, retry: 0 };
    const unit = () => {
      let calls = 0;
      return runTransaction(dataSource, async (m) => {
        const kind = ++calls === 1 ? 'first' : 'retry';
        running[kind]++;
        most[kind] = Math.max(most[kind], running[kind]);
        await new Promise((r) => setTimeout(r, 20));
        running[kind]--;
        await m.query('UPDATE');
      });
    };
    await Promise.all([unit(), unit(), unit(), unit()]);
    expect(most).toEqual({ first: 4, retry: 1 });
  });

  it('a runTransaction inside work joins the running transaction (retried with it as one unit)', async () => {
    const { dataSource, log } = fakeDataSource((attempt, statement) =>
      attempt === 1 && statement === 'commit' ? deadlock() : null,
    );
    await runTransaction(dataSource, async (m) => {
      await m.query('outer');
      await runTransaction(dataSource, (inner) => inner.query('inner'));
    });
    expect(log).toEqual(['1:BEGIN', '1:outer', '1:inner', '1:ROLLBACK', '2:BEGIN', '2:outer', '2:inner', '2:COMMIT']);
  });
});
