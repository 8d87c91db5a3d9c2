import mysql from 'mysql2/promise';
import type { DataSource } from 'typeorm';
import { RateLimitCounter } from '../src/common/rate-limit.entity.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { runTransaction, transactionStats } from '../src/database/transaction.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const HEAVY = 40;

/**
 * A retried write has one effect, on a real InnoDB: a unit of work loses a real deadlock (1213) at its second
 * statement, after its first one wrote; the runner rolls it back and runs it again, and the effect is there once.
 * (SQLite's counterpart, SQLITE_BUSY between two processes, is in sqlite-serialization.int-spec.ts.)
 */
(testDatabaseKind === 'mariadb' ? describe : describe.skip)('runTransaction on MariaDB: lost attempts', () => {
  let db: TestDatabase;
  let ds: DataSource;
  let other: mysql.Connection;
  beforeAll(async () => {
    db = await createTestDatabase();
    if (db.config.type !== 'mysql') throw new Error('MariaDB only');
    ds = await createDataSource(await resolveDataSourceOptions(db.config)).initialize();
    other = await mysql.createConnection(db.config.url);
  });
  afterAll(async () => {
    await other?.end();
    await ds?.destroy();
    await db?.drop();
  });
  beforeEach(async () => {
    await ds.getRepository(RateLimitCounter).clear();
    await ds.getRepository(RateLimitCounter).insert(
      ['A', 'B', ...Array.from({ length: HEAVY }, (_, i) => `heavy-${i}`)].map((bucket) => ({
        bucket,
        hits: 0,
        expiresAt: 0,
        blockedUntil: 0,
      })),
    );
  });

  /**
   * `unit` updates A, then (first attempt only) waits until another transaction holds B and wants A, then updates B:
   * a deadlock, which InnoDB resolves by rolling back the lighter transaction, the unit's (the other changed many rows).
   */
  async function deadlockOnce(swallow: boolean) {
    let runs = 0;
    let aLocked!: () => void;
    const locked = new Promise<void>((resolve) => {
      aLocked = resolve;
    });
    let otherWaits!: () => void;
    const waiting = new Promise<void>((resolve) => {
      otherWaits = resolve;
    });
    const retriedBefore = transactionStats.retried;
    const unit = runTransaction(ds, async (manager) => {
      const run = ++runs;
      await manager.query("UPDATE rate_limits SET hits = hits + 1 WHERE bucket = 'A'");
      if (run === 1) {
        aLocked();
        await waiting; // the other transaction holds B and waits for A
      }
      const second = manager.query("UPDATE rate_limits SET hits = hits + 1 WHERE bucket = 'B'");
      // A careless `catch` inside work must not turn the lost attempt into a half-written commit.
      if (swallow) await second.catch(() => undefined);
      else await second;
      await manager.insert(RateLimitCounter, { bucket: `effect-${run}`, hits: 1, expiresAt: 0, blockedUntil: 0 });
      return run;
    });
    await locked;
    await other.query('START TRANSACTION');
    await other.query("UPDATE rate_limits SET hits = hits + 10 WHERE bucket LIKE 'heavy-%'");
    await other.query("UPDATE rate_limits SET hits = hits + 10 WHERE bucket = 'B'");
    const otherA = other.query("UPDATE rate_limits SET hits = hits + 10 WHERE bucket = 'A'"); // waits for the unit
    await sleep(200);
    otherWaits(); // the unit now asks for B: a deadlock
    await otherA;
    await other.query('COMMIT');
    const run = await unit;
    const rows = await ds.getRepository(RateLimitCounter).find();
    const hits = Object.fromEntries(rows.map((r) => [r.bucket, r.hits]));
    return { run, runs, hits, retried: transactionStats.retried - retriedBefore };
  }

  it.each([
    ['work lets the error through', false],
    ['work swallows the error', true],
  ])('lost at its second statement (%s): rolled back, run again, one effect', async (_, swallow) => {
    const { run, runs, hits, retried } = await deadlockOnce(swallow);
    expect({ run, runs, retried }).toEqual({ run: 2, runs: 2, retried: 1 });
    // A and B: the other's +10 and the unit's +1, once; the first attempt's A and effect-1 were rolled back.
    expect(hits).toMatchObject({ A: 11, B: 11, 'effect-2': 1 });
    expect(hits['effect-1']).toBeUndefined();
    expect(hits['heavy-0']).toBe(10);
  });
});
