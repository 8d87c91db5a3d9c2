import { In, type DataSource } from 'typeorm';
import { RateLimitCounter } from '../src/common/rate-limit.entity.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const pause = () => new Promise((resolve) => setTimeout(resolve, 2));

/** Concurrent requests in one process each get a transaction of their own, on SQLite as on MariaDB. */
describe(`concurrent transactions in one process on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let dataSource: DataSource;
  beforeAll(async () => {
    db = await createTestDatabase();
    dataSource = await createDataSource(await resolveDataSourceOptions(db.config)).initialize();
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await db?.drop();
  });

  it("a failing transaction rolls back only its own writes, never a neighbour's", async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        dataSource.transaction(async (manager) => {
          await manager.insert(RateLimitCounter, { bucket: `tx-${i}`, hits: i, expiresAt: 0, blockedUntil: 0 });
          await pause();
          if (i % 2) throw new Error(`fail ${i}`);
        }),
      ),
    );
    expect(outcomes.filter((o) => o.status === 'fulfilled')).toHaveLength(10);
    const rows = await dataSource.getRepository(RateLimitCounter).find({ order: { hits: 'ASC' } });
    expect(rows.map((r) => r.hits)).toEqual([0, 2, 4, 6, 8, 10, 12, 14, 16, 18]);
  });

  it("a plain write made while another transaction is open survives that transaction's rollback", async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const failing = dataSource
      .transaction(async (manager) => {
        await manager.insert(RateLimitCounter, { bucket: 'doomed', hits: 1, expiresAt: 0, blockedUntil: 0 });
        await held;
        throw new Error('rollback');
      })
      .catch(() => 'rolled back');
    const plain = dataSource
      .getRepository(RateLimitCounter)
      .insert({ bucket: 'outsider', hits: 1, expiresAt: 0, blockedUntil: 0 });
    await pause();
    release();
    expect(await failing).toBe('rolled back');
    await plain;
    const repo = dataSource.getRepository(RateLimitCounter);
    expect(await repo.findOneBy({ bucket: 'outsider' })).not.toBeNull();
    expect(await repo.findOneBy({ bucket: 'doomed' })).toBeNull();
  });

  it('a nested transaction commits with the outer one, or rolls back alone', async () => {
    await dataSource.transaction(async (outer) => {
      await outer.insert(RateLimitCounter, { bucket: 'outer', hits: 1, expiresAt: 0, blockedUntil: 0 });
      await outer.transaction(async (inner) => {
        await inner.insert(RateLimitCounter, { bucket: 'inner', hits: 1, expiresAt: 0, blockedUntil: 0 });
      });
      const undone = outer.transaction(async (inner) => {
        await inner.insert(RateLimitCounter, { bucket: 'inner-undone', hits: 1, expiresAt: 0, blockedUntil: 0 });
        throw new Error('undo the inner one');
      });
      await expect(undone).rejects.toThrow('undo the inner one');
    });
    const rows = await dataSource
      .getRepository(RateLimitCounter)
      .findBy({ bucket: In(['outer', 'inner', 'inner-undone']) });
    expect(rows.map((r) => r.bucket).sort()).toEqual(['inner', 'outer']);
  });
});
