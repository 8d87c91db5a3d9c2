// Issue 13, item 6: Linli on a 3-node MariaDB Galera cluster started here (free ports, a temporary directory; the shared
// MariaDB on 3306 only serves the single-server baseline). One Linli process per node (production build, rate limits
// off). A mixed load (80 % reads of the notice feed, 20 % transfers with fresh Idempotency-Keys) with 1, 2 and 3
// processes, and the same load on one process on the single MariaDB server; then the races of races.mjs across the three.
// Reported: throughput, p99, and retries per 1,000 committed transactions (from each process's GET /health counters).
//
//   node bench/cluster.mjs [--skip-build]
//   env: BENCH_DURATION (10 s), BENCH_CONNECTIONS (30), BENCH_CLUSTER_TRANSFERS (2000), BENCH_MYSQL,
//        BENCH_WRITE_RESULTS=0 to leave bench/results/ alone. Needs galera-4 and rsync (apt-get install galera-4 rsync).
import { execFile, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import mysql from 'mysql2/promise';
import {
  buildServer,
  environmentLines,
  freePort,
  log,
  MYSQL,
  RATE_LIMITS_OFF,
  runMain,
  sleep,
  startLinli,
  stopAll,
  writeSection,
} from './lib.mjs';
import { communityOf, seedResidents } from './load-seed.mjs';
import { loadAverage, raceContext, report, scanCrowd, slotRace, transferStorm } from './races.mjs';

const DURATION = Number(process.env.BENCH_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 30);
const TRANSFERS = Number(process.env.BENCH_CLUSTER_TRANSFERS ?? 2000);
const PROVIDER = '/usr/lib/galera/libgalera_smm.so';
const DB = `linli_bench_cluster_${process.pid}`;

/** Three Galera nodes as apps/server/test/support/galera-cluster.ts starts them (see there for the reasons). */
async function startGalera() {
  if (!existsSync(PROVIDER)) throw new Error(`${PROVIDER} not found: apt-get install galera-4 rsync`);
  const dir = mkdtempSync(join(tmpdir(), 'linli-bench-galera-'));
  const asRoot = process.getuid?.() === 0;
  const nodes = [];
  for (let i = 0; i < 3; i++)
    nodes.push({ port: await freePort(), gcomm: await freePort(), ist: await freePort(), sst: await freePort() });
  const address = `gcomm://${nodes.map((n) => `127.0.0.1:${n.gcomm}`).join(',')}`;
  for (const [i, n] of nodes.entries()) {
    n.home = join(dir, `node${i + 1}`);
    n.cnf = join(n.home, 'my.cnf');
    n.url = `mysql://linli@127.0.0.1:${n.port}`;
    mkdirSync(join(n.home, 'data'), { recursive: true });
    if (asRoot)
      for (const [p, mode] of [
        [dir, 0o755],
        [n.home, 0o755],
        [join(n.home, 'data'), 0o777],
      ])
        chmodSync(p, mode);
    writeFileSync(
      n.cnf,
      [
        '[mysqld]',
        `datadir=${join(n.home, 'data')}`,
        `port=${n.port}`,
        `socket=${join(n.home, 'sock')}`,
        `pid-file=${join(n.home, 'pid')}`,
        `log-error=${join(n.home, 'error.log')}`,
        ...(asRoot ? ['user=root'] : []),
        'bind-address=127.0.0.1',
        'skip-name-resolve',
        'innodb_buffer_pool_size=128M',
        'innodb_flush_log_at_trx_commit=2',
        'character-set-server=utf8mb4',
        'collation-server=utf8mb4_unicode_ci',
        'max_connections=300',
        'binlog_format=ROW',
        'default_storage_engine=InnoDB',
        'innodb_autoinc_lock_mode=2',
        'wsrep_on=ON',
        `wsrep_provider=${PROVIDER}`,
        'wsrep_cluster_name=linli_bench',
        `wsrep_cluster_address=${address}`,
        `wsrep_node_name=node${i + 1}`,
        'wsrep_node_address=127.0.0.1',
        `wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${n.gcomm};ist.recv_addr=127.0.0.1:${n.ist};gcache.size=128M"`,
        'wsrep_sst_method=rsync',
        `wsrep_sst_receive_address=127.0.0.1:${n.sst}`,
        'wsrep_slave_threads=2',
        '',
      ].join('\n'),
    );
  }
  const synced = async (n) => {
    for (let i = 0; i < 480; i++) {
      if (n.child.exitCode !== null)
        throw new Error(`galera ${n.cnf} exited:\n${readFileSync(join(n.home, 'error.log'), 'utf8').slice(-3000)}`);
      try {
        const c = await mysql.createConnection({ uri: n.url, connectTimeout: 1000 });
        const [[row]] = await c.query("SHOW STATUS LIKE 'wsrep_local_state_comment'");
        await c.end();
        if (row?.Value === 'Synced') return;
      } catch {
        /* starting */
      }
      await sleep(250);
    }
    throw new Error(`galera node ${n.cnf} not Synced in 120 s`);
  };
  const spawnNode = (n, extra = []) => {
    n.child = spawn('/usr/sbin/mariadbd', [`--defaults-file=${nodes[nodes.indexOf(n)].cnf}`, ...extra], {
      stdio: 'ignore',
    });
  };
  const t0 = Date.now();
  await promisify(execFile)('/usr/bin/mariadb-install-db', [
    `--defaults-file=${nodes[0].cnf}`,
    '--auth-root-authentication-method=socket',
    '--skip-test-db',
    ...(asRoot ? ['--user=root'] : []),
  ]);
  spawnNode(nodes[0], ['--wsrep-new-cluster']);
  for (let i = 0; ; i++) {
    try {
      const c = await mysql.createConnection({ socketPath: join(nodes[0].home, 'sock'), user: 'root' });
      await c.query("CREATE USER IF NOT EXISTS 'linli'@'127.0.0.1'");
      await c.query("GRANT ALL PRIVILEGES ON *.* TO 'linli'@'127.0.0.1' WITH GRANT OPTION");
      await c.end();
      break;
    } catch (error) {
      if (i > 240) throw error;
      await sleep(250);
    }
  }
  await synced(nodes[0]);
  for (const n of nodes.slice(1)) {
    spawnNode(n);
    await synced(n);
  }
  log(`galera: 3 nodes Synced in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  return {
    nodes,
    destroy: async () => {
      for (const n of [...nodes].reverse()) {
        n.child.kill('SIGTERM');
        await Promise.race([new Promise((r) => n.child.once('exit', r)), sleep(20_000)]);
        n.child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const counters = async (bases) =>
  Promise.all(bases.map(async (b) => (await (await fetch(`${b}/api/v1/health`)).json()).transactions));

/** The mixed load against `bases` (autocannon gives connection i the URL i mod n): 4 feed reads to 1 transfer. */
async function mixed(bases, residents) {
  const before = await counters(bases);
  const load = loadAverage();
  let n = 0;
  const statuses = {};
  const result = await autocannon({
    url: bases.map((b) => `${b}/api/v1/notices`),
    connections: CONNECTIONS,
    duration: DURATION,
    pipelining: 1,
    timeout: 30,
    requests: [
      {
        setupRequest: (req, context) => {
          const from = residents[n % residents.length];
          const write = n++ % 5 === 4;
          context.write = write;
          if (!write) return { ...req, method: 'GET', headers: { authorization: `Bearer ${from.token}` } };
          const to = residents[(n * 7 + 1) % residents.length];
          return {
            ...req,
            method: 'POST',
            path: '/api/v1/timebank/transfers',
            headers: {
              authorization: `Bearer ${from.token}`,
              'idempotency-key': randomUUID(),
              'content-type': 'application/json',
            },
            body: JSON.stringify({ toUserId: to === from ? residents[0].id : to.id, minutes: 1, memo: '集群压测' }),
          };
        },
        onResponse: (status, _body, context) => {
          const k = `${context.write ? 'transfer' : 'read'} ${status}`;
          statuses[k] = (statuses[k] ?? 0) + 1;
        },
      },
    ],
  });
  const after = await counters(bases);
  const committed = after.reduce((s, c, i) => s + c.committed - before[i].committed, 0);
  const retried = after.reduce((s, c, i) => s + c.retried - before[i].retried, 0);
  const exhausted = after.reduce((s, c, i) => s + c.exhausted - before[i].exhausted, 0);
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    statuses,
    committed,
    retried,
    exhausted,
    retriesPer1000: committed ? (retried * 1000) / committed : 0,
    loadStart: load,
    loadEnd: loadAverage(),
    errors: result.errors + result.timeouts,
  };
}

async function onDatabase(url, admin, label, processes) {
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  const apps = [];
  for (const [i, nodeUrl] of processes.entries())
    apps.push(await startLinli(`${label} ${i + 1}`, `${nodeUrl}/${DB}`, RATE_LIMITS_OFF));
  const conn = await mysql.createConnection({ uri: `${url}/${DB}`, timezone: 'Z' });
  const community = await communityOf(conn, 'G');
  const residents = await seedResidents(conn, community, {
    count: 300,
    phonePrefix: '17401',
    balance: 100000,
    label: '集群压测',
  });
  return { apps, conn, residents };
}

async function main() {
  buildServer();
  const rows = [];
  // The single MariaDB server (no Galera): one process, the same load.
  {
    const admin = await mysql.createConnection(MYSQL);
    const { apps, conn, residents } = await onDatabase(MYSQL, admin, 'single', [MYSQL]);
    await mixed([apps[0].base], residents); // warm-up
    rows.push({ config: 'single MariaDB server, 1 process', ...(await mixed([apps[0].base], residents)) });
    log(JSON.stringify(rows.at(-1)));
    await stopAll();
    await conn.end();
    await admin.query(`DROP DATABASE IF EXISTS \`${DB}\``);
    await admin.end();
    apps.length = 0;
  }
  const cluster = await startGalera();
  let races;
  let ok;
  try {
    const admin = await mysql.createConnection(cluster.nodes[0].url);
    const version = (await admin.query('SELECT VERSION() AS v'))[0][0].v;
    const { apps, conn, residents } = await onDatabase(
      cluster.nodes[0].url,
      admin,
      'galera',
      cluster.nodes.map((n) => n.url),
    );
    const bases = apps.map((a) => a.base);
    for (const base of bases) await mixed([base], residents.slice(0, 50)); // warm-up of each process
    for (const k of [1, 2, 3]) {
      rows.push({
        config: `Galera, ${k} process${k > 1 ? 'es' : ''} (one per node)`,
        ...(await mixed(bases.slice(0, k), residents)),
      });
      log(JSON.stringify(rows.at(-1)));
    }
    const ctx = { ...(await raceContext(conn, bases[0])), pids: apps.map((a) => a.child.pid) };
    const before = await counters(bases);
    races = report([
      await slotRace(ctx, bases, { phonePrefix: '17511' }),
      await scanCrowd(ctx, bases, { places: 300, signups: 330, doubles: 30, phonePrefix: '17611' }),
      await transferStorm(ctx, bases, {
        accounts: 300,
        transfers: TRANSFERS,
        retries: Math.round(TRANSFERS / 20),
        phonePrefix: '17711',
      }),
    ]);
    const after = await counters(bases);
    races.retried = after.reduce((s, c, i) => s + c.retried - before[i].retried, 0);
    races.committed = after.reduce((s, c, i) => s + c.committed - before[i].committed, 0);
    races.exhausted = after.reduce((s, c, i) => s + c.exhausted - before[i].exhausted, 0);
    ok = races.ok && rows.every((r) => r.errors === 0 && !Object.keys(r.statuses).some((k) => / 5\d\d$/.test(k)));
    await stopAll();
    await conn.end();
    await admin.end();
    writeSection('8-cluster.md', [
      '## 8. On a 3-node Galera cluster',
      '',
      'Written by `node bench/cluster.mjs`.',
      '',
      ...environmentLines([
        `- MariaDB ${version} with galera-4, three nodes on this one machine (started by the script, \`innodb_flush_log_at_trx_commit=2\`), one Linli process per node (production build, rate limits 1,000,000/min); the baseline is one process on the machine's single MariaDB server`,
      ]),
      `- Mixed load: autocannon at ${CONNECTIONS} connections for ${DURATION} s per configuration, connection i to process i mod n; every fifth request a 1-minute`,
      '  transfer between two of 300 seeded residents (fresh Idempotency-Key), the others `GET /api/v1/notices`. One run each (after a warm-up), so read the',
      "  figures as rough: three database nodes, up to three servers and autocannon share 2 cores with other people's work.",
      "- Retries: the processes' own counters (GET /health `transactions`), per 1,000 committed transactions (every transfer, and every rate-limit hit, is one).",
      '',
      '| configuration | req/s | p50 ms | p99 ms | answers | committed | retried | retries per 1,000 | exhausted (503) | load average start → end |',
      '|---|---:|---:|---:|---|---:|---:|---:|---:|---|',
      ...rows.map(
        (r) =>
          `| ${r.config} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${Object.entries(r.statuses)
            .map(([k, v]) => `${v} × ${k}`)
            .join(
              ', ',
            )} | ${r.committed} | ${r.retried} | ${r.retriesPer1000.toFixed(1)} | ${r.exhausted} | ${r.loadStart} → ${r.loadEnd} |`,
      ),
      '',
      '### Races across the three processes',
      '',
      `Transfers: ${TRANSFERS} + ${Math.round(TRANSFERS / 20)} same-key retries among 300 accounts; scans: 330 volunteers for 300 places, 30 scanning twice.`,
      `Retries during the races: ${races.retried} for ${races.committed} committed transactions (${((races.retried * 1000) / Math.max(1, races.committed)).toFixed(1)} per 1,000), ${races.exhausted} exhausted.`,
      '',
      ...races.lines,
      '',
      ok
        ? 'All race outcomes exact across three processes on three nodes; no 5xx in the mixed load.'
        : '**Some outcomes were NOT exact, or the load saw 5xx (see above).**',
      '',
    ]);
  } finally {
    await stopAll();
    await cluster.destroy();
  }
  if (!ok) process.exitCode = 1;
}

runMain(main);
