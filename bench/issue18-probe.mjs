// Issue 18, the two findings left open by bench/scale.mjs, measured alone: the notice stats for 10,000 households and
// the staff requests queue, on a database bench/seed.mjs has seeded (the server migrates it at start). Sequential
// requests on one connection, so each one's wall time is the server's own; the server's CPU per request from /proc.
//
//   node bench/issue18-probe.mjs <mysql://root@127.0.0.1:3306/db | /path/scale.sqlite> [requests=40]
import os from 'node:os';
import { api, cpuMs, log, median, percentile, startLinli, stopAll } from './lib.mjs';
import { BENCH_PASSWORD } from './seed.mjs';

const [target, count = '40'] = process.argv.slice(2);
if (!target) throw new Error('usage: node bench/issue18-probe.mjs <database url> [requests]');
const N = Number(count);
const url = /^mysql:\/\//.test(target) ? target : `sqlite:${target.replace(/^sqlite:/, '')}`;
const STATS_NOTICE = 99981; // bench/seed.mjs: the notice to all 10,000 households of community 1

async function timed(base, path, token) {
  const started = performance.now();
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await response.text();
  if (!response.ok) throw new Error(`GET ${path} → ${response.status} ${text.slice(0, 200)}`);
  return { ms: performance.now() - started, bytes: Buffer.byteLength(text), body: JSON.parse(text) };
}

async function measure(linli, token, name, path) {
  for (let i = 0; i < 5; i++) await timed(linli.base, path, token);
  const before = cpuMs(linli.child.pid);
  const times = [];
  let bytes = 0;
  for (let i = 0; i < N; i++) {
    const r = await timed(linli.base, path, token);
    times.push(r.ms);
    bytes = r.bytes;
  }
  const cpu = (cpuMs(linli.child.pid) - before) / N;
  return { name, p50: median(times), p90: percentile(times, 90), cpu, bytes, load: os.loadavg()[0] };
}

try {
  const linli = await startLinli('linli', url, {
    LINLI_DEMO: '0',
    LINLI_SECRET: 'bench-scale-secret-0123456789abcdef',
  });
  const { token } = await api(linli.base, 'POST', '/api/v1/auth/login', {
    body: { username: 'bench.staff1', password: BENCH_PASSWORD },
  });
  const stats = await timed(linli.base, `/api/v1/notices/${STATS_NOTICE}/stats`, token);
  const queue = await timed(linli.base, '/api/v1/requests', token);
  const paths = [
    ['notice stats (10,000 households)', `/api/v1/notices/${STATS_NOTICE}/stats`],
    ['requests queue (staff)', '/api/v1/requests'],
    ['requests queue, page 2', `/api/v1/requests?cursor=${queue.body.nextCursor}`],
  ];
  const nextFollowUp = stats.body.followUp?.nextCursor;
  if (nextFollowUp)
    paths.push(['follow-up list, page 2', `/api/v1/notices/${STATS_NOTICE}/stats/follow-up?cursor=${nextFollowUp}`]);
  // Deep in the queue: past the open requests, into the rest (page 40 × 20 = 800th request).
  let cursor = queue.body.nextCursor;
  for (let page = 2; page < 40 && cursor; page++)
    cursor = (await timed(linli.base, `/api/v1/requests?cursor=${cursor}`, token)).body.nextCursor;
  if (cursor) paths.push(['requests queue, page 40', `/api/v1/requests?cursor=${cursor}`]);
  const rows = [];
  for (const [name, path] of paths) rows.push(await measure(linli, token, name, path));
  log(`| request | p50 ms | p90 ms | server CPU ms/request | answer bytes | load |`);
  log(`|---|---:|---:|---:|---:|---:|`);
  for (const r of rows)
    log(
      `| ${r.name} | ${r.p50.toFixed(1)} | ${r.p90.toFixed(1)} | ${r.cpu.toFixed(1)} | ${r.bytes} | ${r.load.toFixed(2)} |`,
    );
} finally {
  await stopAll();
}
