import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { DataSource } from 'typeorm';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { User } from '../src/users/user.entity.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const script = join(dirname(fileURLToPath(import.meta.url)), '../../../scripts/db.mjs');

/** pnpm db:backup / db:restore (scripts/db.mjs) against the test database. */
describe(`backup and restore on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const dir = mkdtempSync(join(tmpdir(), 'linli-backup-'));
  const url = () => (db.config.type === 'sqlite' ? `sqlite:${db.config.path}` : db.config.url);
  const uploads = join(dir, 'uploads');
  const cli = (...args: string[]) =>
    promisify(execFile)(process.execPath, [script, ...args], {
      env: { PATH: process.env.PATH, DATABASE_URL: url(), UPLOAD_DIR: uploads },
    });
  const open = async () =>
    createDataSource({ ...(await resolveDataSourceOptions(db.config)), migrationsRun: false }).initialize();

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(await resolveDataSourceOptions(db.config)).initialize(); // migrations: the real schema
  });
  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('restores exactly what was backed up: changed rows back, deleted rows back, later rows gone', async () => {
    const users = () => ds.getRepository(User);
    const kept = await users().save({
      role: 'resident',
      status: 'verified',
      volunteer: true,
      communityId: null,
      phone: '13700000001',
      name: '王阿姨🌸',
      openid: 'openid-keep',
    });
    const deleted = await users().save({
      role: 'resident',
      status: 'pending',
      volunteer: false,
      communityId: null,
      phone: '13700000002',
      name: '李师傅',
      openid: null,
    });
    const before = await users().find({ order: { id: 'ASC' } });

    mkdirSync(uploads, { recursive: true });
    writeFileSync(join(uploads, 'kept-photo'), 'jpeg bytes');
    writeFileSync(join(uploads, 'deleted-photo'), 'png bytes');

    const file = join(dir, testDatabaseKind === 'sqlite' ? 'linli.sqlite' : 'linli.sql');
    const backup = await cli('backup', file);
    expect(readdirSync(`${file}.uploads`).sort()).toEqual(['deleted-photo', 'kept-photo']);
    expect(backup.stdout).toContain('backed up');
    expect(existsSync(file)).toBe(true);
    expect(existsSync(`${file}.partial`)).toBe(false);

    // Damage after the backup: an edit, a deletion, a new row.
    await users().update(kept.id, { name: '改错了', status: 'disabled' });
    await users().delete(deleted.id);
    const later = await users().save({
      role: 'resident',
      status: 'pending',
      volunteer: false,
      communityId: null,
      phone: '13700000003',
      name: '备份之后',
      openid: null,
    });
    expect(await users().count()).toBe(before.length);
    rmSync(join(uploads, 'deleted-photo'));
    writeFileSync(join(uploads, 'later-photo'), 'after the backup');

    await ds.destroy(); // the server is stopped for a restore
    const restore = await cli('restore', file);
    expect(restore.stdout).toContain('restored');
    expect(readdirSync(uploads).sort()).toEqual(['deleted-photo', 'kept-photo']);
    expect(readFileSync(join(uploads, 'deleted-photo'), 'utf8')).toBe('png bytes');
    ds = await open();
    const after = await users().find({ order: { id: 'ASC' } });
    expect(after).toEqual(before);
    expect(after.find((u) => u.id === kept.id)?.name).toBe('王阿姨🌸');
    expect(await users().findOneBy({ id: later.id })).toBeNull();
    // The restored schema is complete: the migration history came back too, so the server would not migrate again.
    const migrations = await ds.query('SELECT COUNT(*) AS n FROM migrations');
    expect(Number(migrations[0].n)).toBe(ds.migrations.length);
  });

  it('restore refuses a missing file and changes nothing', async () => {
    const count = await ds.getRepository(User).count();
    await expect(cli('restore', join(dir, 'nope.sql'))).rejects.toMatchObject({
      code: 1,
      stderr: expect.stringContaining('not found'),
    });
    expect(await ds.getRepository(User).count()).toBe(count);
  });
});
