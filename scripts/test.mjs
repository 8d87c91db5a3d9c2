// pnpm test / npm test: every suite, then one line `tests: N passed, N failed`.
// Without MariaDB, Galera or Chromium the matching suites are skipped with the reason; under CI (CI=true) a skip is a failure.
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildStale, ensureInstalled, log, pnpmCommand, root, run } from './lib.mjs';

const ci = process.env.CI === 'true' || process.env.CI === '1';
const resultsDir = join(root, '.test-results');
rmSync(resultsDir, { recursive: true, force: true });
mkdirSync(resultsDir, { recursive: true });

await ensureInstalled();
await buildStale(['shared-types', 'server']);

const mariadbUrl = process.env.LINLI_TEST_MARIADB_URL ?? 'mysql://root@127.0.0.1:3306';
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function mariadbProblem() {
  try {
    // mysql2 comes with the server's dependencies, installed above.
    const { default: mysql } = await import(
      pathToFileURL(join(root, 'apps/server/node_modules/mysql2/promise.js')).href
    );
    const connection = await mysql.createConnection({ uri: mariadbUrl, connectTimeout: 3000 });
    await connection.query('SELECT 1');
    await connection.end();
    return null;
  } catch (error) {
    return `MariaDB at ${mariadbUrl} is not reachable (${error.code ?? error.message})`;
  }
}

const [pnpmBin, ...pnpmPrefix] = pnpmCommand();
const jestEnv = { NODE_OPTIONS: '--experimental-vm-modules --no-warnings=ExperimentalWarning' };

function jest(filter, args, outputName, env = {}) {
  const output = join(resultsDir, `${outputName}.json`);
  return {
    output,
    run: () =>
      run(
        pnpmBin,
        [
          ...pnpmPrefix,
          '--filter',
          filter,
          'exec',
          'jest',
          '--ci',
          '--maxWorkers=2',
          '--json',
          `--outputFile=${output}`,
          ...args,
        ],
        { env: { ...jestEnv, ...env } },
      ),
    counts: () => {
      const report = JSON.parse(readFileSync(output, 'utf8'));
      return { passed: report.numPassedTests, failed: report.numFailedTests + report.numRuntimeErrorTestSuites };
    },
  };
}

function vitest(filter, outputName) {
  const output = join(resultsDir, `${outputName}.json`);
  return {
    output,
    run: () =>
      run(pnpmBin, [
        ...pnpmPrefix,
        '--filter',
        filter,
        'exec',
        'vitest',
        'run',
        '--reporter=json',
        `--outputFile=${output}`,
      ]),
    counts: () => {
      const report = JSON.parse(readFileSync(output, 'utf8'));
      // A file that fails to load has no tests: count it as one failure, as jest's numRuntimeErrorTestSuites does.
      const broken = report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.length);
      return { passed: report.numPassedTests, failed: report.numFailedTests + broken.length };
    },
  };
}

const suites = [
  { name: 'shared rules (unit)', ...jest('@linli/shared-types', [], 'shared-unit') },
  { name: 'mini-app lib (unit, vitest)', ...vitest('@linli/miniapp', 'miniapp-unit') },
  { name: 'console lib, hooks and components (unit, vitest)', ...vitest('@linli/console', 'console-unit') },
  { name: 'server rules and services (unit)', ...jest('@linli/server', ['--selectProjects', 'unit'], 'server-unit') },
  {
    name: 'server on SQLite (integration + HTTP e2e)',
    ...jest('@linli/server', ['--selectProjects', 'int', 'e2e'], 'server-sqlite', { LINLI_TEST_DB: 'sqlite' }),
  },
  {
    name: 'server on MariaDB (integration + HTTP e2e)',
    skipReason: mariadbProblem,
    ...jest('@linli/server', ['--selectProjects', 'int', 'e2e'], 'server-mariadb', {
      LINLI_TEST_DB: 'mariadb',
      LINLI_TEST_MARIADB_URL: mariadbUrl,
    }),
  },
  {
    // Kills and restarts a MariaDB server of its own (never the shared one), with the built server on it.
    name: 'faults on a throwaway MariaDB server (kill -9 under load, restart)',
    skipReason: async () => {
      const missing = [
        process.env.MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db',
        process.env.MARIADBD ?? '/usr/sbin/mariadbd',
      ].filter((bin) => !existsSync(bin));
      return missing.length ? `${missing.join(' and ')} not found (apt-get install mariadb-server)` : null;
    },
    ...jest('@linli/server', ['--selectProjects', 'faults', '--forceExit'], 'server-faults'),
  },
  {
    // A 3-node Galera cluster of its own on free ports (never the shared MariaDB), one built server per node.
    name: 'three servers on a 3-node Galera cluster (races, node SIGKILL and rejoin)',
    skipReason: async () => {
      const missing = [
        process.env.MARIADB_INSTALL_DB ?? '/usr/bin/mariadb-install-db',
        process.env.MARIADBD ?? '/usr/sbin/mariadbd',
        process.env.GALERA_PROVIDER ?? '/usr/lib/galera/libgalera_smm.so',
        '/usr/bin/rsync',
      ].filter((bin) => !existsSync(bin));
      return missing.length ? `${missing.join(' and ')} not found (apt-get install galera-4 rsync)` : null;
    },
    ...jest('@linli/server', ['--selectProjects', 'galera', '--forceExit'], 'server-galera', {
      LINLI_TEST_START_MS: '180000',
    }),
  },
  {
    name: 'browser e2e in Chromium (H5 app and console)',
    skipReason: async () =>
      existsSync(chromium) ? null : `Chromium not found at ${chromium} (apt-get install chromium)`,
    prepare: () => buildStale(['console', 'h5']),
    output: join(root, 'e2e/.artifacts/results.json'),
    run: () => run(pnpmBin, [...pnpmPrefix, '--filter', '@linli/e2e', 'test'], { env: { CHROMIUM_PATH: chromium } }),
    counts() {
      const { stats } = JSON.parse(readFileSync(this.output, 'utf8'));
      return { passed: stats.expected + stats.flaky, failed: stats.unexpected };
    },
  },
];

const summary = [];
let passed = 0;
let failed = 0;
for (const suite of suites) {
  const reason = suite.skipReason ? await suite.skipReason() : null;
  if (reason) {
    summary.push(`${ci ? 'FAILED ' : 'SKIPPED'} ${suite.name}: ${reason}`);
    if (ci) failed += 1;
    continue;
  }
  log(`running ${suite.name}`);
  rmSync(suite.output, { force: true });
  if (suite.prepare) await suite.prepare();
  const code = await suite.run();
  let counts;
  try {
    counts = suite.counts();
  } catch {
    counts = { passed: 0, failed: 1 }; // the runner died before reporting
  }
  if (code !== 0 && counts.failed === 0) counts.failed = 1;
  passed += counts.passed;
  failed += counts.failed;
  summary.push(
    `${counts.failed ? 'FAILED ' : 'ok     '} ${suite.name}: ${counts.passed} passed, ${counts.failed} failed`,
  );
}

console.log('\n' + summary.join('\n'));
if (!ci && summary.some((line) => line.startsWith('SKIPPED')))
  console.log('(skipped suites run in CI, where a skip counts as a failure)');
console.log(`tests: ${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
