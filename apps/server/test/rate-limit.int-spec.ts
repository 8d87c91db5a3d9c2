import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock.js';
import { DatabaseThrottlerStorage } from '../src/common/database-throttler.storage.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { transactionStats } from '../src/database/transaction.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

/** Two DataSources stand for two server processes sharing one database. */
describe(`database rate-limit counters on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let a: DataSource;
  let b: DataSource;
  const clock = new FixedClock(new Date('2026-11-28T02:00:00Z'));

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    a = await createDataSource(options).initialize();
    b = await createDataSource({ ...options, migrationsRun: false }).initialize();
  });
  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
    await db?.drop();
  });

  it('loses no hit across processes under concurrency, and lets no more than the limit through', async () => {
    const storages = [new DatabaseThrottlerStorage(a, clock), new DatabaseThrottlerStorage(b, clock)];
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, i) => storages[i % 2].increment('ip-1', 60_000, 10, 60_000, 'default')),
    );
    // Each process counts in a row of its own (no row that every node of a cluster writes); the count is their sum.
    const stored: Array<{ hits: number | string }> = await a.query('SELECT hits FROM rate_limits');
    expect(stored).toHaveLength(2);
    expect(stored.reduce((sum, r) => sum + Number(r.hits), 0)).toBe(40);
    expect(Math.max(...hits.map((h) => h.totalHits))).toBe(40);
    // Each caller reads the count after its own increment, so at most `limit` callers can see a count ≤ limit.
    expect(hits.filter((h) => !h.isBlocked).length).toBeLessThanOrEqual(10);
    expect(hits.every((h) => h.totalHits >= 1 && h.totalHits <= 40)).toBe(true);
  });

  it('blocks past the limit and says for how long, then opens a new window when time has passed', async () => {
    const storage = new DatabaseThrottlerStorage(a, clock);
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await storage.increment('ip-2', 60_000, 3, 30_000, 'default'));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    expect(results[3].timeToBlockExpire).toBe(30);
    clock.advance(61_000);
    const fresh = await storage.increment('ip-2', 60_000, 3, 30_000, 'default');
    expect(fresh).toMatchObject({ totalHits: 1, isBlocked: false });
  });

  it('a process that stopped leaves a row that counts until its window ends; ended rows are then deleted', async () => {
    const gone = new DatabaseThrottlerStorage(a, clock);
    const live = new DatabaseThrottlerStorage(b, clock);
    for (let i = 0; i < 3; i++) await gone.increment('ip_%!4', 60_000, 5, 60_000, 'default');
    expect((await live.increment('ip_%!4', 60_000, 5, 60_000, 'default')).totalHits).toBe(4);
    // Another key whose pattern characters would match this one's rows if they were not escaped.
    expect((await live.increment('ipX%!4', 60_000, 5, 60_000, 'default')).totalHits).toBe(1);
    clock.advance(61_000);
    expect((await live.increment('ip_%!4', 60_000, 5, 60_000, 'default')).totalHits).toBe(1);
    const rowsOfKey = () =>
      a.query<Array<{ bucket: string }>>(
        "SELECT bucket FROM rate_limits WHERE bucket LIKE 'default:ip!_!%!!4#%' ESCAPE '!'",
      );
    expect(await rowsOfKey()).toHaveLength(2);
    expect(await live.deleteEnded()).toBeGreaterThanOrEqual(1);
    expect(await rowsOfKey()).toHaveLength(1);
    // The live window still counts after the sweep.
    expect((await live.increment('ip_%!4', 60_000, 5, 60_000, 'default')).totalHits).toBe(2);
  });

  it('opens the windows of many new counters at once without a lost transaction, counting every hit', async () => {
    const storages = [new DatabaseThrottlerStorage(a, clock), new DatabaseThrottlerStorage(b, clock)];
    const retriedBefore = transactionStats.retried;
    // 200 volunteers scanning in at once: each request opens its user's window and counts on the venue's IP.
    const records = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        storages[i % 2].hitAll(
          [
            { key: 'venue-ip', limit: 1000 },
            { key: `volunteer-${i}`, limit: 10 },
          ],
          60_000,
          60_000,
          'scan',
        ),
      ),
    );
    expect(records.every(([, user]) => user.totalHits === 1 && !user.isBlocked)).toBe(true);
    expect(Math.max(...records.map(([ip]) => ip.totalHits))).toBe(200);
    expect(transactionStats.retried - retriedBefore).toBe(0);
  });

  it('counts a request on all its counters at once, and blocks it when any one is past its limit', async () => {
    const storages = [new DatabaseThrottlerStorage(a, clock), new DatabaseThrottlerStorage(b, clock)];
    const counters = [
      { key: 'ip-5', limit: 20 },
      { key: 'user-5', limit: 4 },
    ];
    const records = await Promise.all(
      Array.from({ length: 12 }, (_, i) => storages[i % 2].hitAll(counters, 60_000, 60_000, 'default')),
    );
    expect(Math.max(...records.map(([ip]) => ip.totalHits))).toBe(12);
    expect(Math.max(...records.map(([, user]) => user.totalHits))).toBe(12);
    expect(records.every(([ip]) => !ip.isBlocked)).toBe(true);
    expect(records.filter(([, user]) => !user.isBlocked).length).toBeLessThanOrEqual(4);
    const stored: Array<{ bucket: string; hits: number | string }> = await a.query(
      "SELECT bucket, hits FROM rate_limits WHERE bucket LIKE 'default:%-5#%'",
    );
    expect(stored).toHaveLength(4);
    expect(stored.reduce((sum, r) => sum + Number(r.hits), 0)).toBe(24);
  });

  it('keeps keys of different throttlers apart', async () => {
    const storage = new DatabaseThrottlerStorage(b, clock);
    await storage.increment('ip-3', 60_000, 10, 0, 'default');
    const other = await storage.increment('ip-3', 60_000, 10, 0, 'scan');
    expect(other.totalHits).toBe(1);
  });
});
