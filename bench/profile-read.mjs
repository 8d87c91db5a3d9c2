// Issue 18: where one hot read of the scale data spends its server CPU, and which statements it sends.
//   node bench/profile-read.mjs "<read>" [--sql] [--keep] [--bare]   reads: the names of scale-reads.mjs, e.g. "room availability"
//   env: PROFILE_DB (reuse a database that --keep left), BENCH_CONNECTIONS (10), BENCH_DURATION (10 s)
// Seeds the scale data (bench/seed.mjs, ~30 s) into a MariaDB database of its own, starts the built server
// (apps/server/dist, not rebuilt) under `node --cpu-prof` with the statement counter, asks for the read after a 3 s
// warm-up and prints req/s, p50/p99, statements per request and the CPU µs per request of the measured window by
// package and by function. --sql prints the statements of one request instead (the counter's log costs CPU itself).
// --keep leaves the database for the next run (its name is printed); otherwise it is dropped. --bare profiles
// bench/bare-server.mjs instead, for the reads it serves ("feed", "balance"): the same SQL without the framework.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import {
  api,
  benchDir,
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
} from './lib.mjs';
import { SCALE_READS } from './scale-reads.mjs';
import { seed, sessionRow } from './seed.mjs';
import { statementCounter } from './statements.mjs';

const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const SECRET = 'bench-scale-secret-0123456789abcdef';

/** The seed's facts are kept in the database itself, so that a kept database can be profiled again. */
async function prepareDatabase(admin, name) {
  const url = `${MYSQL}/${name}`;
  const [[known]] = await admin.query('SELECT COUNT(*) AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
    name,
  ]);
  if (known.n) {
    const [[row]] = await admin.query(`SELECT facts FROM \`${name}\`.bench_profile_facts`);
    return { url, facts: JSON.parse(row.facts) };
  }
  await admin.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const facts = await seed(url, 1, log);
  await admin.query(`CREATE TABLE \`${name}\`.bench_profile_facts (facts LONGTEXT NOT NULL)`);
  await admin.query(`INSERT INTO \`${name}\`.bench_profile_facts VALUES (?)`, [JSON.stringify(facts)]);
  return { url, facts };
}

/** µs per request by package and by function, over the last `seconds` of the profile (the measured window). */
function cpuOf(profileFile, requests, seconds) {
  const p = JSON.parse(readFileSync(profileFile, 'utf8'));
  const byId = new Map(p.nodes.map((n) => [n.id, n]));
  const byPackage = new Map();
  const byFunction = new Map();
  let elapsed = 0;
  for (let i = p.samples.length - 1; i >= 0 && elapsed < seconds * 1e6; i--) {
    elapsed += p.timeDeltas[i];
    const { functionName, url, lineNumber } = byId.get(p.samples[i]).callFrame;
    const pkg =
      url.match(/\.pnpm\/((?:@[^+]+\+)?[^@/]+)/)?.[1] ??
      (url.includes('apps/server/dist') ? 'Linli' : url.startsWith('node:') ? 'Node core' : functionName || 'other');
    const where = url
      .replace(/.*node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?/, '')
      .replace(/.*apps\/server\/dist\//, '');
    const fn = `${functionName || '(anonymous)'} ${where}${url ? `:${lineNumber + 1}` : ''}`;
    byPackage.set(pkg, (byPackage.get(pkg) ?? 0) + p.timeDeltas[i]);
    byFunction.set(fn, (byFunction.get(fn) ?? 0) + p.timeDeltas[i]);
  }
  const per = (map) => [...map].map(([k, us]) => [k, us / requests]).sort((a, b) => b[1] - a[1]);
  return { byPackage: per(byPackage), byFunction: per(byFunction) };
}

async function main() {
  const read = process.argv[2];
  const target = SCALE_READS.find(([name]) => name === read);
  if (!target) throw new Error(`name one of: ${SCALE_READS.map(([n]) => `"${n}"`).join(', ')}`);
  const showSql = process.argv.includes('--sql');
  const bare = process.argv.includes('--bare');
  const keep = process.argv.includes('--keep') || Boolean(process.env.PROFILE_DB);
  const name = process.env.PROFILE_DB ?? `linli_bench_profile_${process.pid}`;
  const admin = await mysql.createConnection(MYSQL);
  const dir = mkdtempSync(join(os.tmpdir(), 'linli-profile-read-'));
  const sqlLog = join(dir, 'statements.log');
  try {
    const { url, facts } = await prepareDatabase(admin, name);
    const resident = randomBytes(32).toString('base64url');
    await admin.query(`INSERT INTO \`${name}\`.sessions SET ?`, [sessionRow(facts.measuredResidents[0].id, resident)]);
    const counter = statementCounter('profile-read');
    const { child, base } = await startLinli(
      'linli',
      url,
      { ...RATE_LIMITS_OFF, ...counter.env, LINLI_DEMO: '0', LINLI_SECRET: SECRET },
      [...counter.nodeArgs, ...(showSql || bare ? [] : ['--cpu-prof', `--cpu-prof-dir=${dir}`])],
    );
    const staff = await api(base, 'POST', '/api/v1/auth/login', {
      body: { username: facts.communities[0].staffUsername, password: facts.password },
    });
    const { path, token } = target[1]({ seed: facts, resident, staff: staff.token });
    let measured = { child, base };
    if (bare) {
      await stop(child);
      const port = await freePort();
      measured = { base: `http://127.0.0.1:${port}` };
      measured.child = start(
        'bare',
        [...counter.nodeArgs, '--cpu-prof', `--cpu-prof-dir=${dir}`, join(benchDir, 'bare-server.mjs')],
        { ...counter.env, DATABASE_URL: url, PORT: String(port) },
      );
      await waitUntilUp(measured.child, `${measured.base}${path}`, 30);
    }
    if (showSql) {
      await stop(child);
      // Again with the counter's log on, for one request after the start-up's statements.
      const logged = await startLinli(
        'linli (logging statements)',
        url,
        { ...RATE_LIMITS_OFF, ...counter.env, LINLI_DEMO: '0', LINLI_SECRET: SECRET, BENCH_STATEMENTS_LOG: sqlLog },
        counter.nodeArgs,
      );
      const before = existsSync(sqlLog) ? readFileSync(sqlLog, 'utf8').length : 0;
      await api(logged.base, 'GET', path, { token });
      log(`${read}: GET ${path}, the statements of one request:`);
      log(readFileSync(sqlLog, 'utf8').slice(before).trimEnd());
      return;
    }
    const run = (duration) =>
      autocannon({
        url: `${measured.base}${path}`,
        connections: CONNECTIONS,
        duration,
        headers: { authorization: `Bearer ${token}` },
      });
    await run(3);
    const before = await counter.read(measured.child);
    const load = os.loadavg()[0];
    const result = await run(DURATION);
    if (result.non2xx || result.errors) throw new Error(`${path}: ${result.non2xx} non-2xx, ${result.errors} errors`);
    const statements = ((await counter.read(measured.child)) - before) / result.requests.total;
    await stop(measured.child);
    const [file] = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
    const { byPackage, byFunction } = cpuOf(join(dir, file), result.requests.total, DURATION);
    const busy = byPackage.filter(([k]) => k !== '(idle)').reduce((sum, [, us]) => sum + us, 0);
    log(
      `${bare ? 'bare ' : ''}${read}: GET ${path} at ${CONNECTIONS} connections, load ${load.toFixed(2)}: ${result.requests.average} req/s, ` +
        `p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
        `${bare ? 'statements not counted (its own mysql2)' : `${statements.toFixed(2)} statements/request`}, ` +
        `${busy.toFixed(0)} µs of server CPU/request (idle left out)`,
    );
    log('\nµs/request by package');
    for (const [k, us] of byPackage.slice(0, 14)) log(`${us.toFixed(0).padStart(7)}  ${k}`);
    log('\nµs/request by function (self time)');
    for (const [k, us] of byFunction.slice(0, 30)) log(`${us.toFixed(1).padStart(7)}  ${k.slice(0, 150)}`);
  } finally {
    await stopAll();
    rmSync(dir, { recursive: true, force: true });
    if (keep) log(`\ndatabase ${name} kept: PROFILE_DB=${name} profiles it again; DROP DATABASE to remove it`);
    else await admin.query(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.end();
  }
}

runMain(main);
