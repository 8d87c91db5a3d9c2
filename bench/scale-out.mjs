// Issue 7, item 5: scale-out. Two Linli processes on one MariaDB database, hit alternately (autocannon gives connection i
// the URL i mod 2, as a round-robin proxy would spread connections), against one process taking all connections:
// read throughput of the resident notice feed, interleaved rounds, medians, `ratio two/one`. Then the three races of
// races.mjs run across both processes at once, and their outcomes are checked exactly as there.
//
//   node bench/scale-out.mjs [--skip-build]
//   env: BENCH_ROUNDS (3), BENCH_DURATION (8 s), BENCH_CONNECTIONS (50), BENCH_SCALE_TRANSFERS (2000), BENCH_WARMUP_REQUESTS (3000),
//        BENCH_MYSQL, BENCH_WRITE_RESULTS=0 to leave bench/results/ alone.
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import {
  api,
  buildServer,
  cpuMs,
  environmentLines,
  log,
  median,
  MYSQL,
  RATE_LIMITS_OFF,
  startLinli,
  writeSection,
  runMain,
  tearDown,
} from './lib.mjs';
import { raceContext, report, scanCrowd, slotRace, transferStorm } from './races.mjs';

const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const DURATION = Number(process.env.BENCH_DURATION ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const TRANSFERS = Number(process.env.BENCH_SCALE_TRANSFERS ?? 2000);
const WARMUP_REQUESTS = Number(process.env.BENCH_WARMUP_REQUESTS ?? 3000);
const DB = `linli_bench_scale_${process.pid}`;
const DB_URL = `${MYSQL}/${DB}`;
const loadAverage = () => {
  try {
    return Number(readFileSync('/proc/loadavg', 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
};

async function read(urls, token, duration, pids) {
  const before = pids.map(cpuMs);
  const load0 = loadAverage();
  const result = await autocannon({
    url: urls,
    connections: CONNECTIONS,
    duration,
    pipelining: 1,
    headers: { authorization: `Bearer ${token}` },
  });
  const after = pids.map(cpuMs);
  const total = result.requests.total;
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    cpu: pids.map((_, i) =>
      before[i] === null || after[i] === null || !total ? null : (after[i] - before[i]) / (duration * 1000),
    ),
    load: load0,
  };
}

async function main() {
  buildServer();
  const admin = await mysql.createConnection(MYSQL);
  const mariadb = (await admin.query('SELECT VERSION() AS v'))[0][0].v;
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  log(`database ${DB} created`);
  const conn = await mysql.createConnection({ uri: DB_URL, timezone: 'Z' });
  let ok;
  try {
    const a = await startLinli('linli A', DB_URL, RATE_LIMITS_OFF);
    // The second process starts on the migrated, seeded database: its migrations and demo seed find nothing to do.
    const b = await startLinli('linli B', DB_URL, RATE_LIMITS_OFF);
    log(`linli A up on ${a.base}, linli B on ${b.base} (same database)`);

    const resident = await api(a.base, 'POST', '/api/v1/auth/dev-login', {
      body: { phone: '13800000001', community: 'G' },
    });
    const feed = `/api/v1/notices`;
    const viaB = await api(b.base, 'GET', feed, { token: resident.token });
    const viaA = await api(a.base, 'GET', feed, { token: resident.token });
    if (JSON.stringify(viaA) !== JSON.stringify(viaB)) throw new Error('the two processes answer the feed differently');
    log(`both processes answer the feed alike (${viaA.items.length} notices; the session made on A is honoured by B)`);

    const targets = {
      'one process': { urls: [`${a.base}${feed}`], pids: [a.child.pid] },
      'two processes': { urls: [`${a.base}${feed}`, `${b.base}${feed}`], pids: [a.child.pid, b.child.pid] },
    };
    // Warm-up by count, each process alone: on a starved machine a few seconds leave a process half-compiled (V8 optimises hot
    // code after enough calls), and a second process warmed less than the first reads as "scale-out makes it slower".
    for (const [name, { base, child }] of [
      ['A', a],
      ['B', b],
    ]) {
      const t0 = Date.now();
      const cpu0 = cpuMs(child.pid);
      const warm = await autocannon({
        url: `${base}${feed}`,
        connections: CONNECTIONS,
        amount: WARMUP_REQUESTS,
        headers: { authorization: `Bearer ${resident.token}` },
      });
      log(
        `warm-up of ${name}: ${warm.requests.total} requests in ${((Date.now() - t0) / 1000).toFixed(1)} s, ${((cpuMs(child.pid) - cpu0) / warm.requests.total).toFixed(2)} ms CPU/request`,
      );
    }
    const rows = [];
    for (let round = 1; round <= ROUNDS; round++) {
      for (const name of round % 2 ? ['one process', 'two processes'] : ['two processes', 'one process']) {
        const r = await read(targets[name].urls, resident.token, DURATION, targets[name].pids);
        rows.push({ round, target: name, ...r });
        log(
          `round ${round} ${name}: ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, server CPU ${r.cpu.map((c) => (c === null ? 'n/a' : `${(c * 100).toFixed(0)}%`)).join(' + ')} of a core, load average ${r.load}${r.non2xx || r.errors ? `, non-2xx ${r.non2xx}, errors ${r.errors}` : ''}`,
        );
      }
    }
    const med = Object.fromEntries(
      Object.keys(targets).map((name) => {
        const mine = rows.filter((r) => r.target === name);
        return [
          name,
          {
            rps: median(mine.map((r) => r.rps)),
            p50: median(mine.map((r) => r.p50)),
            p99: median(mine.map((r) => r.p99)),
          },
        ];
      }),
    );
    const ratio = med['two processes'].rps / med['one process'].rps;
    for (const [name, m] of Object.entries(med))
      log(`median ${name}: ${m.rps.toFixed(0)} req/s, p50 ${m.p50} ms, p99 ${m.p99} ms`);
    log(`ratio two/one = ${ratio.toFixed(2)}`);
    const readErrors = rows.reduce((s, r) => s + r.non2xx + r.errors, 0);

    // The races, across both processes: alternate connections (and alternate scans) go to A and B.
    const ctx = { ...(await raceContext(conn, a.base)), pids: [a.child.pid, b.child.pid] };
    const urls = [a.base, b.base];
    const races = [
      await slotRace(ctx, urls, { phonePrefix: '17111' }),
      await scanCrowd(ctx, urls, { phonePrefix: '17211' }),
      await transferStorm(ctx, urls, {
        transfers: TRANSFERS,
        retries: Math.round(TRANSFERS / 20),
        phonePrefix: '17311',
      }),
    ];
    log('');
    const result = report(races);
    ok = result.ok && readErrors === 0;

    const fmt = (x) => x.toFixed(0);
    const cores = (r) => r.cpu.map((c) => (c === null ? 'n/a' : c.toFixed(2))).join(' + ');
    writeSection('5-scale-out.md', [
      '## 5. Scale-out',
      '',
      'Written by `node bench/scale-out.mjs`.',
      '',
      ...environmentLines([
        `- MariaDB ${mariadb}; two Linli processes (production build, rate limits set to 1,000,000/min) on one database`,
      ]),
      `- Read load: \`GET /api/v1/notices\` (first page of the demo feed) as resident 13800000001, autocannon at ${CONNECTIONS} connections, ${ROUNDS} interleaved`,
      `  rounds of ${DURATION} s per configuration (after a warm-up of ${WARMUP_REQUESTS} requests on each process alone), medians across rounds. "One process": all connections to A.`,
      '  "Two processes": autocannon gives connection i the URL i mod 2, so A and B get alternate connections, as a round-robin',
      '  proxy spreads them (no proxy process: on 2 shared cores it would take CPU from the servers it is meant to measure).',
      '- Server CPU = cores each Linli process kept busy during the run (from /proc); load average = /proc/loadavg at the start of the run.',
      '',
      '| round | configuration | req/s | p50 ms | p99 ms | server CPU (cores) | load average | non-2xx | errors |',
      '|---|---|---:|---:|---:|---:|---:|---:|---:|',
      ...rows.map(
        (r) =>
          `| ${r.round} | ${r.target} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${cores(r)} | ${r.load ?? 'n/a'} | ${r.non2xx} | ${r.errors} |`,
      ),
      '',
      '| configuration | median req/s | median p50 ms | median p99 ms |',
      '|---|---:|---:|---:|',
      ...Object.entries(med).map(([name, m]) => `| ${name} | ${fmt(m.rps)} | ${m.p50} | ${m.p99} |`),
      '',
      '```',
      `ratio two/one = ${ratio.toFixed(2)}`,
      '```',
      '',
      "This machine has 2 cores shared by autocannon, MariaDB, both servers and other people's work, so a second process can only",
      'use CPU the first one left idle: the ratio says how much of that there was, not what a second machine would add.',
      '',
      '### Races across both processes',
      '',
      `Same races as section 3 (transfers: ${TRANSFERS} + ${Math.round(TRANSFERS / 20)} same-key retries), alternate connections and scans going to A and B; sessions,`,
      'idempotency keys, slot rows and balances live in the database, so the outcomes must be exactly as with one process.',
      '',
      ...result.lines,
      '',
      ok ? 'All race outcomes exact across two processes.' : '**Some outcomes were NOT exact (see above).**',
      '',
    ]);
  } finally {
    await tearDown(DB, admin, conn);
  }
  if (!ok) throw new Error('a read failed or a race outcome was not exact');
}

runMain(main);
