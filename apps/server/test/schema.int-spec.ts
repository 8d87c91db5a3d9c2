import type { DataSource } from 'typeorm';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { migrations } from '../src/database/migrations/index.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

describe(`schema on ${testDatabaseKind}`, () => {
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

  it('runs every migration at start', async () => {
    const rows: Array<{ name: string }> = await dataSource.query('SELECT name FROM migrations ORDER BY id');
    expect(rows.map((r) => r.name)).toEqual(migrations.map((m) => new m().name));
  });

  it('leaves the schema exactly as the entities describe it (migrations and entities agree)', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((q) => q.query)).toEqual([]);
  });

  it('has nothing left to run on a second start', async () => {
    expect(await dataSource.showMigrations()).toBe(false);
  });

  it('reverts cleanly and applies again', async () => {
    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration();
    expect(await dataSource.createQueryRunner().hasTable('users')).toBe(false);
    await dataSource.runMigrations();
    expect(await dataSource.createQueryRunner().hasTable('users')).toBe(true);
  });
});
