import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../common/app-config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';

/** TypeORM options for the configured database. Migrations run at start; the schema is never synchronized. */
export function dataSourceOptions(database: DatabaseConfig): DataSourceOptions {
  const shared = { entities, migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  if (database.type === 'mysql') {
    return {
      ...shared,
      type: 'mysql',
      url: database.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      extra: { connectionLimit: 20 },
    };
  }
  if (database.path !== ':memory:') mkdirSync(dirname(database.path), { recursive: true });
  return {
    ...shared,
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: true,
    // Writers wait for each other instead of failing with SQLITE_BUSY.
    prepareDatabase: (db: { pragma(sql: string): unknown }) => {
      db.pragma('busy_timeout = 5000');
    },
  };
}
