import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { LoginResponse } from '@linli/shared-types';
import type { DataSource } from 'typeorm';
import { createDataSource, resolveDataSourceOptions } from '../../src/database/data-source-options.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';

const serverMain = join(dirname(fileURLToPath(import.meta.url)), '../../dist/main.js');

export interface TestResponse {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a test reads whatever JSON the route answers
  body: any;
  headers: Headers;
  text: string;
}

export interface TestApp {
  url: string;
  db: TestDatabase;
  /** A connection of the test's own, for arranging and checking rows. */
  dataSource: DataSource;
  /** Everything the server printed (JSON log lines). */
  logs: string[];
  /** The server process: its pid, and whether it is still running. */
  pid: number;
  running(): boolean;
  request(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string> },
  ): Promise<TestResponse>;
  loginStaff(username: string): Promise<LoginResponse>;
  loginResident(phone: string, community?: string): Promise<LoginResponse>;
  /** SIGTERM the server (as an orchestrator would), wait for it to exit and drop the database; returns its exit code. */
  close(): Promise<number | null>;
}

// A jest worker that dies must not leave servers behind.
const children = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

export async function freePort(): Promise<number> {
  return (await freePorts(1))[0];
}

/**
 * `count` distinct free ports: each listener stays open until all are taken, since a port closed at once can be handed
 * out again (two Galera nodes were once given the same gcomm port and the second could not bind it).
 */
export async function freePorts(count: number): Promise<number[]> {
  const servers: Server[] = [];
  try {
    const ports: number[] = [];
    for (let i = 0; i < count; i++) {
      const server = createServer();
      server.unref();
      servers.push(server);
      ports.push(
        await new Promise<number>((resolve, reject) => {
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve((server.address() as { port: number }).port));
        }),
      );
    }
    return ports;
  } finally {
    await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  }
}

/**
 * The production build (dist/main.js) in its own Node process on a fresh database, driven over real HTTP.
 * A separate process because jest on Node 20 cannot load the CommonJS Nest plugins that require ES modules;
 * it also means these tests see exactly what a deployment runs. Build first: `pnpm --filter @linli/server build`.
 */
export async function startTestApp(
  options: { env?: Record<string, string>; sharedDatabase?: TestDatabase } = {},
): Promise<TestApp> {
  // A second process on the database of a first one (two servers behind one proxy); the first one drops it.
  const db = options.sharedDatabase ?? (await createTestDatabase());
  const port = await freePort();
  const databaseUrl = db.config.type === 'sqlite' ? `sqlite:${db.config.path}` : db.config.url;
  const logs: string[] = [];
  const child: ChildProcess = spawn(process.execPath, [serverMain], {
    env: {
      PATH: process.env.PATH,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      DATABASE_URL: databaseUrl,
      LINLI_DEMO: '1',
      LOG_LEVEL: 'info',
      // Suites make many such calls; rate-limit tests pass low limits in options.env.
      LOGIN_RATE_LIMIT: '1000',
      DEV_LOGIN_RATE_LIMIT: '1000',
      SCAN_RATE_LIMIT: '1000',
      TIMEBANK_RATE_LIMIT: '1000',
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  child.once('exit', () => children.delete(child));
  child.stdout!.on('data', (chunk) => logs.push(String(chunk)));
  child.stderr!.on('data', (chunk) => logs.push(String(chunk)));
  const url = `http://127.0.0.1:${port}`;

  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  // Migrations on MariaDB take longer on a loaded machine: LINLI_TEST_START_MS stretches the wait.
  const startMs = Number(process.env.LINLI_TEST_START_MS) || 90_000;
  const deadline = Date.now() + startMs;
  // A server that does not come up (some tests expect that) leaves no database behind.
  const failToStart = async (message: string): Promise<never> => {
    if (!options.sharedDatabase) await db.drop();
    throw new Error(`${message}:\n${logs.join('')}`);
  };
  for (;;) {
    if (child.exitCode !== null) await failToStart(`server exited with ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/api/v1/health`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      await failToStart(`server did not start in ${startMs / 1000} s`);
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  const dataSource = await createDataSource({
    ...(await resolveDataSourceOptions(db.config)),
    migrationsRun: false,
  }).initialize();

  const request: TestApp['request'] = async (method, path, { token, body, headers } = {}) => {
    const response = await fetch(url + path, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...headers,
      },
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    return { status: response.status, body: parsed, headers: response.headers, text };
  };

  const expectLogin = async (promise: Promise<TestResponse>): Promise<LoginResponse> => {
    const response = await promise;
    if (response.status !== 200) throw new Error(`login failed: ${response.status} ${response.text}`);
    return response.body;
  };

  return {
    url,
    db,
    dataSource,
    logs,
    request,
    pid: child.pid!,
    running: () => child.exitCode === null && child.signalCode === null,
    loginStaff: (username) =>
      expectLogin(request('POST', '/api/v1/auth/login', { body: { username, password: 'linli-demo' } })),
    loginResident: (phone, community = phone.startsWith('139') ? 'B' : 'G') =>
      expectLogin(request('POST', '/api/v1/auth/dev-login', { body: { phone, community } })),
    close: async () => {
      await dataSource.destroy();
      child.kill('SIGTERM');
      const code = await exited;
      if (!options.sharedDatabase) await db.drop();
      return code;
    },
  };
}
