import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePort } from './test-app.js';

const installDb = process.env.MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db';
const mariadbd = process.env.MARIADBD ?? '/usr/sbin/mariadbd';

export interface OwnMariadb {
  /** mysql://root@127.0.0.1:<port>, no database. */
  url: string;
  pid(): number | undefined;
  /** Signal the server process (SIGKILL: crash; SIGSTOP/SIGCONT: freeze/thaw) and, for SIGKILL, wait until it is gone. */
  signal(signal: NodeJS.Signals): Promise<void>;
  /** Start it again on the same data directory and port; resolves once it answers. */
  start(): Promise<void>;
  /** Stop it and delete its data directory. */
  destroy(): Promise<void>;
}

/**
 * A MariaDB server of the test's own (fresh data directory, free port, root without password), so that a test
 * may crash it: the shared server on 3306 must never be stopped.
 */
export async function startOwnMariadb(): Promise<OwnMariadb> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-own-mariadb-'));
  const datadir = join(dir, 'data');
  const asRoot = process.getuid?.() === 0 ? ['--user=root'] : [];
  await promisify(execFile)(installDb, [
    '--no-defaults',
    `--datadir=${datadir}`,
    '--auth-root-authentication-method=normal',
    '--skip-test-db',
    ...asRoot,
  ]);
  const port = await freePort();
  const url = `mysql://root@127.0.0.1:${port}`;
  let child: ChildProcess | null = null;
  const log: string[] = [];

  const start = async () => {
    const server = spawn(
      mariadbd,
      [
        '--no-defaults',
        `--datadir=${datadir}`,
        `--port=${port}`,
        `--socket=${join(dir, 'sock')}`,
        `--pid-file=${join(dir, 'pid')}`,
        '--bind-address=127.0.0.1',
        '--skip-name-resolve',
        '--skip-log-bin',
        '--innodb-buffer-pool-size=64M',
        '--character-set-server=utf8mb4',
        '--collation-server=utf8mb4_unicode_ci',
        ...asRoot,
      ],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    server.stdout.on('data', (c) => log.push(String(c)));
    server.stderr.on('data', (c) => log.push(String(c)));
    child = server;
    const deadline = Date.now() + 60_000;
    for (;;) {
      if (server.exitCode !== null) throw new Error(`mariadbd exited with ${server.exitCode}:\n${log.join('')}`);
      try {
        const connection = await mysql.createConnection({ uri: url, connectTimeout: 1000 });
        await connection.end();
        return;
      } catch {
        /* still starting */
      }
      if (Date.now() > deadline) throw new Error(`mariadbd did not answer in 60 s:\n${log.join('')}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  };

  const stopChild = async (signal: NodeJS.Signals) => {
    const server = child;
    if (!server || server.exitCode !== null || server.signalCode !== null) return;
    const exited = new Promise((resolve) => server.once('exit', resolve));
    server.kill(signal);
    await exited;
  };

  await start();
  process.once('exit', () => child?.kill('SIGKILL'));
  return {
    url,
    pid: () => child?.pid,
    signal: async (signal) => {
      if (signal === 'SIGKILL' || signal === 'SIGTERM') await stopChild(signal);
      else child?.kill(signal);
    },
    start,
    destroy: async () => {
      child?.kill('SIGCONT');
      await stopChild('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
