import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../common/app-config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { serializeSqliteAccess } from './sqlite-serialization.js';

/** MariaDB reports column defaults differently from MySQL; TypeORM must be told which one it talks to. */
export async function detectMysqlFlavour(url: string): Promise<'mysql' | 'mariadb'> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    return String(rows[0].version).includes('MariaDB') ? 'mariadb' : 'mysql';
  } finally {
    await connection.end();
  }
}

/** TypeORM options for the configured database. Migrations run at start; the schema is never synchronized. */
export function dataSourceOptions(database: DatabaseConfig, flavour: 'mysql' | 'mariadb' = 'mysql'): DataSourceOptions {
  const shared = { entities, migrations, migrationsRun: true, synchronize: false, logging: false } as const;
  if (database.type === 'mysql') {
    return {
      ...shared,
      type: flavour,
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

/** Options for the configured database, asking a MySQL-protocol server what it is first. */
export async function resolveDataSourceOptions(database: DatabaseConfig): Promise<DataSourceOptions> {
  return dataSourceOptions(database, database.type === 'mysql' ? await detectMysqlFlavour(database.url) : 'mysql');
}

/** A DataSource for the app or a test: on SQLite, transactions from concurrent requests take turns. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  serializeSqliteAccess(dataSource);
  return dataSource;
}
