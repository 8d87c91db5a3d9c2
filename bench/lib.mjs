// Shared pieces of the benchmarks: child servers, HTTP helpers, CPU readings, medians and the results header.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import os from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const benchDir = dirname(fileURLToPath(import.meta.url));
export const repoRoot = join(benchDir, '..');
export const MYSQL = process.env.BENCH_MYSQL ?? 'mysql://root@127.0.0.1:3306';
export const DEMO_PASSWORD = 'linli-demo';

export const log = (line) => console.log(line);
export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
export const ms = (x) => (x === null || x === undefined ? 'n/a' : x.toFixed(3));
export const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Every child process started here, stopped by stopAll() (and on Ctrl-C). */
export const children = [];

export function start(name, args, env) {
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const keep = (chunk) => {
    output = (output + chunk).slice(-8000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  child.exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  child.benchName = name;
  child.output = () => output;
  children.push(child);
  return child;
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const done = await Promise.race([child.exited.then(() => true), sleep(20_000).then(() => false)]);
  if (!done) {
    child.kill('SIGKILL');
    await child.exited;
  }
}

export async function stopAll() {
  for (const child of children) await stop(child);
}

let interrupted = false;
process.once('SIGINT', () => {
  if (interrupted) return;
  interrupted = true;
  console.error('interrupted: stopping servers (the database is dropped when the current step ends)');
  for (const child of children) child.kill('SIGTERM');
});

export async function waitUntilUp(child, url, seconds) {
  for (let i = 0; i < seconds * 4; i++) {
    if (child.exitCode !== null) throw new Error(`${child.benchName} exited during start:\n${child.output()}`);
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* not listening yet */
    }
    await sleep(250);
  }
  throw new Error(`${child.benchName} not up after ${seconds} s:\n${child.output()}`);
}

export async function api(base, method, path, { token, body } = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: {
      ...(body ? { 'content-type': 'application/json' } : {}),
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${text.slice(0, 300)}`);
  return text ? JSON.parse(text) : null;
}

/**
 * Linli's production build (apps/server/dist/main.js) on databaseUrl with the demo street; resolves once
 * /api/v1/health answers (migrations and the demo seed have run). Returns { child, base, port }. nodeArgs go before the
 * script (e.g. ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']); `script` runs another build (e.g. a baseline checkout's).
 */
export async function startLinli(name, databaseUrl, env = {}, nodeArgs = [], script = 'apps/server/dist/main.js') {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = start(name, [...nodeArgs, script], {
    DATABASE_URL: databaseUrl,
    LINLI_DEMO: '1',
    LINLI_DEMO_PASSWORD: DEMO_PASSWORD,
    LOGIN_RATE_LIMIT: '100000',
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'production',
    ...env,
  });
  await waitUntilUp(child, `${base}/api/v1/health`, 120);
  return { child, base, port };
}

/** Builds @linli/shared-types and @linli/server unless --skip-build was given. */
export function buildServer() {
  if (process.argv.includes('--skip-build')) return;
  log('building @linli/shared-types and @linli/server (production build) …');
  for (const pkg of ['@linli/shared-types', '@linli/server']) {
    execFileSync('pnpm', ['--filter', pkg, 'build'], {
      cwd: repoRoot,
      stdio: ['ignore', 'ignore', 'inherit'],
      timeout: 300_000,
    });
  }
}

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); null elsewhere. */
export function cpuMs(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return null;
  }
}
const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/** The MariaDB server process on this machine (it is shared: its CPU also counts other clients' queries). */
export function mariadbPid() {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim().startsWith('mariadbd')) return Number(entry);
    } catch {
      /* gone */
    }
  }
  return null;
}

/** MariaDB's count of statements received from all clients (the server is shared: others add a few). */
export async function questions(admin) {
  const [rows] = await admin.query("SHOW GLOBAL STATUS LIKE 'Questions'");
  return Number(rows[0].Value);
}

export function gitCommit() {
  try {
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps', 'packages'], {
      cwd: repoRoot,
      encoding: 'utf8',
    }).trim();
    return dirty ? `${sha} (apps/ or packages/ had uncommitted changes)` : sha;
  } catch {
    return 'unknown';
  }
}

/** Date, commit and machine lines every results section starts with. */
export function environmentLines(extra = []) {
  const { version: autocannonVersion } = createRequire(import.meta.url)('autocannon/package.json');
  return [
    `- Date: ${new Date().toISOString()}`,
    `- Commit: ${gitCommit()}`,
    `- Machine: ${os.cpus().length} CPUs (\`nproc\` ${execFileSync('nproc', { encoding: 'utf8' }).trim()}, ${os.cpus()[0]?.model ?? 'unknown CPU'}), ` +
      `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB memory, ${os.type()} ${os.release()} ${os.arch()}; shared and noisy`,
    `- Node ${process.version}; autocannon ${autocannonVersion} in the driver process on the same machine`,
    ...extra,
  ];
}

/** Writes one benchmark's section to bench/results/<file>; `pnpm bench` joins the sections into bench/RESULTS.md. */
export function writeSection(file, lines) {
  if (process.env.BENCH_WRITE_RESULTS === '0') return;
  mkdirSync(join(benchDir, 'results'), { recursive: true });
  writeFileSync(join(benchDir, 'results', file), lines.join('\n'));
  log(`wrote bench/results/${file}`);
}

/**
 * Rate limits off for throughput runs: every limiter Linli has or is getting (per minute), so a benchmark measures the
 * server and not its limiter. Pass as startLinli(name, url, RATE_LIMITS_OFF).
 */
export const RATE_LIMITS_OFF = {
  LOGIN_RATE_LIMIT: '1000000',
  SCAN_RATE_LIMIT: '1000000',
  TIMEBANK_RATE_LIMIT: '1000000',
  DEV_LOGIN_RATE_LIMIT: '1000000',
};

/** The p-th percentile (0–100, nearest rank) of a list of numbers; null for an empty list. */
export function percentile(xs, p) {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.max(0, Math.ceil((p / 100) * s.length) - 1))];
}

/** Counts of a list of keys, as { key: count } in first-seen order. */
export function tally(keys) {
  const counts = {};
  for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
  return counts;
}

/** Multi-row INSERT of rows (arrays in `columns` order) in batches, with one mysql2 connection. */
export async function bulkInsert(conn, table, columns, rows, batch = 1000) {
  for (let i = 0; i < rows.length; i += batch) {
    await conn.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(', ')}) VALUES ?`, [
      rows.slice(i, i + batch),
    ]);
  }
}

/**
 * Open-loop load: sends requests[i] at start + i / rate seconds whether or not earlier ones have answered (people arriving,
 * not a fixed pool of clients waiting for each other), over keep-alive connections. Each request is
 * { url, method, headers, body }; resolves with [{ status, body, ms }] in request order and the wall time.
 * autocannon's overallRate paces per connection per whole second, which would send each second's share as one burst.
 */
export async function paced(requests, rate) {
  const t0 = performance.now();
  const results = await Promise.all(
    requests.map(async (r, i) => {
      const due = t0 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 0) await sleep(wait);
      const sent = performance.now();
      try {
        const response = await fetch(r.url, { method: r.method ?? 'GET', headers: r.headers, body: r.body });
        const body = await response.text();
        return { status: response.status, body, ms: performance.now() - sent, lateMs: sent - due };
      } catch (error) {
        return { status: 0, body: String(error), ms: performance.now() - sent, lateMs: sent - due };
      }
    }),
  );
  return { results, wallMs: performance.now() - t0 };
}

/** mulberry32: a small, fast, deterministic PRNG, so every run generates the same data and requests. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Runs a benchmark's main and exits: fetch's keep-alive pool can hold the event loop after the servers are gone. */
export function runMain(main) {
  main().then(
    () => process.exit(process.exitCode ?? 0),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}

/** The end of a benchmark: stop its servers, close its connections (admin last) and drop its database. */
export async function tearDown(database, admin, ...connections) {
  await stopAll();
  for (const connection of connections) await connection.end();
  await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  await admin.end();
  log(`servers stopped, database ${database} dropped`);
}
