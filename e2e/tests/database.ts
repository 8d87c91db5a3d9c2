import { createRequire } from 'node:module';

/**
 * One statement straight on the database of this run's server (SQLite file, or MariaDB with E2E_DATABASE_URL),
 * for what a browser cannot do on the real clock: move an event's time, as the server's own e2e tests do. The
 * drivers are the server's (apps/server), so the browser tests add no dependency of their own.
 */
const serverRequire = createRequire(new URL('../../apps/server/package.json', import.meta.url));

interface SqliteDatabase {
  pragma(text: string): unknown;
  prepare(sql: string): { run(...params: unknown[]): unknown };
  close(): void;
}
interface MysqlConnection {
  execute(sql: string, params: unknown[]): Promise<unknown>;
  end(): Promise<void>;
}

export async function executeOnServerDatabase(sql: string, params: unknown[]): Promise<void> {
  const url = process.env.E2E_DATABASE_URL;
  if (url) {
    const mysql = serverRequire('mysql2/promise') as {
      createConnection(options: { uri: string; timezone: string }): Promise<MysqlConnection>;
    };
    const connection = await mysql.createConnection({ uri: url, timezone: 'Z' });
    try {
      await connection.execute(sql, params);
    } finally {
      await connection.end();
    }
    return;
  }
  const file = process.env.E2E_SQLITE_FILE;
  if (!file) throw new Error('E2E_SQLITE_FILE is not set (playwright.config.ts sets it)');
  const Database = serverRequire('better-sqlite3') as new (path: string) => SqliteDatabase;
  const database = new Database(file);
  try {
    database.pragma('busy_timeout = 5000');
    database.prepare(sql).run(...params);
  } finally {
    database.close();
  }
}

/** A UTC instant as both databases store a datetime column: "YYYY-MM-DD HH:MM:SS.SSS". */
export const utcDatetime = (instant: Date) => instant.toISOString().replace('T', ' ').replace('Z', '');
