import type { HealthResponse } from '@linli/shared-types';
import type { DataSource } from 'typeorm';
import { galeraServes } from './health.rules.js';

const TIMEOUT_MS = 2000;

function withTimeout<T>(promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer in ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

type Row = { Variable_name: string; Value: string };

/**
 * The database as this server sees it, read fresh on every call (so it recovers by itself): SQLite or a MySQL-protocol
 * server answering; on a Galera node (wsrep_on) also wsrep_ready and wsrep_local_state_comment, and a node that is
 * not ready or not Synced counts as down, as does one answering 1047 (WSREP has not yet prepared node for use).
 */
export async function readDatabaseHealth(dataSource: DataSource): Promise<HealthResponse['database']> {
  if (dataSource.options.type === 'better-sqlite3') {
    try {
      await withTimeout(dataSource.query('SELECT 1'));
      return { status: 'up', type: 'sqlite' };
    } catch {
      return { status: 'down', type: 'sqlite' };
    }
  }
  try {
    // SHOW statements are answered by a node outside the primary component too, unlike a SELECT on a table.
    const rows = await withTimeout(dataSource.query<Row[]>("SHOW GLOBAL VARIABLES WHERE Variable_name = 'wsrep_on'"));
    if (String(rows[0]?.Value ?? 'OFF').toUpperCase() !== 'ON') {
      await withTimeout(dataSource.query('SELECT 1'));
      return { status: 'up', type: 'mysql' };
    }
    const status = await withTimeout(
      dataSource.query<Row[]>("SHOW GLOBAL STATUS WHERE Variable_name IN ('wsrep_ready', 'wsrep_local_state_comment')"),
    );
    const value = (name: string) => status.find((r) => r.Variable_name === name)?.Value ?? '';
    const galera = { ready: value('wsrep_ready').toUpperCase() === 'ON', state: value('wsrep_local_state_comment') };
    // A read as the app makes it: 1047 while the node is cut off from the primary component.
    if (galeraServes(galera)) await withTimeout(dataSource.query('SELECT 1 FROM migrations LIMIT 1'));
    return { status: galeraServes(galera) ? 'up' : 'down', type: 'mysql', galera };
  } catch {
    return { status: 'down', type: 'mysql' };
  }
}
