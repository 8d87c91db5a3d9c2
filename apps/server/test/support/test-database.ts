import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import type { DatabaseConfig } from '../../src/common/app-config.js';

export type TestDatabaseKind = 'sqlite' | 'mariadb';

/** Which database the int and e2e suites run on: LINLI_TEST_DB=sqlite (default) or mariadb. */
export const testDatabaseKind: TestDatabaseKind = process.env.LINLI_TEST_DB === 'mariadb' ? 'mariadb' : 'sqlite';

/** Server of the MariaDB suite; a fresh database is created on it per test file and dropped after. */
export const mariadbServerUrl = process.env.LINLI_TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';

export interface TestDatabase {
  config: DatabaseConfig;
  drop(): Promise<void>;
}

/** A new, empty database of the kind under test; nothing depends on leftovers. serverUrl: another MariaDB server (the fault suite's own). */
export async function createTestDatabase(
  kind: TestDatabaseKind = testDatabaseKind,
  serverUrl = mariadbServerUrl,
): Promise<TestDatabase> {
  const name = `linli_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (kind === 'sqlite') {
    const path = join(tmpdir(), `${name}.sqlite`);
    return {
      config: { type: 'sqlite', path },
      drop: async () => {
        for (const suffix of ['', '-wal', '-shm']) rmSync(path + suffix, { force: true });
      },
    };
  }
  const admin = await mysql.createConnection(serverUrl);
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await admin.end();
  return {
    config: { type: 'mysql', url: `${serverUrl}/${name}` },
    drop: async () => {
      const conn = await mysql.createConnection(serverUrl);
      await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
      await conn.end();
    },
  };
}
