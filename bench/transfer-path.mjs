// The transfer path (issue 12): statements one transfer sends to MariaDB, and the transfer storm's p99 at 50 connections.
//   node bench/transfer-path.mjs [--skip-build]
//   BENCH_BASELINE_ROOT=/path/to/other/checkout node bench/transfer-path.mjs   also runs that checkout's built server
//     (its apps/server/dist, built beforehand) in alternating rounds, so both are measured side by side in one run.
// Statements are counted inside the process (bench/count-statements.cjs of the same checkout, so it patches the mysql2
// that server loads): exact whatever the machine's load. The latencies are not: the load average is printed with them.
import { join } from 'node:path';
import mysql from 'mysql2/promise';
import {
  api,
  buildServer,
  environmentLines,
  log,
  median,
  MYSQL,
  RATE_LIMITS_OFF,
  repoRoot,
  runMain,
  startLinli,
  stopAll,
  writeSection,
} from './lib.mjs';
import { seedResidents } from './load-seed.mjs';
import { loadAverage, raceContext, transferStorm } from './races.mjs';
import { statementCounter } from './statements.mjs';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const TRANSFERS = Number(process.env.BENCH_TRANSFERS ?? 3000);
const SINGLE = 20;

const targets = [{ name: 'this tree', root: repoRoot }];
if (process.env.BENCH_BASELINE_ROOT) targets.unshift({ name: 'baseline', root: process.env.BENCH_BASELINE_ROOT });

/** Statements per successful transfer, sent one at a time (no refusals or retries mixed in). */
async function statementsPerTransfer(ctx, counter, child, round) {
  const [a, b] = await seedResidents(ctx.conn, ctx.community, {
    count: 2,
    phonePrefix: `1720${round}`,
    balance: 600,
    label: '单笔转账',
  });
  const before = await counter.read(child);
  for (let i = 0; i < SINGLE; i++) {
    await fetch(`${ctx.base}/api/v1/timebank/transfers`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${a.token}`,
        'idempotency-key': `single-${round}-${i}`,
        'content-type': 'application/json',
      },
      body: JSON.stringify({ toUserId: b.id, minutes: 5, memo: '单笔' }),
    }).then(async (r) => {
      if (r.status !== 201) throw new Error(`single transfer answered ${r.status}: ${await r.text()}`);
    });
  }
  return ((await counter.read(child)) - before) / SINGLE;
}

async function measure(target, round, admin) {
  const database = `linli_bench_transfer_${process.pid}_${round}_${target.name.replace(/\W/g, '')}`;
  await admin.query(`CREATE DATABASE \`${database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const conn = await mysql.createConnection({ uri: `${MYSQL}/${database}`, timezone: 'Z' });
  try {
    const counter = statementCounter(`transfer-${round}`);
    const { base, child } = await startLinli(
      target.name,
      `${MYSQL}/${database}`,
      { ...RATE_LIMITS_OFF, ...counter.env },
      ['--require', join(target.root, 'bench/count-statements.cjs')],
      join(target.root, 'apps/server/dist/main.js'),
    );
    const ctx = { ...(await raceContext(conn, base)), pids: [child.pid], child, counter };
    const statements = await statementsPerTransfer(ctx, counter, child, round);
    const load = loadAverage();
    const storm = await transferStorm(ctx, [base], {
      transfers: TRANSFERS,
      retries: Math.round(TRANSFERS / 20),
      connections: 50,
      phonePrefix: `1730${round}`,
    });
    const failed = storm.checks.filter((c) => !c.ok);
    if (failed.length) throw new Error(`${target.name}: ${failed.map((c) => `${c.name}: ${c.detail}`).join('; ')}`);
    const audit = await api(base, 'GET', '/api/v1/timebank/audit', { token: ctx.staff });
    log(`${target.name}, round ${round}: ${statements} statements/transfer; ${storm.line}`);
    return { statements, p99: storm.p99, p50: storm.p50, rps: storm.rps, load, auditOk: audit.ok };
  } finally {
    await stopAll();
    await conn.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${database}\``);
  }
}

async function main() {
  buildServer();
  const admin = await mysql.createConnection(MYSQL);
  const results = new Map(targets.map((t) => [t.name, []]));
  try {
    for (let round = 1; round <= ROUNDS; round++)
      for (const target of targets) results.get(target.name).push(await measure(target, round, admin));
  } finally {
    await admin.end();
  }
  const rows = targets.map((t) => {
    const runs = results.get(t.name);
    return `| ${t.name} | ${median(runs.map((r) => r.statements)).toFixed(1)} | ${median(runs.map((r) => r.rps)).toFixed(0)} | ${median(runs.map((r) => r.p50))} | ${median(runs.map((r) => r.p99))} | ${runs.map((r) => r.load).join(', ')} |`;
  });
  const lines = [
    '## The transfer path',
    '',
    'Written by `node bench/transfer-path.mjs` (`BENCH_BASELINE_ROOT` = a checkout of the code before, built, measured in',
    'alternating rounds in the same run).',
    '',
    ...environmentLines([`- ${ROUNDS} rounds per target; each a fresh database with the demo street`]),
    `- statements/transfer: ${SINGLE} successful transfers sent one at a time, counted in the Linli process (session lookup,`,
    '  BEGIN and COMMIT included). Storm: the transfer storm of races.mjs with ' +
      `${TRANSFERS} transfers + ${Math.round(TRANSFERS / 20)} same-key retries among 1000 accounts at 50 connections, every check exact.`,
    '',
    '| target | statements/transfer | median req/s | median p50 ms | median p99 ms | load average at each round |',
    '|---|---|---|---|---|---|',
    ...rows,
    '',
  ];
  writeSection('7-transfer-path.md', lines);
  log(lines.join('\n'));
}

runMain(main);
