import { existsSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig, devices } from '@playwright/test';

/** The monorepo root: the server is started from there (it finds the H5 and console builds relative to it). */
const repoRoot = fileURLToPath(new URL('..', import.meta.url));

const port = Number(process.env.E2E_PORT ?? 3917);
const baseURL = `http://127.0.0.1:${port}`;

/**
 * A fresh SQLite file per run. The config is evaluated again in every worker process, so the path is
 * chosen once by the main process and handed down through the environment (workers inherit it); only
 * the process that chose it deletes leftovers, never a worker while the server is using the file.
 */
if (!process.env.E2E_SQLITE_FILE) {
  const file = join(tmpdir(), `linli-e2e-${process.pid}.sqlite`);
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) rmSync(file + suffix);
  }
  process.env.E2E_SQLITE_FILE = file;
}
const sqliteFile = process.env.E2E_SQLITE_FILE;

/** CI may point the same browser tests at MariaDB (an empty database it created for the run). */
const databaseUrl = process.env.E2E_DATABASE_URL || `sqlite:${sqliteFile}`;

const chromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export default defineConfig({
  testDir: 'tests',
  testMatch: '**/*.e2e-spec.ts',
  fullyParallel: false,
  workers: 1,
  retries: 0,
  forbidOnly: Boolean(process.env.CI),
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [['list'], ['json', { outputFile: '.artifacts/results.json' }]],
  outputDir: '.artifacts/test-results',
  globalTeardown: './global-teardown.ts',
  use: {
    baseURL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    screenshot: 'only-on-failure',
    trace: 'retain-on-failure',
    actionTimeout: 10_000,
    navigationTimeout: 20_000,
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        headless: true,
        launchOptions: { executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium', args: chromiumArgs },
      },
    },
  ],
  webServer: {
    command: 'node apps/server/dist/main.js',
    cwd: repoRoot,
    url: `${baseURL}/api/v1/health`,
    reuseExistingServer: false,
    timeout: 60_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: databaseUrl,
      LINLI_DEMO: '1',
      LOGIN_RATE_LIMIT: '1000',
      DEV_LOGIN_RATE_LIMIT: '1000',
      SCAN_RATE_LIMIT: '1000',
      TIMEBANK_RATE_LIMIT: '1000',
      // Keep the per-request log lines out of the test report; warnings and errors still show.
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
    },
  },
});
