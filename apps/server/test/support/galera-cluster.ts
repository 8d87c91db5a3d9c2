import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import mysql from 'mysql2/promise';
import { freePorts } from './test-app.js';

const installDb = process.env.MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db';
const mariadbd = process.env.MARIADBD ?? '/usr/sbin/mariadbd';
const galeraProvider = process.env.GALERA_PROVIDER ?? '/usr/lib/galera/libgalera_smm.so';

export interface GaleraNode {
  name: string;
  /** mysql://linli@127.0.0.1:<port>, no database (root logs in by socket only). */
  url: string;
  running(): boolean;
  /** SIGKILL the node (a crash: no clean leave) and wait until it is gone. */
  kill(): Promise<void>;
  /** Start a killed node again: it recovers its position and rejoins by IST; resolves once it is Synced. */
  start(): Promise<void>;
  /** wsrep_local_state_comment as the node reports it, or 'down'. */
  state(): Promise<string>;
  log(): string;
}

export interface GaleraCluster {
  nodes: GaleraNode[];
  /** The cluster size as the first running node reports it. */
  size(): Promise<number>;
  destroy(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function query<T>(url: string, sql: string): Promise<T> {
  const connection = await mysql.createConnection({ uri: url, connectTimeout: 1000 });
  try {
    const [rows] = await connection.query(sql);
    return rows as T;
  } finally {
    await connection.end();
  }
}

async function localState(url: string): Promise<string> {
  try {
    const rows = await query<Array<{ Value: string }>>(url, "SHOW STATUS LIKE 'wsrep_local_state_comment'");
    return rows[0]?.Value ?? 'unknown';
  } catch {
    return 'down';
  }
}

/**
 * A Galera cluster of the test's own: `size` MariaDB nodes on free ports in a temporary directory, each with its own
 * defaults file (the machine's /etc/mysql is never read), state transfer by rsync. The first node is initialised and
 * bootstrapped (--wsrep-new-cluster), the others join empty and fill by SST. The shared MariaDB on 3306 is untouched.
 */
export async function startGaleraCluster(size = 3): Promise<GaleraCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'linli-galera-'));
  const asRoot = process.getuid?.() === 0;
  const free = await freePorts(size * 4);
  const ports = Array.from({ length: size }, (_, i) => {
    const [server, gcomm, ist, sst] = free.slice(i * 4, i * 4 + 4);
    return { mysql: server, gcomm, ist, sst };
  });
  const clusterAddress = `gcomm://${ports.map((p) => `127.0.0.1:${p.gcomm}`).join(',')}`;
  const children = new Set<ChildProcess>();
  process.once('exit', () => {
    for (const child of children) child.kill('SIGKILL');
  });

  const nodes = ports.map((port, i) => {
    const name = `node${i + 1}`;
    const home = join(dir, name);
    const datadir = join(home, 'data');
    mkdirSync(datadir, { recursive: true });
    // Run as root, the joiner's rsync daemon writes as `nobody`: it must reach and write the empty datadir.
    if (asRoot)
      for (const [path, mode] of [
        [dir, 0o755],
        [home, 0o755],
        [datadir, 0o777],
      ] as const)
        chmodSync(path, mode);
    const cnf = join(home, 'my.cnf');
    const errorLog = join(home, 'error.log');
    writeFileSync(
      cnf,
      [
        '[mysqld]',
        `datadir=${datadir}`,
        `port=${port.mysql}`,
        `socket=${join(home, 'sock')}`,
        `pid-file=${join(home, 'pid')}`,
        `log-error=${errorLog}`,
        ...(asRoot ? ['user=root'] : []),
        'bind-address=127.0.0.1',
        'skip-name-resolve',
        'innodb_buffer_pool_size=64M',
        'innodb_log_file_size=32M',
        // A test cluster: durability comes from the other nodes, not from fsync on every commit.
        'innodb_flush_log_at_trx_commit=2',
        'character-set-server=utf8mb4',
        'collation-server=utf8mb4_unicode_ci',
        'max_connections=300',
        // What Galera needs (README "Running on a cluster").
        'binlog_format=ROW',
        'default_storage_engine=InnoDB',
        'innodb_autoinc_lock_mode=2',
        'wsrep_on=ON',
        `wsrep_provider=${galeraProvider}`,
        'wsrep_cluster_name=linli_test',
        `wsrep_cluster_address=${clusterAddress}`,
        `wsrep_node_name=${name}`,
        'wsrep_node_address=127.0.0.1',
        // Suspect a silent node after 3 s (default 5 s): a killed node stalls the others' commits only that long.
        `wsrep_provider_options="gmcast.listen_addr=tcp://127.0.0.1:${port.gcomm};ist.recv_addr=127.0.0.1:${port.ist};gcache.size=128M;evs.suspect_timeout=PT3S;evs.inactive_timeout=PT10S;evs.install_timeout=PT10S"`,
        'wsrep_sst_method=rsync',
        `wsrep_sst_receive_address=127.0.0.1:${port.sst}`,
        'wsrep_slave_threads=2',
        '',
      ].join('\n'),
    );
    const url = `mysql://linli@127.0.0.1:${port.mysql}`;
    let child: ChildProcess | null = null;
    const output: string[] = [];
    const readLog = () => (existsSync(errorLog) ? readFileSync(errorLog, 'utf8') : '') + output.join('');

    const spawnNode = (extra: string[]) => {
      const server = spawn(mariadbd, [`--defaults-file=${cnf}`, ...extra], { stdio: ['ignore', 'pipe', 'pipe'] });
      server.stdout.on('data', (c) => output.push(String(c)));
      server.stderr.on('data', (c) => output.push(String(c)));
      children.add(server);
      server.once('exit', () => children.delete(server));
      child = server;
      return server;
    };

    /** Waits until the node is Synced (user `linli` exists from the first node's bootstrap on). */
    const untilSynced = async (server: ChildProcess, ms: number) => {
      for (const deadline = Date.now() + ms; ; await sleep(250)) {
        if (server.exitCode !== null)
          throw new Error(`${name} exited with ${server.exitCode}:\n${readLog().slice(-6000)}`);
        if ((await localState(url)) === 'Synced') return;
        if (Date.now() > deadline) throw new Error(`${name} not Synced in ${ms / 1000} s:\n${readLog().slice(-6000)}`);
      }
    };

    /** A node that crashed first recovers its last committed position, so that it rejoins by IST, not a full SST. */
    const recoveredPosition = async (): Promise<string | null> => {
      const recoverLog = join(home, 'recover.log');
      rmSync(recoverLog, { force: true });
      await promisify(execFile)(mariadbd, [`--defaults-file=${cnf}`, '--wsrep-recover', `--log-error=${recoverLog}`]);
      const match = /WSREP: Recovered position:\s*(\S+:-?\d+)/.exec(readFileSync(recoverLog, 'utf8'));
      return match ? match[1] : null;
    };

    const node: GaleraNode & { bootstrap(): Promise<void>; join(): Promise<void> } = {
      name,
      url,
      running: () => child !== null && child.exitCode === null && child.signalCode === null,
      log: readLog,
      state: () => localState(url),
      bootstrap: async () => {
        await promisify(execFile)(installDb, [
          `--defaults-file=${cnf}`,
          '--auth-root-authentication-method=socket',
          '--skip-test-db',
          ...(asRoot ? ['--user=root'] : []),
        ]);
        const server = spawnNode(['--wsrep-new-cluster']);
        const socket = join(home, 'sock');
        for (const deadline = Date.now() + 60_000; ; await sleep(250)) {
          if (server.exitCode !== null) throw new Error(`${name} exited with ${server.exitCode}:\n${readLog()}`);
          try {
            const connection = await mysql.createConnection({ socketPath: socket, user: 'root' });
            await connection.query("CREATE USER IF NOT EXISTS 'linli'@'127.0.0.1'");
            await connection.query("GRANT ALL PRIVILEGES ON *.* TO 'linli'@'127.0.0.1' WITH GRANT OPTION");
            await connection.end();
            break;
          } catch {
            if (Date.now() > deadline) throw new Error(`${name} did not answer in 60 s:\n${readLog()}`);
          }
        }
        await untilSynced(server, 30_000);
      },
      join: async () => untilSynced(spawnNode([]), 120_000),
      kill: async () => {
        const server = child;
        if (!server || server.exitCode !== null || server.signalCode !== null) return;
        const exited = new Promise((resolve) => server.once('exit', resolve));
        server.kill('SIGKILL');
        await exited;
      },
      start: async () => {
        const position = await recoveredPosition();
        await untilSynced(spawnNode(position ? [`--wsrep-start-position=${position}`] : []), 120_000);
      },
    };
    return node;
  });

  try {
    await nodes[0].bootstrap();
    // One joiner at a time: each is an SST from a donor, and two at once would both pick the first node.
    for (const node of nodes.slice(1)) await node.join();
  } catch (error) {
    for (const child of children) child.kill('SIGKILL');
    throw error;
  }

  return {
    nodes,
    size: async () => {
      for (const node of nodes) {
        if (!node.running()) continue;
        const rows = await query<Array<{ Value: string }>>(node.url, "SHOW STATUS LIKE 'wsrep_cluster_size'");
        return Number(rows[0]?.Value ?? 0);
      }
      return 0;
    },
    destroy: async () => {
      // A clean stop, the last node first, so nothing waits on the others' timeouts.
      for (const child of [...children].reverse()) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await Promise.race([exited, sleep(20_000)]);
        child.kill('SIGKILL');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
