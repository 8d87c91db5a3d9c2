import { DataSource } from 'typeorm';
import { RateLimitCounter } from '../src/common/rate-limit.entity.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { runTransaction, transactionStats } from '../src/database/transaction.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const pause = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
const counter = (bucket: string, hits = 1) => ({ bucket, hits, expiresAt: 0, blockedUntil: 0 });

/**
 * What sqlite-serialization.ts and runTransaction rely on in TypeORM's better-sqlite3 driver (always on SQLite,
 * whatever LINLI_TEST_DB says). If TypeORM changes any of it (e.g. fixes typeorm #1884 with a runner per caller),
 * a test here fails: re-read sqlite-serialization.ts before upgrading. TypeORM is pinned exactly in package.json.
 */
describe('TypeORM better-sqlite3 behaviour the SQLite serialization relies on', () => {
  let db: TestDatabase;
  let raw: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    // A data source as TypeORM makes it, without createDataSource's turns.
    raw = await new DataSource(await resolveDataSourceOptions(db.config)).initialize();
  });
  afterAll(async () => {
    await raw?.destroy();
    await db?.drop();
  });

  it('hands every caller the same query runner, and release() leaves it usable', async () => {
    const first = raw.createQueryRunner();
    const second = raw.createQueryRunner();
    expect(second).toBe(first);
    await first.release();
    await expect(second.query('SELECT 1 AS one')).resolves.toEqual([{ one: 1 }]);
    expect(raw.manager.connection.createQueryRunner()).toBe(first);
  });

  it('without turns, a second transaction opened meanwhile nests in the first and dies with its rollback', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = raw
      .transaction(async (manager) => {
        await manager.insert(RateLimitCounter, counter('raw-first'));
        await held;
        throw new Error('rollback');
      })
      .catch(() => 'rolled back');
    await pause();
    // "Commits" at once: it was a savepoint of the first.
    await raw.transaction((manager) => manager.insert(RateLimitCounter, counter('raw-second')));
    release();
    expect(await first).toBe('rolled back');
    expect(await raw.getRepository(RateLimitCounter).findOneBy({ bucket: 'raw-second' })).toBeNull();
  });

  it('without turns, a plain query issued while a transaction is open reads its uncommitted rows', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const open = raw
      .transaction(async (manager) => {
        await manager.insert(RateLimitCounter, counter('raw-uncommitted'));
        await held;
        throw new Error('rollback');
      })
      .catch(() => undefined);
    await pause();
    expect(await raw.getRepository(RateLimitCounter).countBy({ bucket: 'raw-uncommitted' })).toBe(1);
    release();
    await open;
  });

  it('begins DEFERRED: another connection on the file may write until the transaction writes', async () => {
    const other = await new DataSource({
      ...(await resolveDataSourceOptions(db.config)),
      migrationsRun: false,
    }).initialize();
    try {
      const runner = raw.createQueryRunner();
      await runner.startTransaction();
      await runner.query('SELECT COUNT(*) FROM rate_limits');
      await other.getRepository(RateLimitCounter).insert(counter('raw-other')); // not blocked by the open one
      const error = await runner
        .query("INSERT INTO rate_limits (bucket, hits, expiresAt, blockedUntil) VALUES ('raw-late', 1, 0, 0)")
        .catch((e: unknown) => e);
      // The stale reader cannot write: SQLITE_BUSY(_SNAPSHOT), which runTransaction retries as a whole.
      expect((error as { driverError?: { code?: string } }).driverError?.code).toMatch(/^SQLITE_BUSY/);
      await runner.rollbackTransaction();
    } finally {
      await other.destroy();
    }
  });
});

describe('runTransaction on SQLite: one transaction at a time, others and plain queries wait their turn', () => {
  let db: TestDatabase;
  let a: DataSource;
  let b: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase('sqlite');
    const options = await resolveDataSourceOptions(db.config);
    a = await createDataSource(options).initialize();
    b = await createDataSource({ ...options, migrationsRun: false }).initialize(); // a second process on the file
  });
  afterAll(async () => {
    await b?.destroy();
    await a?.destroy();
    await db?.drop();
  });

  it("concurrent transactions: a failing one rolls back only its own writes, never a neighbour's", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        runTransaction(a, async (manager) => {
          await manager.insert(RateLimitCounter, counter(`tx-${i}`, i));
          await pause(2);
          if (i % 2) throw new Error(`fail ${i}`);
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    const rows = await a.getRepository(RateLimitCounter).find({ where: {}, order: { hits: 'ASC' } });
    expect(rows.filter((r) => r.bucket.startsWith('tx-')).map((r) => r.hits)).toEqual([
      0, 2, 4, 6, 8, 10, 12, 14, 16, 18,
    ]);
  });

  it("a plain write made meanwhile survives the transaction's rollback; a plain read never sees its rows", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const failing = runTransaction(a, async (manager) => {
      await manager.insert(RateLimitCounter, counter('doomed'));
      await held;
      throw new Error('rollback');
    }).catch(() => 'rolled back');
    await pause();
    const repo = a.getRepository(RateLimitCounter);
    const read = repo.countBy({ bucket: 'doomed' });
    const plain = repo.insert(counter('outsider'));
    await pause();
    release();
    expect(await failing).toBe('rolled back');
    expect(await read).toBe(0);
    await plain;
    expect(await repo.findOneBy({ bucket: 'outsider' })).not.toBeNull();
    expect(await repo.findOneBy({ bucket: 'doomed' })).toBeNull();
  });

  it('a runTransaction inside work joins it: both rows or neither', async () => {
    await runTransaction(a, async (outer) => {
      await outer.insert(RateLimitCounter, counter('outer'));
      await runTransaction(a, (inner) => inner.insert(RateLimitCounter, counter('inner')));
    });
    await runTransaction(a, async (outer) => {
      await outer.insert(RateLimitCounter, counter('outer-2'));
      await runTransaction(a, (inner) => inner.insert(RateLimitCounter, counter('inner-2')));
      throw new Error('rollback');
    }).catch(() => undefined);
    const buckets = (await a.getRepository(RateLimitCounter).find()).map((r) => r.bucket);
    expect(buckets).toEqual(expect.arrayContaining(['outer', 'inner']));
    expect(buckets).not.toContain('outer-2');
    expect(buckets).not.toContain('inner-2');
  });

  it('two processes on one file: a unit that read before the other wrote loses with SQLITE_BUSY and runs again', async () => {
    const before = transactionStats.retried;
    let runs = 0;
    let otherWrote!: () => void;
    const wrote = new Promise<void>((resolve) => {
      otherWrote = resolve;
    });
    const reader = runTransaction(a, async (manager) => {
      runs++;
      const seen = await manager.getRepository(RateLimitCounter).countBy({ bucket: 'from-b' });
      if (runs === 1) await wrote;
      await manager.insert(RateLimitCounter, counter(`from-a-after-${seen}`));
      return seen;
    });
    await pause(20);
    await runTransaction(b, (manager) => manager.insert(RateLimitCounter, counter('from-b')));
    otherWrote();
    // The second attempt read afresh: it saw b's row.
    expect(await reader).toBe(1);
    expect(runs).toBe(2);
    expect(transactionStats.retried).toBe(before + 1);
    const repo = a.getRepository(RateLimitCounter);
    expect(await repo.countBy({ bucket: 'from-a-after-1' })).toBe(1);
    expect(await repo.countBy({ bucket: 'from-a-after-0' })).toBe(0);
  });
});
