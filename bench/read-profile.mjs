// Issue 18, item 1: where Linli's CPU per balance read goes, beside the bare server's, layer by layer.
//   node bench/read-profile.mjs [--skip-build]      env: BENCH_DURATION (15 s), BENCH_CONNECTIONS (50)
// Both servers run under `node --cpu-prof` on one fresh database with the demo street; autocannon asks each for the
// balance (`GET /api/v1/timebank/account`) after a warm-up; only the samples of the measured window are counted, each
// given to the most specific layer on its stack (a leaf in a syscall or the GC, else the first package from the leaf up).
// Samples are CPU time, not wall time: the machine's load moves the req/s, much less the µs per request of a layer.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import {
  api,
  benchDir,
  buildServer,
  environmentLines,
  freePort,
  log,
  MYSQL,
  RATE_LIMITS_OFF,
  runMain,
  start,
  startLinli,
  stop,
  stopAll,
  waitUntilUp,
  writeSection,
} from './lib.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const WARMUP = 4;
const DB = `linli_bench_profile_${process.pid}`;
const DB_URL = `${MYSQL}/${DB}`;

/** The layer of a sample: tested on the leaf first (syscalls, GC, async hooks), then on each frame from the leaf up. */
const LEAF_LAYERS = [
  [
    'socket writes (syscalls)',
    (f) => !f.url && /^(writeBuffer|writev|writeUtf8String|writeLatin1String)$/.test(f.functionName),
  ],
  ['garbage collector', (f) => f.functionName === '(garbage collector)'],
  [
    'async hooks (AsyncLocalStorage)',
    (f) =>
      /^(promise(Init|Before|After|Resolve)Hook|lookupPublicResource|_propagate|emitInitScript)$/.test(f.functionName),
  ],
];
const STACK_LAYERS = [
  ['mysql2 (+ sql-escaper)', (f) => /mysql2|sql-escaper/.test(f.url)],
  ['helmet', (f) => /helmet/.test(f.url)],
  ['TypeORM', (f) => /typeorm/.test(f.url)],
  ['Linli code (apps/server/dist)', (f) => /apps\/server\/dist\//.test(f.url)],
  ['Nest (+ rxjs, reflect-metadata)', (f) => /@nestjs|rxjs|reflect-metadata|iterare/.test(f.url)],
  ['Fastify (+ find-my-way, plugins)', (f) => /fastify|find-my-way|avvio/.test(f.url)],
  ['bare server code', (f) => /bench\/bare-server/.test(f.url)],
  ['Node core (http, streams, crypto, events)', (f) => /^node:/.test(f.url)],
];
const LAYERS = [...LEAF_LAYERS, ...STACK_LAYERS].map(([name]) => name).concat(['other (native, program)']);

/** What the table has shown when it was run (2026-12-03 and 2026-12-04), and a check made beside it. */
const READING = [
  'Reading it: on 2026-12-03 (four runs at load 5–15) Linli spent 1.8–2.8× the bare CPU per balance read; on',
  "2026-12-04 at load 2–4, after helmet's headers were worked out once (common/security-headers.ts) and the proxy-act",
  'interceptor went from every route to the @ActFor ones only, 1.48× (297 vs 201 µs). The system calls are the same:',
  '`strace -f -c` of both servers answering the same 2,000 reads counted per request 2 `write` to MariaDB, 1 `writev`',
  "of the response and 3 `read`; only Linli's response is larger (12 security headers, 985 vs 329 bytes). What is left",
  "is spread thin: Nest's router and guard chain ~34 µs, Node core around the larger response ~18, socket writes ~16,",
  "AsyncLocalStorage's promise hooks ~10 (on for the life of the process once a transaction ran, database/transaction.ts),",
  "Linli's own code ~8, Fastify's plugins ~8, the GC ~7. The 0.80 goal wants Linli at about 1.25× the bare CPU,",
  "~45 µs less per read: most of Nest's per-request chain, not the tuning of one layer.",
];

/** µs of CPU per request in each layer, over the last `seconds` of the profile. */
function layersOf(profileFile, requests, seconds) {
  const p = JSON.parse(readFileSync(profileFile, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sums = new Map(LAYERS.map((name) => [name, 0]));
  let t = p.startTime;
  const from = p.endTime - seconds * 1e6;
  p.samples.forEach((nodeId, i) => {
    t += p.timeDeltas[i];
    const leaf = byId.get(nodeId).callFrame;
    if (t < from || leaf.functionName === '(idle)') return;
    let layer = LEAF_LAYERS.find(([, test]) => test(leaf))?.[0];
    for (let id = nodeId; !layer && id !== undefined; id = parent.get(id))
      layer = STACK_LAYERS.find(([, test]) => test(byId.get(id).callFrame))?.[0];
    layer ??= 'other (native, program)';
    sums.set(layer, sums.get(layer) + p.timeDeltas[i]);
  });
  return new Map([...sums].map(([name, us]) => [name, us / requests]));
}

async function cannon(url, token, duration) {
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    headers: { authorization: `Bearer ${token}` },
  });
  if (result.non2xx || result.errors) throw new Error(`${url}: ${result.non2xx} non-2xx, ${result.errors} errors`);
  return result;
}

/** Starts one server under the profiler, loads it, stops it (the profile is written at exit) and reads the layers. */
async function profile(name, launch, token, prime = async () => {}) {
  const dir = mkdtempSync(join(os.tmpdir(), `linli-profile-${name}-`));
  const { child, base } = await launch([`--cpu-prof`, `--cpu-prof-dir=${dir}`]);
  await prime(base);
  const url = `${base}/api/v1/timebank/account`;
  await cannon(url, token, WARMUP);
  const load = os.loadavg()[0];
  const result = await cannon(url, token, DURATION);
  await stop(child);
  const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  if (!file) throw new Error(`${name}: no CPU profile written in ${dir}`);
  // The window ends when the load did; the few samples of the shutdown after it are idle.
  const layers = layersOf(join(dir, file), result.requests.total, DURATION);
  rmSync(dir, { recursive: true, force: true });
  log(`${name}: ${result.requests.total} requests, ${result.requests.average} req/s, load ${load.toFixed(2)}`);
  return { name, layers, rps: result.requests.average, requests: result.requests.total, load };
}

async function main() {
  buildServer();
  const admin = await mysql.createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  try {
    // One Linli process seeds the street and opens the measured account; each profiled server starts afresh.
    const seeder = await startLinli('seed', DB_URL, RATE_LIMITS_OFF);
    const { token } = await api(seeder.base, 'POST', '/api/v1/auth/dev-login', {
      body: { phone: '13800000001', community: 'G' },
    });
    await api(seeder.base, 'GET', '/api/v1/timebank/account', { token });
    await stop(seeder.child);

    // As in production, the process has written before it is measured: opening a notice records the read in a
    // transaction, and the first transaction turns on AsyncLocalStorage's promise hooks for the rest of its life.
    const openANotice = async (base) => {
      const feed = await api(base, 'GET', '/api/v1/notices', { token });
      await api(base, 'GET', `/api/v1/notices/${feed.items[0].id}`, { token });
    };
    const linli = await profile(
      'Linli',
      (nodeArgs) => startLinli('linli', DB_URL, RATE_LIMITS_OFF, nodeArgs),
      token,
      openANotice,
    );
    const bare = await profile(
      'bare',
      async (nodeArgs) => {
        const port = await freePort();
        const child = start('bare', [...nodeArgs, join(benchDir, 'bare-server.mjs')], {
          DATABASE_URL: DB_URL,
          PORT: String(port),
        });
        const base = `http://127.0.0.1:${port}`;
        await waitUntilUp(child, `${base}/api/v1/timebank/account`, 30);
        return { child, base };
      },
      token,
    );

    const total = (r) => [...r.layers.values()].reduce((a, b) => a + b, 0);
    const us = (x) => (x < 0.5 ? '0' : x.toFixed(0));
    const rows = LAYERS.map((name) => {
      const [a, b] = [linli.layers.get(name), bare.layers.get(name)];
      return { name, a, b };
    }).sort((x, y) => y.a - y.b - (x.a - x.b));
    const lines = [
      '## Where a balance read spends its CPU (issue 18)',
      '',
      'Written by `node bench/read-profile.mjs`: Linli and the bare server each under `node --cpu-prof`, one at a time on',
      'the same fresh database, autocannon asking for the balance; the CPU samples of the measured window only, each given',
      'to one layer (a leaf in a syscall, the GC or the async hooks; else the first package on its stack from the leaf up).',
      'Linli has opened one notice (a transaction) before it is measured, as a running server has.',
      '',
      ...environmentLines([
        `- Load: ${CONNECTIONS} connections, ${WARMUP} s warm-up then ${DURATION} s measured per server; load average at the start ${linli.load.toFixed(2)} (Linli), ${bare.load.toFixed(2)} (bare)`,
      ]),
      '',
      `| layer | Linli µs/request | bare µs/request | Linli − bare |`,
      '|---|---:|---:|---:|',
      ...rows.map(({ name, a, b }) => `| ${name} | ${us(a)} | ${us(b)} | ${us(a - b)} |`),
      `| **all CPU** | **${us(total(linli))}** | **${us(total(bare))}** | **${us(total(linli) - total(bare))}** |`,
      '',
      `req/s during the profiled window: Linli ${linli.rps.toFixed(0)}, bare ${bare.rps.toFixed(0)} (one run each, not`,
      'interleaved: `read-ratio.mjs` is the ratio to trust; this says where the difference goes).',
      '',
      ...READING,
    ];
    writeSection('10-read-profile.md', lines);
    for (const line of lines.slice(-rows.length - 5)) log(line);
  } finally {
    await stopAll();
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await admin.end();
  }
}

runMain(main);
