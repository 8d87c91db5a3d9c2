// Issue 7, item 1: "the limit for reads". Linli's production build against a bare Fastify + mysql2 server
// running the same SQL (bare-server.mjs), on one fresh MariaDB database, for the resident notice feed
// (first page) and the time-bank balance. Interleaved rounds, medians, and `ratio … = linli / bare`. Issue 18 adds a
// third target, the bare server answering one primary-key read (no session lookup): the limit of one round trip.
//
//   node bench/read-ratio.mjs [--skip-build]
//   env: BENCH_ROUNDS (3), BENCH_DURATION (10 s), BENCH_CONNECTIONS (50), BENCH_NOTICES (200),
//        BENCH_MYSQL (mysql://root@127.0.0.1:3306), BENCH_WRITE_RESULTS=0 to leave bench/results/ alone.
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import {
  api,
  benchDir,
  buildServer,
  repoRoot,
  cpuMs,
  DEMO_PASSWORD,
  environmentLines,
  freePort,
  log,
  mariadbPid,
  median,
  ms,
  MYSQL,
  questions,
  start,
  startLinli,
  waitUntilUp,
  writeSection,
  runMain,
  tearDown,
} from './lib.mjs';
import { SQL_ACCOUNT, SQL_FEED, SQL_SESSION } from './bare-server.mjs';

const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);
const NOTICES = Number(process.env.BENCH_NOTICES ?? 200);
const WARMUP = 3;
const DB = `linli_bench_${process.pid}`;
const DB_URL = `${MYSQL}/${DB}`;
const TARGET = 0.8;

/** NOTICES published notices from staff.g in community G, as a community worker makes them; the resident opens some. */
async function seedNotices(base) {
  const staff = await api(base, 'POST', '/api/v1/auth/login', {
    body: { username: 'staff.g', password: DEMO_PASSWORD },
  });
  const categories = ['announcement', 'activity', 'policy', 'safety', 'service'];
  for (let i = 1; i <= NOTICES; i++) {
    const notice = await api(base, 'POST', '/api/v1/notices', {
      token: staff.token,
      body: {
        title: `第${i}期社区通知：楼道清洁与公共设施检查安排`,
        body: `各位居民：\n\n本周将对${(i % 6) + 1}栋楼道进行清洁，并检查消防通道、电梯与照明。请勿在楼道堆放杂物。\n\n- 时间：上午 9:00—11:30\n- 联系：网格员\n\n感谢配合！（编号 ${i}）`,
        category: categories[i % categories.length],
        requiresAck: i % 25 === 0,
        // Every 8th notice goes to other buildings only, so the feed's EXISTS branch has work to do.
        ...(i % 8 === 0 ? { audienceBuildingIds: [2, 3] } : {}),
      },
    });
    await api(base, 'POST', `/api/v1/notices/${notice.id}/publish`, { token: staff.token });
  }
}

async function runCannon(admin, url, token, duration, serverPid, dbPid) {
  const load = os.loadavg()[0];
  const q0 = await questions(admin);
  const before = [cpuMs(serverPid), dbPid ? cpuMs(dbPid) : null];
  const result = await autocannon({
    url,
    connections: CONNECTIONS,
    duration,
    pipelining: 1,
    headers: { authorization: `Bearer ${token}` },
  });
  const after = [cpuMs(serverPid), dbPid ? cpuMs(dbPid) : null];
  const q1 = await questions(admin);
  const perRequest = (i) =>
    before[i] === null || after[i] === null || !result.requests.total
      ? null
      : (after[i] - before[i]) / result.requests.total;
  return {
    statements: result.requests.total ? (q1 - q0 - 2) / result.requests.total : null,
    serverCpu: perRequest(0),
    dbCpu: perRequest(1),
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    total: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
    load,
  };
}

/** The numbers of bench/results/1-read-ratio.md before issue 7's "Then act on it" (TypeORM on the hot reads). */
const BEFORE = {
  what: 'commit 2e31f33, 2026-11-28T15:16Z, same script and machine',
  ratioFeed: 0.44,
  ratioBalance: 0.33,
  targets: {
    'linli feed': { rps: 395, serverCpu: 2.261 },
    'bare feed': { rps: 906, serverCpu: 0.828 },
    'linli balance': { rps: 1009, serverCpu: 0.918 },
    'bare balance': { rps: 3016, serverCpu: 0.267 },
  },
};

/** What `node --cpu-prof` of Linli under this load showed, and what was changed (issue 7, "Then act on it"). */
const WHAT_CHANGED = [
  'Profiled: `node --cpu-prof` on `apps/server/dist/main.js` while autocannon ran each read (50 connections, 10 s), samples',
  'of the measured window only, grouped by where the time was spent. Before the change (TypeORM on the hot reads), of the',
  "Linli process's CPU: TypeORM 23 % (feed) and 18 % (balance) — query building (`getQuery`, `replacePropertyNamesForTheWholeQuery`,",
  '`buildEscapedEntityColumnSelects`), find options compiled per call, entity hydration (`transformColumns`) — plus its per-query',
  'runner (pool `getConnection`/release, `promise()` wrapper with a stack capture, broadcaster); the per-request logger middleware',
  "(pino-http child logger + nestjs-pino's AsyncLocalStorage, whose promise hooks then run for every promise) 4–5 %; class-transformer",
  "and class-validator on the feed's empty query 2 %; Nest itself 4 %, Fastify with helmet 3–5 %. The largest single item, socket",
  'writes (28–36 %, the syscalls sending each statement to MariaDB and the response), is the same work in both servers.',
  '',
  'Changed, with identical responses (checked above) and every statement still read afresh (no cache, so a revoked or expired',
  'session ends at once in every process):',
  '',
  '- **Hot reads as constant SQL** (`RawReads`, apps/server/src/database/raw-reads.ts): the session lookup (`SESSION_USER_SQL`),',
  '  the feed (`feedQuery`: one statement per filter combination) and its reads (`readsQuery`), and the balance',
  "  (`ACCOUNT_BY_OWNER_SQL`) go straight to the mysql2 pool TypeORM opened (callback API), rows hydrated by TypeORM's own",
  "  value preparation (`RawReads.hydrate`, column lists from the entities); on SQLite through TypeORM's serialized runner. The reads and the balance",
  '  select only the columns the response shows. `bare-server.mjs` sends the same strings (checked by this script) through the same',
  '  callback API, so it stays the lean reference.',
  '- **No request-logger middleware above `info`** (`writesRequestLogs`): at `LOG_LEVEL=warn` nothing per request was ever written,',
  '  yet each request built a child logger and an AsyncLocalStorage context. Warnings and errors still go to the same pino logger.',
  '- **Global pipe skips an empty query string** (`AppValidationPipe`): once a DTO is known to accept no parameters, a request',
  '  without any gets a fresh DTO instead of class-transformer + class-validator; any parameter still goes through the full pipe.',
  '',
  "After the change the Linli process's profile of the feed is socket writes ~50 %, GC 11 %, Node core 9 %, mysql2 8 %,",
  "Fastify + helmet 5 %, Nest 4 %, app code 4 %, validation 0–2 %, TypeORM 0 % — close to the bare server's (socket writes 57 %,",
  "mysql2 13 %, GC 11 %, Node core 8 %). In the balance's profile what Linli still does on top of bare is helmet's 11 headers",
  "(~3 % of its CPU) and Nest's router, guard and pipe chain (~3–4 %); under the load of other work on this machine the req/s",
  'ratio of a single run swings far more than that (compare the rounds), so the CPU per request above is the figure to trust.',
];

/**
 * Issue 18, before: this script (with the primary-key target) on the code before the issue's changes (commit cd04dac,
 * bench/results/issue-18/before-read-ratio.log): feed = session lookup + feed query (with an EXISTS on notice_buildings)
 * + the reads of the 20 shown.
 */
const BEFORE_18 = {
  what: 'commit cd04dac, 2026-12-02T05:32Z, same script and machine, load average 14–21 during the runs',
  load: 17.48,
  ratios: {
    feed: 0.87,
    balance: 0.59,
    feedPk: 0.14,
    balancePk: 0.32,
    bareFeedPk: 0.16,
    feedDbCpu: 2.12,
  },
  med: {
    'linli feed': { rps: 299, p99: 476, dbCpu: 0.838, statements: 3.32 },
    'bare feed': { rps: 343, p99: 275, dbCpu: 0.767, statements: 3.2 },
    'linli balance': { rps: 677, p99: 335, dbCpu: 0.396, statements: 2.22 },
    'bare balance': { rps: 1156, p99: 150, dbCpu: 0.312, statements: 2.06 },
    'bare pk read': { rps: 2128, p99: 80, dbCpu: 0.104, statements: 1.02 },
  },
};

function issue18Lines(med, ratios) {
  if (!BEFORE_18) return [];
  const b = BEFORE_18;
  const row = (label, before, after, digits = 2) =>
    `| ${label} | ${before === null || before === undefined ? 'n/a' : before.toFixed(digits)} | ${after === null ? 'n/a' : after.toFixed(digits)} |`;
  return [
    `### Issue 18: before and after`,
    '',
    `Before: ${b.what}. After: this run. Load averages are the medians of the runs' 1-minute load averages.`,
    '',
    '| | before | after |',
    '|---|---:|---:|',
    row('load average (median of runs)', b.load, median(Object.values(med).map((m) => m.load))),
    row('ratio feed (linli / bare, same SQL)', b.ratios.feed, ratios.feed),
    row('ratio balance (linli / bare, same SQL)', b.ratios.balance, ratios.balance),
    row('ratio feed / pk read', b.ratios.feedPk, ratios.feedPk),
    row('ratio balance / pk read', b.ratios.balancePk, ratios.balancePk),
    row('bare feed / pk read', b.ratios.bareFeedPk, ratios.bareFeedPk),
    ...Object.keys(b.med).flatMap((t) => [
      row(`${t}: median req/s`, b.med[t].rps, med[t].rps, 0),
      row(`${t}: median p99 ms`, b.med[t].p99, med[t].p99, 0),
      row(`${t}: median MariaDB CPU ms/req`, b.med[t].dbCpu, med[t].dbCpu, 3),
      row(`${t}: median statements/req`, b.med[t].statements, med[t].statements),
    ]),
    row('MariaDB CPU, linli feed / linli balance', b.ratios.feedDbCpu, ratios.feedDbCpu),
    '',
  ];
}

function explain(name, ratio) {
  if (ratio >= TARGET) return `**${name}: target ≥ ${TARGET.toFixed(2)} met** (${ratio.toFixed(2)}).`;
  return `**${name}: target ≥ ${TARGET.toFixed(2)} missed** (${ratio.toFixed(2)}).`;
}

/** Measured: CPU per request in each server process and in MariaDB, Linli against bare. */
function cpuLines(med) {
  const lines = [];
  for (const what of ['feed', 'balance']) {
    const l = med[`linli ${what}`];
    const b = med[`bare ${what}`];
    if (l.serverCpu === null || b.serverCpu === null) continue;
    const busy = (m) => ((m.serverCpu * m.rps) / 1000).toFixed(2);
    let line =
      `- Measured, ${what}: the Linli process used ${ms(l.serverCpu)} ms of CPU per request, the bare one ${ms(b.serverCpu)} ms` +
      ` (${(l.serverCpu / b.serverCpu).toFixed(1)}×; at their median rates that keeps ${busy(l)} and ${busy(b)} of a core busy)`;
    line += `; MariaDB received ${l.statements.toFixed(2)} statements per Linli request and ${b.statements.toFixed(2)} per bare request`;
    if (l.dbCpu !== null && b.dbCpu !== null)
      line += ` and used ${ms(l.dbCpu)} ms and ${ms(b.dbCpu)} ms of CPU for them`;
    lines.push(`${line}.`);
  }
  if (lines.length) {
    const sameStatements = ['feed', 'balance'].every(
      (w) => Math.abs(med[`linli ${w}`].statements - med[`bare ${w}`].statements) < 0.1,
    );
    lines.push(
      '',
      'Node runs JavaScript on one thread, so a server process keeping most of a core busy is at its limit (2 cores are shared',
      "here by autocannon, the server and MariaDB, and on this machine by other people's work). A server that keeps less than a core",
      'busy is waiting for the rest of the machine, so its req/s then follows the load around it more than its own CPU per request.',
      ...(sameStatements
        ? [
            "MariaDB's CPU per request also differs between the two; with the same statements that is not extra SQL work,",
            'and this benchmark does not say why (lower request rates batch less per wake-up; other clients share the server).',
          ]
        : [
            'The statement counts per request differ by 0.1 or more: the SQL strings were checked identical before measuring, and',
            "`Questions` counts every client of this shared MariaDB, so the run with fewer requests absorbs more of other clients'",
            'statements (and MariaDB CPU) per request.',
          ]),
      '',
    );
  }
  return lines;
}

function writeResults({ rows, med, ratios, env }) {
  const fmt = (x) => x.toFixed(0);
  const lines = [
    '## 1. The limit for reads',
    '',
    'Written by `node bench/read-ratio.mjs`.',
    '',
    ...environmentLines([`- ${env.mariadb}`]),
    `- Load: ${CONNECTIONS} connections, ${ROUNDS} interleaved rounds of ${DURATION} s per target (after a ${WARMUP} s warm-up each), medians across rounds`,
    `- Data: demo street + ${NOTICES} published notices in community G (every 8th addressed to other buildings); resident 13800000001 (G, building 1) has opened 10 of the newest`,
    '',
    'Linli = production build (`apps/server/dist/main.js`, NestJS on Fastify + TypeORM, `NODE_ENV=production LOG_LEVEL=warn`).',
    'Bare = `bench/bare-server.mjs`: Fastify + a mysql2 pool with the same pool options, sending byte-for-byte the SQL Linli sends',
    '(session lookup; feed page of 21 rows, each with the resident read; or the account by ownerKey) and answering with byte-identical JSON',
    '(checked by the script before measuring). Both run as their own Node process against the same database.',
    '',
    'Server CPU = CPU time (user + system, from /proc) the server process used during the run, divided by the requests it answered;',
    "MariaDB CPU likewise for the (shared) mariadbd process; statements/req = the growth of MariaDB's global `Questions` counter",
    "during the run (all clients; this machine's MariaDB is shared) divided by the requests answered.",
    '',
    'Bare pk read = the bare server answering `GET /api/v1/bench/pk?id=…` with one primary-key read (`timebank_accounts` by id,',
    'no session lookup): the limit of one round trip through Fastify, mysql2 and MariaDB on this machine (issue 18).',
    'Load = the 1-minute load average (`os.loadavg()`, as `uptime` shows it) when the run started.',
    '',
    '| round | target | load | req/s | p50 ms | p99 ms | server CPU ms/req | MariaDB CPU ms/req | statements/req | non-2xx | errors |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.round} | ${r.target} | ${r.load.toFixed(2)} | ${fmt(r.rps)} | ${r.p50} | ${r.p99} | ${ms(r.serverCpu)} | ${ms(r.dbCpu)} | ${r.statements.toFixed(2)} | ${r.non2xx} | ${r.errors} |`,
    ),
    '',
    '| target | median load | median req/s | median p99 ms | median server CPU ms/req | median MariaDB CPU ms/req | median statements/req |',
    '|---|---:|---:|---:|---:|---:|---:|',
    ...Object.entries(med).map(
      ([t, m]) =>
        `| ${t} | ${m.load.toFixed(2)} | ${fmt(m.rps)} | ${m.p99} | ${ms(m.serverCpu)} | ${ms(m.dbCpu)} | ${m.statements.toFixed(2)} |`,
    ),
    '',
    '```',
    `ratio feed = ${ratios.feed.toFixed(2)}`,
    `ratio balance = ${ratios.balance.toFixed(2)}`,
    `ratio feed / pk read = ${ratios.feedPk.toFixed(2)} (bare feed / pk read = ${ratios.bareFeedPk.toFixed(2)})`,
    `ratio balance / pk read = ${ratios.balancePk.toFixed(2)} (bare balance / pk read = ${ratios.bareBalancePk.toFixed(2)})`,
    `MariaDB CPU per request, linli feed / linli balance = ${ratios.feedDbCpu.toFixed(2)}`,
    '```',
    '',
    `${explain('feed', ratios.feed)} ${explain('balance', ratios.balance)} ` +
      `**Feed's MariaDB CPU per request within 2× of the balance's: ${ratios.feedDbCpu <= 2 ? 'met' : 'missed'}** (${ratios.feedDbCpu.toFixed(2)}×).`,
    '',
    ...issue18Lines(med, ratios),
  ];
  lines.push(
    '### Where the gap comes from',
    '',
    ...cpuLines(med),
    ...WHAT_CHANGED,
    '',
    `Before and after (before: ${BEFORE.what}; after: this run). The machine is shared with other engineers' builds and tests,`,
    'so single runs vary a lot (see the rounds above); CPU time per request is the steadier figure.',
    '',
    '| | before | after |',
    '|---|---:|---:|',
    `| ratio feed | ${BEFORE.ratioFeed.toFixed(2)} | ${ratios.feed.toFixed(2)} |`,
    `| ratio balance | ${BEFORE.ratioBalance.toFixed(2)} | ${ratios.balance.toFixed(2)} |`,
    ...Object.keys(BEFORE.targets).flatMap((t) => [
      `| ${t}: median req/s | ${BEFORE.targets[t].rps} | ${med[t].rps.toFixed(0)} |`,
      `| ${t}: median server CPU ms/req | ${ms(BEFORE.targets[t].serverCpu)} | ${ms(med[t].serverCpu)} |`,
    ]),
    '',
  );
  writeSection('1-read-ratio.md', lines);
}

/** bare-server.mjs must send byte-for-byte the SQL of Linli's build: compare its strings with the built server's. */
async function checkSameSql() {
  const linli = async (file) => import(pathToFileURL(join(repoRoot, 'apps/server/dist', file)).href);
  const { SESSION_USER_SQL } = await linli('auth/session-user.js');
  const { feedQuery } = await linli('notices/notices.queries.js');
  const { ACCOUNT_BY_OWNER_SQL } = await linli('timebank/timebank.queries.js');
  const resident = { id: 3, role: 'resident', communityId: 1, buildingId: 1 };
  const pairs = [
    ['session lookup', SESSION_USER_SQL, SQL_SESSION],
    ['feed', feedQuery(resident, { after: null }, new Date(), 20).sql, SQL_FEED],
    ['account', ACCOUNT_BY_OWNER_SQL, SQL_ACCOUNT],
  ];
  for (const [what, a, b] of pairs) {
    if (a !== b)
      throw new Error(`bare-server.mjs does not send Linli's SQL for the ${what}:\nlinli: ${a}\nbare:  ${b}`);
  }
  log('bare-server.mjs sends the same SQL strings as the built server');
}

async function main() {
  buildServer();
  await checkSameSql();

  const admin = await mysql.createConnection(MYSQL);
  const mariadb = (await admin.query('SELECT VERSION() AS v'))[0][0].v;
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  log(`database ${DB} created`);
  try {
    const { child: linli, base: linliBase } = await startLinli('linli', DB_URL);
    log(`linli up on ${linliBase} (migrations + demo seed done)`);

    const t0 = Date.now();
    await seedNotices(linliBase);
    log(`${NOTICES} notices created and published through the API in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

    const resident = await api(linliBase, 'POST', '/api/v1/auth/dev-login', {
      body: { phone: '13800000001', community: 'G' },
    });
    const token = resident.token;
    const firstPage = await api(linliBase, 'GET', '/api/v1/notices', { token });
    for (const n of firstPage.items.slice(0, 10)) await api(linliBase, 'GET', `/api/v1/notices/${n.id}`, { token });
    // Opens the account if it did not exist; its id is the bare server's primary-key read.
    const account = await api(linliBase, 'GET', '/api/v1/timebank/account', { token });

    const barePort = await freePort();
    const bareBase = `http://127.0.0.1:${barePort}`;
    const bare = start('bare', [join(benchDir, 'bare-server.mjs')], { DATABASE_URL: DB_URL, PORT: String(barePort) });
    await waitUntilUp(bare, `${bareBase}/api/v1/timebank/account`, 30);
    log(`bare up on ${bareBase}`);

    // Same answers, or the comparison means nothing.
    for (const path of ['/api/v1/notices', '/api/v1/timebank/account']) {
      const [a, b] = await Promise.all(
        [linliBase, bareBase].map(async (base) => {
          const r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } });
          return `${r.status} ${await r.text()}`;
        }),
      );
      if (a !== b)
        throw new Error(
          `Linli and bare answer ${path} differently:\nlinli: ${a.slice(0, 400)}\nbare:  ${b.slice(0, 400)}`,
        );
      if (!a.startsWith('200 ')) throw new Error(`${path} → ${a.slice(0, 200)}`);
    }
    const feedItems = JSON.parse(
      await (await fetch(`${bareBase}/api/v1/notices`, { headers: { authorization: `Bearer ${token}` } })).text(),
    ).items;
    log(`responses identical (feed: ${feedItems.length} items, ${feedItems.filter((n) => n.read).length} read)`);

    const targets = {
      'linli feed': `${linliBase}/api/v1/notices`,
      'bare feed': `${bareBase}/api/v1/notices`,
      'linli balance': `${linliBase}/api/v1/timebank/account`,
      'bare balance': `${bareBase}/api/v1/timebank/account`,
      'bare pk read': `${bareBase}/api/v1/bench/pk?id=${account.id}`,
    };
    const pk = await fetch(targets['bare pk read']);
    if (pk.status !== 200) throw new Error(`bare pk read → ${pk.status} ${await pk.text()}`);
    const serverOf = (name) => (name.startsWith('linli') ? linli.pid : bare.pid);
    const dbPid = mariadbPid();
    for (const [name, url] of Object.entries(targets)) {
      await runCannon(admin, url, token, WARMUP, serverOf(name), dbPid);
      log(`warm-up ${name} done`);
    }

    const rows = [];
    const names = Object.keys(targets);
    for (let round = 1; round <= ROUNDS; round++) {
      // Alternate which server goes first within each pair, so neither always follows the other.
      const order = round % 2 ? names : ['bare pk read', 'bare feed', 'linli feed', 'bare balance', 'linli balance'];
      for (const name of order) {
        const r = await runCannon(admin, targets[name], token, DURATION, serverOf(name), dbPid);
        rows.push({ round, target: name, ...r });
        log(
          `round ${round} ${name} (load ${r.load.toFixed(2)}): ${r.rps.toFixed(0)} req/s, p50 ${r.p50} ms, p99 ${r.p99} ms, server CPU ${ms(r.serverCpu)} ms/req, MariaDB CPU ${ms(r.dbCpu)} ms/req, ${r.statements.toFixed(2)} statements/req${r.non2xx || r.errors ? `, non-2xx ${r.non2xx}, errors ${r.errors}` : ''}`,
        );
      }
    }
    const bad = rows.filter((r) => r.non2xx || r.errors);
    if (bad.length) log(`WARNING: ${bad.length} runs had non-2xx responses or errors (see RESULTS.md)`);

    const med = Object.fromEntries(
      names.map((name) => {
        const mine = rows.filter((r) => r.target === name);
        const cpu = (key) => (mine.every((r) => r[key] !== null) ? median(mine.map((r) => r[key])) : null);
        return [
          name,
          {
            rps: median(mine.map((r) => r.rps)),
            p99: median(mine.map((r) => r.p99)),
            serverCpu: cpu('serverCpu'),
            dbCpu: cpu('dbCpu'),
            statements: cpu('statements'),
            load: median(mine.map((r) => r.load)),
          },
        ];
      }),
    );
    for (const name of names)
      log(
        `median ${name}: ${med[name].rps.toFixed(0)} req/s, p99 ${med[name].p99} ms, server CPU ${ms(med[name].serverCpu)} ms/req, MariaDB CPU ${ms(med[name].dbCpu)} ms/req, ${med[name].statements.toFixed(2)} statements/req`,
      );
    const pkRps = med['bare pk read'].rps;
    const ratios = {
      feed: med['linli feed'].rps / med['bare feed'].rps,
      balance: med['linli balance'].rps / med['bare balance'].rps,
      feedPk: med['linli feed'].rps / pkRps,
      balancePk: med['linli balance'].rps / pkRps,
      bareFeedPk: med['bare feed'].rps / pkRps,
      bareBalancePk: med['bare balance'].rps / pkRps,
      feedDbCpu: med['linli feed'].dbCpu / med['linli balance'].dbCpu,
    };
    for (const [key, value] of Object.entries(ratios)) log(`ratio ${key} = ${value.toFixed(2)}`);
    log(`medians ${JSON.stringify(med)}`);
    log(`load average (1 min) at the start of the runs: ${rows.map((r) => r.load.toFixed(2)).join(' ')}`);
    log(
      `target >= ${TARGET.toFixed(2)}: feed ${ratios.feed >= TARGET ? 'met' : 'missed'}, balance ${ratios.balance >= TARGET ? 'met' : 'missed'}`,
    );

    writeResults({ rows, med, ratios, env: { mariadb: `MariaDB ${mariadb}` } });
  } finally {
    await tearDown(DB, admin);
  }
}

runMain(main);
