// Issue 7, item 4: Linli on scale data (bench/seed.mjs: 5 communities, 50,000 residents, 100,000 notices with reads,
// 20,000 bookings, 1,000,000 ledger entries), on MariaDB and SQLite. Measures with autocannon (p99, interleaved rounds,
// medians) the resident feed, the unread count, a notice's stats for a 10,000-household audience, the balance and the
// first statement page, a room's availability; times the ledger audit; and EXPLAINs every SQL statement those requests send.
//
//   node bench/scale.mjs [--skip-build]
//   env: BENCH_SCALE (1), BENCH_ROUNDS (3), BENCH_DURATION (4 s), BENCH_CONNECTIONS (10), BENCH_AUDIT_RUNS (3),
//        BENCH_MYSQL, BENCH_WRITE_RESULTS=0
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';
import { rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import {
  api,
  benchDir,
  buildServer,
  environmentLines,
  log,
  median,
  MYSQL,
  repoRoot,
  startLinli,
  stopAll,
  writeSection,
} from './lib.mjs';
import { SCALE_READS as TARGETS } from './scale-reads.mjs';
import { seed, sessionRow } from './seed.mjs';

const SCALE = Number(process.env.BENCH_SCALE ?? 1);
const ROUNDS = Math.max(3, Number(process.env.BENCH_ROUNDS ?? 3));
const DURATION = Number(process.env.BENCH_DURATION ?? 4);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const AUDIT_RUNS = Number(process.env.BENCH_AUDIT_RUNS ?? 3);
const SECRET = 'bench-scale-secret-0123456789abcdef';
const DB = `linli_bench_scale_${process.pid}`;
const SQLITE = join(os.tmpdir(), `linli-bench-scale-${process.pid}.sqlite`);
const serverRequire = createRequire(join(repoRoot, 'apps/server/package.json'));
const dist = (p) => pathToFileURL(join(repoRoot, 'apps/server/dist', p)).href;

/** bench/seed.mjs in its own process (SQLite inserts are synchronous: in this process they would hold up the MariaDB seeding). */
function seedInChild(name, url) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [join(benchDir, 'seed.mjs'), url, String(SCALE)], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    let shown = 0;
    child.stdout.on('data', (chunk) => {
      out += chunk;
      const complete = out.lastIndexOf('\n') + 1;
      for (const line of out.slice(shown, complete).split('\n')) if (line.startsWith('  seed')) log(`${name}${line}`);
      shown = Math.max(shown, complete);
    });
    child.once('exit', (code) => {
      if (code !== 0) return reject(new Error(`seeding ${name} failed (exit ${code})`));
      resolve(JSON.parse(out.slice(out.indexOf('\n{') + 1)));
    });
  });
}

/** Seeds one database, starts Linli on it (demo off) and logs in: staff and admin through POST auth/login, the resident by a session row. */
async function prepare(name, url, insertSession, inChild = false) {
  log(`${name}: seeding (scale ${SCALE}) …`);
  const facts = inChild ? await seedInChild(name, url) : await seed(url, SCALE, (line) => log(`${name}${line}`));
  log(`${name}: seeded in ${facts.seconds.toFixed(0)} s: ${JSON.stringify(facts.counts)}`);
  const token = randomBytes(32).toString('base64url');
  await insertSession(sessionRow(facts.measuredResidents[0].id, token));
  const { child, base } = await startLinli(`linli on ${name}`, url, { LINLI_DEMO: '0', LINLI_SECRET: SECRET });
  const login = (username) =>
    api(base, 'POST', '/api/v1/auth/login', { body: { username, password: facts.password } }).then((r) => r.token);
  return {
    name,
    url,
    base,
    child,
    seed: facts,
    resident: token,
    staff: await login(facts.communities[0].staffUsername),
    admin: await login('bench.admin'),
  };
}

/** Sanity checks, so that the timings are of real answers. */
async function check(f) {
  const get = (path, token) => api(f.base, 'GET', path, { token });
  const feed = await get('/api/v1/notices', f.resident);
  if (feed.items.length !== 20) throw new Error(`${f.name}: feed answered ${feed.items.length} items`);
  const stats = await get(`/api/v1/notices/${f.seed.statsNotice.id}/stats`, f.staff);
  const queue = await get('/api/v1/requests', f.staff);
  const help = await get('/api/v1/help-requests', f.resident);
  if (queue.items.length !== 20 || help.items.length !== 20)
    throw new Error(`${f.name}: requests queue ${queue.items.length} items, open help requests ${help.items.length}`);
  const groups = await get('/api/v1/groups', f.resident);
  const events = await get('/api/v1/events', f.resident);
  if (groups.items.length === 0 || events.items.length === 0)
    throw new Error(`${f.name}: groups ${groups.items.length} items, events ${events.items.length}`);
  if (stats.audience !== f.seed.statsNotice.audience)
    throw new Error(`${f.name}: stats audience ${stats.audience}, seeded ${f.seed.statsNotice.audience}`);
  log(
    `${f.name}: feed 20 items (${feed.items.filter((n) => n.read).length} read); unread ${(await get('/api/v1/notices/unread-count', f.resident)).count}; ` +
      `stats audience ${stats.audience}, read ${stats.readCount}, acked ${stats.ackCount}, follow-up ${stats.followUpCount}; balance ${(await get('/api/v1/timebank/account', f.resident)).balance}; ` +
      `statement ${(await get('/api/v1/timebank/transactions', f.resident)).items.length} items; ` +
      `availability ${(await get(`/api/v1/rooms/${f.seed.room.id}/availability?date=${f.seed.room.date}`, f.resident)).slots.length} slots; ` +
      `requests queue first ${queue.items[0].status}; open help requests ${help.items.length}; ` +
      `groups ${groups.items.length} items; events ${events.items.length} items`,
  );
}

/** Connections per request: the stats of a 10,000-household notice take seconds each, so fewer clients ask for them at once. */
const connectionsFor = (target) => (target.startsWith('notice stats') ? Math.min(2, CONNECTIONS) : CONNECTIONS);

async function cannon(f, target, duration) {
  const { path, token } = TARGETS.find(([n]) => n === target)[1](f);
  const load = os.loadavg()[0];
  const r = await autocannon({
    url: `${f.base}${path}`,
    connections: connectionsFor(target),
    duration,
    headers: { authorization: `Bearer ${token}` },
  });
  // autocannon stops waiting when the time is up, but the server still answers what it was sent: wait for that backlog
  // (one more request of the same kind queues behind it) so that it does not slow down the next run.
  await api(f.base, 'GET', path, { token });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    total: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
    load,
  };
}

async function timeAudit(f, token) {
  const t0 = performance.now();
  const result = await api(f.base, 'GET', '/api/v1/timebank/audit', { token });
  const ms = performance.now() - t0;
  if (!result.ok)
    throw new Error(`${f.name}: ledger audit found discrepancies: ${JSON.stringify(result.discrepancies.slice(0, 3))}`);
  return { ms, accounts: result.accounts, transactions: result.transactions };
}

/**
 * The SQL the measured requests send, captured while the built server's own controllers answer them (taken from its
 * dependency injection, so a service split does not break this script; the schedulers stopped), then EXPLAINed on the
 * same database: TypeORM's statements through the data source's logger, the hot reads (database/raw-reads.ts) on their
 * way through RawReads.
 */
async function explainAll(f) {
  serverRequire('reflect-metadata');
  const { NestFactory } = serverRequire('@nestjs/core');
  const { SchedulerRegistry } = serverRequire('@nestjs/schedule');
  const { DataSource } = serverRequire('typeorm');
  const { loadConfig } = await import(dist('common/app-config.js'));
  const { AppModule } = await import(dist('app.module.js'));
  const { unreadTotalQuery } = await import(dist('notices/notices.queries.js'));
  const { unreadWindowStart } = await import(dist('notices/notices.rules.js'));
  const { SessionsService } = await import(dist('auth/sessions.service.js'));
  const { auditLedger } = await import(dist('timebank/ledger-audit.js'));
  const { User } = await import(dist('users/user.entity.js'));
  const { RawReads } = await import(dist('database/raw-reads.js'));
  const { sqliteParameter } = await import(dist('database/raw-values.js'));
  const controller = async (file, name) => app.get((await import(dist(file)))[name]);
  const config = loadConfig({ DATABASE_URL: f.url, LINLI_SECRET: SECRET, LOG_LEVEL: 'silent', NODE_ENV: 'production' });
  const app = await NestFactory.createApplicationContext(AppModule.register(config), { logger: false });
  const registry = app.get(SchedulerRegistry);
  for (const name of registry.getIntervals()) registry.deleteInterval(name);
  for (const name of registry.getTimeouts()) registry.deleteTimeout(name);
  for (const name of registry.getCronJobs().keys()) registry.deleteCronJob(name);
  const ds = app.get(DataSource);
  const sqliteDb = ds.options.type === 'better-sqlite3';
  let captured = [];
  const capture = (query, parameters) =>
    captured.push({ query, parameters: sqliteDb ? (parameters ?? []).map(sqliteParameter) : [...(parameters ?? [])] });
  ds.logger = {
    logQuery: (query, parameters) => captured.push({ query, parameters: parameters ?? [] }),
    logQueryError() {},
    logQuerySlow() {},
    logSchemaBuild() {},
    logMigration() {},
    log() {},
  };
  const reads = app.get(RawReads);
  const rows = reads.rows.bind(reads);
  reads.rows = (query, parameters) => {
    capture(query, parameters);
    return rows(query, parameters);
  };
  const notices = await controller('notices/notices.controller.js', 'NoticesController');
  const timebank = await controller('timebank/timebank.controller.js', 'TimebankController');
  const rooms = await controller('rooms/rooms.controller.js', 'RoomsController');
  const requests = await controller('requests/requests.controller.js', 'RequestsController');
  const help = await controller('help-requests/help-requests.controller.js', 'HelpRequestsController');
  const groups = await controller('groups/groups.controller.js', 'GroupsController');
  const events = await controller('events/events.controller.js', 'EventsController');
  const sessions = app.get(SessionsService);
  const resident = await ds.getRepository(User).findOneByOrFail({ id: f.seed.measuredResidents[0].id });
  const staff = await ds.getRepository(User).findOneByOrFail({ username: f.seed.communities[0].staffUsername });
  const work = [
    ['session lookup (every request)', () => sessions.resolve(f.resident)],
    ['feed', () => notices.feed(resident, {})],
    ['unread count', () => notices.unreadCount(resident)],
    [
      // What a stale count (after a publication, archive, expiry) runs once, in its transaction (TransactionSql, not logged).
      'unread count, recount',
      async () => {
        const now = new Date();
        const q = unreadTotalQuery(resident, now, unreadWindowStart(now));
        capture(q.sql, q.params);
      },
    ],
    ['notice stats', () => notices.stats(staff, f.seed.statsNotice.id)],
    ['balance', () => timebank.account(resident)],
    ['statement, first page', () => timebank.transactions(resident, {})],
    ['room availability', () => rooms.availability(resident, f.seed.room.id, { date: f.seed.room.date })],
    ['requests queue (staff)', () => requests.queue(staff, {})],
    ['open help requests', () => help.list(resident, {})],
    ['groups', () => groups.list(resident, {})],
    ['events, next 60 days', () => events.list(resident, {})],
    ['ledger audit, community 1', () => ds.transaction((m) => auditLedger(m, 1, new Date()))],
    ['ledger audit, whole street', () => ds.transaction((m) => auditLedger(m, null, new Date()))],
  ];
  const sqlite = ds.options.type === 'better-sqlite3';
  const plans = [];
  if (!sqlite) {
    // The statements of commit cd04dac (before issue 18) for the same requests, in the same run on the same data, with
    // the indexes issue 18 added ignored, so that what MariaDB reads compares side by side.
    const now = new Date();
    const since = new Date(now.getTime() - 90 * 86_400_000);
    const r = resident;
    const cols =
      'n.id, n.communityId, n.title, n.excerpt, n.category, n.pinned, n.requiresAck, n.wholeCommunity, n.audienceBuildingIds, n.status, n.publishAt, n.expiresAt, n.createdAt, n.updatedAt';
    const visible =
      "n.status = 'published' AND n.publishAt <= ? AND (n.expiresAt IS NULL OR n.expiresAt > ?) AND n.communityId = ? " +
      'AND (n.wholeCommunity = 1 OR EXISTS (SELECT 1 FROM notice_buildings nb WHERE nb.noticeId = n.id AND nb.buildingId = ?))';
    const feedRows = await ds.query(
      `SELECT ${cols} FROM notices n WHERE ${visible} ORDER BY n.pinned DESC, n.publishAt DESC, n.id DESC LIMIT 21`,
      [now, now, r.communityId, r.buildingId],
    );
    const shownIds = feedRows.slice(0, 20).map((n) => n.id);
    const before = [
      [
        'feed',
        `SELECT ${cols} FROM notices n WHERE ${visible} ORDER BY n.pinned DESC, n.publishAt DESC, n.id DESC LIMIT 21`,
        [now, now, r.communityId, r.buildingId],
      ],
      [
        'feed',
        `SELECT noticeId, ackAt FROM notice_reads IGNORE INDEX (idx_notice_reads_notice_times) WHERE userId = ? AND noticeId IN (${shownIds.map(() => '?').join(', ')})`,
        [r.id, ...shownIds],
      ],
      [
        'unread count',
        `SELECT n.id FROM notices n WHERE ${visible} AND n.publishAt > ? AND NOT EXISTS (SELECT 1 FROM notice_reads r IGNORE INDEX (idx_notice_reads_notice_times) WHERE r.noticeId = n.id AND r.userId = ?) LIMIT 100`,
        [now, now, r.communityId, r.buildingId, since, r.id],
      ],
      [
        'notice stats',
        'SELECT u.id AS userId, u.name, u.phone, u.buildingId, b.name AS building, u.unit, u.room, r.readAt, r.ackAt ' +
          'FROM users u IGNORE INDEX (idx_users_audience) LEFT JOIN notice_reads r IGNORE INDEX (idx_notice_reads_notice_times) ON r.noticeId = ? AND r.userId = u.id ' +
          "LEFT JOIN buildings b ON b.id = u.buildingId WHERE u.communityId = ? AND u.role = 'resident' AND u.status = 'verified' ORDER BY u.id ASC",
        [f.seed.statsNotice.id, f.seed.statsNotice.communityId],
      ],
    ];
    for (const [what, query, parameters] of before)
      plans.push({
        what: `before: ${what}`,
        sql: query,
        steps: [],
        scans: [],
        ...(await analyze(ds, query, parameters)),
      });
  }
  try {
    for (const [what, run] of work) {
      captured = [];
      await run();
      const statements = captured.filter((c) => /^\s*SELECT/i.test(c.query));
      for (const { query, parameters } of statements) {
        const rows = await ds.query(`${sqlite ? 'EXPLAIN QUERY PLAN' : 'EXPLAIN'} ${query}`, parameters);
        const steps = sqlite
          ? rows.map((r) => r.detail)
          : rows.map(
              (r) =>
                `${r.table ?? '-'}: type=${r.type ?? '-'} key=${r.key ?? '-'} rows=${r.rows ?? '-'}${r.Extra ? ` (${r.Extra})` : ''}`,
            );
        // A full scan: MariaDB type ALL (table) or index (whole index); SQLite SCAN of a table (with or without an index to walk it).
        const scans = sqlite
          ? rows.filter((r) => /^SCAN /.test(r.detail) && !/^SCAN CONSTANT ROW/.test(r.detail)).map((r) => r.detail)
          : rows
              .filter((r) => r.type === 'ALL' || r.type === 'index')
              .map((r) => `${r.table} type=${r.type}${r.key ? ` key=${r.key}` : ''}`);
        // MariaDB runs it once more and reports what it read (ANALYZE): rows read from each table or index (r_loops ×
        // r_rows, summed) and its own time for the statement, which the load on this machine moves far less than a
        // request's wall time.
        const analyzed = sqlite ? null : await analyze(ds, query, parameters);
        plans.push({ what, sql: query.replace(/\s+/g, ' '), steps, scans, ...analyzed });
      }
    }
  } finally {
    await app.close();
  }
  return plans;
}

/** `ANALYZE FORMAT=JSON` of one statement: the rows it read from every table or index, and MariaDB's time for it. */
async function analyze(ds, query, parameters) {
  const [{ ANALYZE: json }] = await ds.query(`ANALYZE FORMAT=JSON ${query}`, parameters);
  const tree = JSON.parse(json);
  let rowsRead = 0;
  const walk = (node) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (!node || typeof node !== 'object') return;
    if (node.table && typeof node.table === 'object' && node.table.r_loops !== undefined)
      rowsRead += Number(node.table.r_loops) * Number(node.table.r_rows ?? 0);
    for (const value of Object.values(node)) walk(value);
  };
  walk(tree);
  return { rowsRead: Math.round(rowsRead), serverMs: Number(tree.query_block?.r_total_time_ms ?? NaN) };
}

/** Why a remaining full scan is expected (checked on the seeded data); anything else is flagged. */
function whyScan(p) {
  if (p.what === 'ledger audit, whole street')
    return 'Expected: the street-wide audit recomputes every account and every transaction, so it reads them all.';
  if (p.what === 'ledger audit, community 1' && p.scans.every((s) => /^a\b|SCAN a\b/.test(s))) {
    return (
      "The optimizer reads all 50,000 small account rows rather than the community's fifth through idx_timebank_accounts_community (same rows either way," +
      ' no lookups); the cost of the audit is in the entries, which it sums from idx_timebank_entries_account_amount alone (no row lookups).'
    );
  }
  if (p.what === 'notice stats' && p.scans.every((s) => /^u\b/.test(s))) {
    return (
      "The optimizer walks users in id order (the ORDER BY) and keeps the community's verified residents: the audience is a fifth of" +
      ' all users, so this reads about as many pages as a range on idx_users_community_status followed by 10,000 row lookups would.'
    );
  }
  if (p.what === 'open help requests' && p.scans.every((x) => /^<derived\d+>|^SCAN r\b/.test(x)))
    return (
      'The page (21 requests by idx_help_requests_community) is cut first in a derived table, so the offers never move the' +
      ' limit; the scan is of those 21 rows, each then joined to its poster, helper and offers by primary key.'
    );
  if (p.what === 'groups' && p.scans.every((s) => /^g\b/.test(s)))
    return (
      "The page is the newest groups first: MariaDB walks the primary key backwards and keeps the community's, reading the" +
      " street's 200 groups (0.2 ms). A street has hundreds of groups, not thousands; an index for it would cost every write."
    );
  return '**Not explained yet: investigate.**';
}

const INDEX_HISTORY = [
  'Indexes added after the first run on this data (migration `1764800000000-scale-indexes.ts`, both dialects), measured on MariaDB with',
  '`SET profiling = 1` on a seeded scale-1 database (the same queries, each run 2–3 times, this shared machine):',
  '',
  "- `notice_buildings (buildingId, noticeId)`: before it, the feed's and the unread count's audience check",
  '  (`EXISTS (SELECT 1 FROM notice_buildings nb WHERE nb.noticeId = n.id AND nb.buildingId = ?)`, turned into a semi-join) materialized',
  '  the **whole** notice_buildings primary key on every request (`MATERIALIZED nb type=index rows=24639`); the feed query took 25–48 ms.',
  '  With it: `nb type=ref rows=244`, 0.5–0.75 ms.',
  "- `timebank_entries (accountId, transactionId, amount)` replaces `(accountId, transactionId)`: the audit's per-account",
  "  `SUM(e.amount)` had to fetch every entry's clustered row; for community 1 (10,001 accounts, 200,000 entries) that query took",
  '  3.6–4.3 s, with the amount in the index (`Using index`) 0.6–0.8 s. The statement walks the same index as before.',
  "- Not an index but the same kind of finding: the audit's check that every transaction has two entries summing to zero grouped by",
  '  `(t.id, t.communityId)`, which is not the order of any index, so MariaDB filled a temporary table with all 500,000 transactions and',
  '  sorted it (`Using temporary; Using filesort`): 17–30 s for the whole street. `ledger-audit.ts` now groups by `(t.communityId, t.id)`,',
  '  the order of `idx_timebank_tx_community` (same groups, t.id is unique): 1.3–3.1 s for the same query. The per-account sum still',
  '  groups by four account columns through a temporary table (3.5–6.4 s for all 49,505 accounts in that session; a correlated',
  '  `(SELECT SUM(amount) … WHERE accountId = a.id)` took 3.9–4.4 s, not enough of a gain to change it here).',
];

/**
 * Issue 18, before: this script on the code before the issue's changes (commit cd04dac; the log is
 * bench/results/issue-18/before-scale.log), medians of 3 rounds. The requests queue and the open help requests were not
 * in the benchmark yet. Load average (1 min) 21.6 at its start and 8.8 at its end (16–21 in between, from `uptime`).
 */
const BEFORE_18 = {
  what: 'commit cd04dac, 2026-12-02T05:38Z–05:46Z, load average 16–21 (this machine is shared by 7 agents)',
  medians: {
    'MariaDB|feed': { p99: 358, p50: 72 },
    'SQLite|feed': { p99: 487, p50: 34 },
    'MariaDB|unread count': { p99: 209, p50: 72 },
    'SQLite|unread count': { p99: 153, p50: 18 },
    'MariaDB|notice stats (10,000 households)': { p99: 1090, p50: 653 },
    'SQLite|notice stats (10,000 households)': { p99: 1339, p50: 866 },
    'MariaDB|balance': { p99: 141, p50: 38 },
    'SQLite|balance': { p99: 136, p50: 7 },
    'MariaDB|statement, first page': { p99: 1117, p50: 413 },
    'SQLite|statement, first page': { p99: 977, p50: 176 },
    'MariaDB|room availability': { p99: 605, p50: 118 },
    'SQLite|room availability': { p99: 276, p50: 68 },
  },
};

function beforeAfterLines(names, medians) {
  const loads = Object.values(medians).map((m) => m.load);
  const lines = [
    '### Issue 18: before and after',
    '',
    `Before: ${BEFORE_18.what}. After: this run, median load average of its runs ${median(loads).toFixed(1)} ` +
      `(${Math.min(...loads).toFixed(1)}–${Math.max(...loads).toFixed(1)}). Under such load the absolute times mostly measure`,
    'the queue for the two cores; the p50 and the plans (below) are the steadier figures.',
    '',
    '| request | ' + names.map((n) => `${n} p99 before → after ms | ${n} p50 before → after ms`).join(' | ') + ' |',
    '|---|' + names.map(() => '---:|---:').join('|') + '|',
  ];
  for (const [t] of TARGETS) {
    const cells = names.map((n) => {
      const b = BEFORE_18.medians[`${n}|${t}`];
      const a = medians[`${n}|${t}`];
      return `${b ? b.p99 : 'n/a'} → ${a.p99} | ${b ? b.p50 : 'n/a'} → ${a.p50}`;
    });
    lines.push(`| ${t} | ${cells.join(' | ')} |`);
  }
  lines.push('', ...ISSUE_18_NOTES, '');
  return lines;
}

/** What issue 18 changed for these requests, and what the figures above say about it. */
const ISSUE_18_NOTES = [
  '- **Unread count**: now one primary-key read (`notice_unread_counts` ⋈ `notice_versions`), a stored count kept exact by the',
  '  transactions that record a first open (decrement) and made stale by those that publish, edit a scheduled notice or archive',
  "  (the community's version); by the clock it is exact until the next expiry, window exit or scheduled publication it counted",
  '  (then counted again, once: the "unread count, recount" row below). Before: the 90-day window with an anti-join into notice_reads per notice.',
  "- **Feed**: one statement instead of two (the resident's read joined by the unique (noticeId, userId)), and the audience checked",
  "  on the row's own `audienceBuildingIds` instead of an EXISTS that MariaDB answered by materializing the building's",
  '  notice_buildings rows on every request.',
  '- **Notice stats**: three index-only range reads (`idx_users_audience`, `idx_notice_reads_notice_times`, the buildings) joined',
  "  in the process, instead of one join that walked all 50,000 users in id order. MariaDB's part fell from ~94 ms to ~4 ms",
  '  (table below). The answer carries the counts and the first 20 households to follow up; GET notices/:id/stats/follow-up',
  '  pages the rest (section 4a: it listed all 5,024, 850 KB of JSON, before).',
  '  Names and phones are read by id for the 20 households shown only, and households are grouped and sorted by one number made',
  '  of the ranks of their building, unit and room texts (server CPU 26 → 12 ms per request under --cpu-prof, 2026-12-06).',
  '- **Requests queue**: open requests read by `idx_resident_requests_queue` (communityId, deadlineAt, id DESC), with a status by',
  '  `idx_resident_requests_queue_status`, then the rest by id on the same index, with a keyset cursor; before, one',
  "  `ORDER BY CASE WHEN deadlineAt IS NULL …` made MariaDB sort the community's 4,000 requests per page (section 4a).",
  '- **Open help requests**: already an index range read (`idx_help_requests_community`); no change.',
];

function section({ dbs, rows, medians, audits, plans, mariadb }) {
  const names = dbs.map((d) => d.name);
  const c = dbs[0].seed.counts;
  const lines = [
    '## 4. Scale data',
    '',
    'Written by `node bench/scale.mjs` (seeding by `bench/seed.mjs`, also `pnpm bench:seed -- <database> [scale]`).',
    '',
    ...environmentLines([`- ${mariadb}; SQLite through better-sqlite3 (WAL) on a temp file`]),
    `- Data (scale ${SCALE}, same generator and PRNG seed on both): one street, 5 communities × 20 buildings, ${c.users} users (${c.accounts - 5} verified residents with accounts),` +
      ` ${c.notices} notices (${c.noticeBuildings} audience-building rows), ${c.reads} notice reads, ${c.bookings} bookings (${c.bookingSlots} held 15-minute slots),` +
      ` ${c.transactions} ledger transactions with ${c.entries} entries, ${c.accounts} accounts, ${c.requests} resident requests (15 % open; ${c.requestPhotos} photos), ${c.helpRequests} help requests (10 % open; ${c.helpOffers} offers)`,
    `- Seeding (migrations through the built server's data source, then bulk INSERTs): ${dbs.map((d) => `${d.name} ${d.seed.seconds.toFixed(0)} s`).join(', ')}`,
    `- Load: autocannon, ${CONNECTIONS} connections (${connectionsFor('notice stats')} for the notice stats), ${ROUNDS} interleaved rounds of ${DURATION} s per request and database (1 s warm-up each), medians across rounds.`,
    "  Resident = first verified resident of community 1 (building 1; reads ~60 % of the last 90 days' notices; in 1 % of the ledger's transactions);",
    "  after each run the script waits for the server's backlog (one more request of the same kind) before the next run;",
    "  staff = that community's worker (logged in through `POST auth/login`); the resident's session row is written the way `SessionsService.open` writes it.",
    `- Linli = production build (\`apps/server/dist/main.js\`, \`NODE_ENV=production LOG_LEVEL=warn\`, demo off), one process per database, both running during the rounds.`,
    '',
    '| request | ' + names.map((n) => `${n} p99 ms | ${n} p50 ms | ${n} req/s`).join(' | ') + ' |',
    '|---|' + names.map(() => '---:|---:|---:').join('|') + '|',
    ...TARGETS.map(
      ([t]) =>
        `| ${t} | ${names
          .map((n) => {
            const m = medians[`${n}|${t}`];
            return `${m.p99} | ${m.p50} | ${m.rps.toFixed(0)}`;
          })
          .join(' | ')} |`,
    ),
    '',
    ...beforeAfterLines(names, medians),
    'Every run, for the noise:',
    '',
    '| round | database | request | load | req/s | p50 ms | p99 ms | requests | non-2xx | errors |',
    '|---|---|---|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (r) =>
        `| ${r.round} | ${r.db} | ${r.target} | ${r.load.toFixed(2)} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.total} | ${r.non2xx} | ${r.errors} |`,
    ),
    '',
    `Ledger audit (\`GET timebank/audit\`, recomputes every balance from the entries; wall time of the request, median of ${AUDIT_RUNS}, interleaved):`,
    '',
    '| scope | ' + names.map((n) => `${n} ms`).join(' | ') + ' | accounts | transactions |',
    '|---|' + names.map(() => '---:|').join('') + '---:|---:|',
    ...['community 1 (staff)', 'whole street (admin)'].map(
      (scope) =>
        `| ${scope} | ${names.map((n) => median(audits[`${n}|${scope}`].map((a) => a.ms)).toFixed(0)).join(' | ')} | ${audits[`${names[0]}|${scope}`][0].accounts} | ${audits[`${names[0]}|${scope}`][0].transactions} |`,
    ),
    '',
    '### EXPLAIN of every SELECT these requests send',
    '',
    "Captured from TypeORM's logger while the built services run the same methods on the same data, then `EXPLAIN` (MariaDB) /",
    '`EXPLAIN QUERY PLAN` (SQLite). A full scan is MariaDB `type=ALL` (whole table) or `type=index` (whole index), SQLite `SCAN …`.',
    '',
  ];
  const mariadbPlans = plans.MariaDB ?? [];
  if (mariadbPlans.some((p) => p.rowsRead !== undefined)) {
    const requests = [...new Set(mariadbPlans.map((p) => p.what))];
    lines.push(
      'What each request costs MariaDB, by `ANALYZE FORMAT=JSON` of its SELECTs (run once each after the rounds, on the same data):',
      "rows read from tables and indexes (r_loops × r_rows, summed over the statements) and MariaDB's own time for them",
      '(r_total_time_ms). The session lookup is one more primary-key pair on every request. "before:" = the statements of',
      'commit cd04dac for the same request, analyzed in this run on the same data with the indexes of issue 18 ignored.',
      '',
      '| request | SELECTs | rows read | MariaDB ms |',
      '|---|---:|---:|---:|',
      ...requests.map((what) => {
        const mine = mariadbPlans.filter((p) => p.what === what);
        const sum = (key) => mine.reduce((a, p) => a + p[key], 0);
        return `| ${what} | ${mine.length} | ${sum('rowsRead')} | ${sum('serverMs').toFixed(2)} |`;
      }),
      '',
    );
  }
  const scans = names.flatMap((db) => plans[db].filter((p) => p.scans.length).map((p) => ({ db, ...p })));
  lines.push('Full scans left, and why:', '');
  if (!scans.length) lines.push('- none', '');
  for (const p of scans) lines.push(`- ${p.db}, ${p.what}: ${p.scans.join('; ')}. ${whyScan(p)}`);
  lines.push('', ...INDEX_HISTORY, '');
  for (const db of names) {
    const analyzed = plans[db].some((p) => p.rowsRead !== undefined);
    lines.push(
      `#### ${db}`,
      '',
      `| request | statement | plan | full scan |${analyzed ? ' rows read | MariaDB ms |' : ''}`,
      `|---|---|---|---|${analyzed ? '---:|---:|' : ''}`,
    );
    for (const p of plans[db].filter((x) => !x.what.startsWith('before: '))) {
      const sql = p.sql.length > 160 ? `${p.sql.slice(0, 157)}…` : p.sql;
      lines.push(
        `| ${p.what} | \`${sql.replace(/\|/g, '\\|')}\` | ${p.steps.join('; ').replace(/\|/g, '\\|')} | ${p.scans.length ? `**${p.scans.join('; ')}**` : 'none'} |` +
          (analyzed ? ` ${p.rowsRead} | ${p.serverMs.toFixed(2)} |` : ''),
      );
    }
    lines.push('');
  }
  return lines;
}

async function main() {
  buildServer();
  const admin = await mysql.createConnection(`${MYSQL}/`);
  const [[{ v }]] = await admin.query('SELECT VERSION() AS v');
  const dbs = [];
  try {
    await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const myUrl = `${MYSQL}/${DB}`;
    // Both seeded at once: SQLite in a child process, MariaDB from here.
    dbs.push(
      ...(await Promise.all([
        prepare('MariaDB', myUrl, async (s) => {
          const conn = await mysql.createConnection(myUrl);
          await conn.query('INSERT INTO sessions SET ?', [s]);
          await conn.end();
        }),
        prepare(
          'SQLite',
          `sqlite:${SQLITE}`,
          async (s) => {
            const db = new (serverRequire('better-sqlite3'))(SQLITE);
            db.prepare(
              'INSERT INTO sessions (tokenHash, userId, createdAt, expiresAt, revokedAt) VALUES (@tokenHash, @userId, @createdAt, @expiresAt, @revokedAt)',
            ).run(s);
            db.close();
          },
          true,
        ),
      ])),
    );
    for (const f of dbs) await check(f);

    const rows = [];
    for (const f of dbs) for (const [t] of TARGETS) await cannon(f, t, 1);
    for (let round = 1; round <= ROUNDS; round++) {
      for (const [t] of TARGETS) {
        for (const f of round % 2 ? dbs : [...dbs].reverse()) {
          const r = { round, db: f.name, target: t, ...(await cannon(f, t, DURATION)) };
          rows.push(r);
          log(
            `round ${round} ${f.name.padEnd(7)} ${t.padEnd(34)} load ${r.load.toFixed(2).padStart(5)} ${r.rps.toFixed(0).padStart(6)} req/s  p50 ${r.p50} ms  p99 ${r.p99} ms  (${r.total} requests, ${r.non2xx} non-2xx, ${r.errors} errors)`,
          );
        }
      }
    }
    const medians = {};
    for (const f of dbs) {
      for (const [t] of TARGETS) {
        const mine = rows.filter((r) => r.db === f.name && r.target === t);
        medians[`${f.name}|${t}`] = {
          p99: median(mine.map((r) => r.p99)),
          p50: median(mine.map((r) => r.p50)),
          rps: median(mine.map((r) => r.rps)),
          load: median(mine.map((r) => r.load)),
        };
      }
    }

    const audits = {};
    for (let i = 0; i < AUDIT_RUNS; i++) {
      for (const f of i % 2 ? [...dbs].reverse() : dbs) {
        for (const [scope, token] of [
          ['community 1 (staff)', f.staff],
          ['whole street (admin)', f.admin],
        ]) {
          const a = await timeAudit(f, token);
          (audits[`${f.name}|${scope}`] ??= []).push(a);
          log(
            `audit ${f.name.padEnd(7)} ${scope.padEnd(21)} ${a.ms.toFixed(0)} ms (${a.accounts} accounts, ${a.transactions} transactions, ok)`,
          );
        }
      }
    }

    const plans = {};
    for (const f of dbs) plans[f.name] = await explainAll(f);

    log('');
    for (const f of dbs) {
      for (const [t] of TARGETS) log(`${f.name} ${t}: p99 = ${medians[`${f.name}|${t}`].p99} ms (median of ${ROUNDS})`);
      for (const scope of ['community 1 (staff)', 'whole street (admin)'])
        log(`${f.name} ledger audit, ${scope}: ${median(audits[`${f.name}|${scope}`].map((a) => a.ms)).toFixed(0)} ms`);
      for (const p of plans[f.name].filter((x) => x.scans.length))
        log(`${f.name} full scan in ${p.what}: ${p.scans.join('; ')} — ${p.sql.slice(0, 140)}`);
    }
    writeSection('4-scale.md', section({ dbs, rows, medians, audits, plans, mariadb: `MariaDB ${v} (shared)` }));
  } finally {
    await stopAll();
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``).catch(() => {});
    await admin.end();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${SQLITE}${suffix}`, { force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
