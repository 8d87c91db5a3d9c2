import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import mysqlDriver from 'mysql2';
import mysql from 'mysql2/promise';
import { DataSource, type DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../common/app-config.js';
import { entities } from './entities.js';
import { migrations } from './migrations/index.js';
import { serializeSqliteAccess } from './sqlite-serialization.js';
import { LostAttemptGuard } from './transaction.js';

/** What a MySQL-protocol server is: MariaDB or MySQL (TypeORM reads column defaults differently), and Galera or not. */
export interface MysqlFlavour {
  type: 'mysql' | 'mariadb';
  /** A Galera cluster node (`wsrep_on`): every pooled connection then sets `wsrep_sync_wait`. */
  galera: boolean;
}

export async function detectMysqlFlavour(url: string): Promise<MysqlFlavour> {
  const connection = await mysql.createConnection(url);
  try {
    const [rows] = await connection.query<mysql.RowDataPacket[]>('SELECT VERSION() AS version');
    // SHOW VARIABLES answers an empty list where the variable does not exist (MySQL), unlike SELECT @@wsrep_on.
    const [wsrep] = await connection.query<mysql.RowDataPacket[]>("SHOW VARIABLES LIKE 'wsrep_on'");
    return {
      type: String(rows[0].version).includes('MariaDB') ? 'mariadb' : 'mysql',
      galera: String(wsrep[0]?.Value ?? 'OFF').toUpperCase() === 'ON',
    };
  } finally {
    await connection.end();
  }
}

/**
 * On Galera a read on one node may not yet see a write committed on another a moment ago. With wsrep_sync_wait = 1
 * a node first applies every write the cluster had certified when the SELECT (or START TRANSACTION) arrived, so a
 * resident who booked through one server and reads through another sees the booking.
 */
export const WSREP_SYNC_WAIT = 1;

/** mysql2 as TypeORM loads it, except that each new pooled connection first sets wsrep_sync_wait. */
function galeraDriver(): typeof mysqlDriver {
  return {
    ...mysqlDriver,
    createPool: (config: Parameters<typeof mysqlDriver.createPool>[0]) => {
      const pool = mysqlDriver.createPool(config as string);
      pool.on('connection', (connection) => {
        // Queued before the caller's first statement on this connection; a failure (node cut off) shows there.
        connection.query(`SET SESSION wsrep_sync_wait = ${WSREP_SYNC_WAIT}`, () => undefined);
      });
      return pool;
    },
  } as typeof mysqlDriver;
}

/** TypeORM options for the configured database. Migrations run at start; the schema is never synchronized. */
export function dataSourceOptions(
  database: DatabaseConfig,
  flavour: MysqlFlavour = { type: 'mysql', galera: false },
): DataSourceOptions {
  const shared = {
    entities,
    migrations,
    migrationsRun: true,
    synchronize: false,
    logging: false,
    // Tells runTransaction of every failed statement and refuses statements after a lost one.
    subscribers: [LostAttemptGuard],
  };
  if (database.type === 'mysql') {
    return {
      ...shared,
      type: flavour.type,
      url: database.url,
      timezone: 'Z',
      charset: 'utf8mb4_unicode_ci',
      // trace: false — TypeORM sends every statement through mysql2's promise wrapper, which otherwise captures a
      // stack trace per statement (~15 µs each, bench/results/10-read-profile.md); TypeORM's QueryFailedError has its own.
      extra: { connectionLimit: 20, trace: false },
      ...(flavour.galera ? { driver: galeraDriver() } : {}),
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
  return dataSourceOptions(database, database.type === 'mysql' ? await detectMysqlFlavour(database.url) : undefined);
}

/** A DataSource for the app or a test: on SQLite, transactions from concurrent requests take turns. */
export function createDataSource(options: DataSourceOptions): DataSource {
  const dataSource = new DataSource(options);
  serializeSqliteAccess(dataSource);
  return dataSource;
}
