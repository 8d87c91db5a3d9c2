// Issue 7, item 6: the mini-app budget. Builds weapp and H5, reports the weapp main package and every subpackage
// (WeChat's compiler and code-quality audit through apps/miniapp/scripts/check-weapp.mjs, the same check CI runs),
// the H5 first-load JavaScript gzipped, and the time until the H5 home feed shows its first notice in headless Chromium
// with 4× CPU throttling (CDP Emulation.setCPUThrottlingRate), median of BENCH_LOADS cold loads, against the production
// server on a fresh SQLite demo database.
//
//   node bench/miniapp-budget.mjs [--skip-build] [--skip-miniapp-build]
//   env: BENCH_LOADS (7, at least 5), CHROMIUM_PATH (/usr/bin/chromium), BENCH_WRITE_RESULTS=0
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import {
  api,
  buildServer,
  environmentLines,
  log,
  median,
  repoRoot,
  startLinli,
  stopAll,
  writeSection,
} from './lib.mjs';

const LOADS = Math.max(5, Number(process.env.BENCH_LOADS ?? 7));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const CPU_RATE = 4;
const MAIN_LIMIT = 2 * 1024 * 1024;
const MAIN_TARGET = 1024 * 1024;
const miniapp = join(repoRoot, 'apps/miniapp');
const weappDir = join(miniapp, 'dist/weapp');
const h5Dir = join(miniapp, 'dist/h5');
const SQLITE = join(os.tmpdir(), `linli-bench-miniapp-${process.pid}.sqlite`);
// The flags the browser e2e tests use (e2e/playwright.config.ts).
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];
const RESIDENT = { phone: '13800000001', community: 'G' };

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const pnpm = () =>
  spawnSync('pnpm', ['--version'], { stdio: 'ignore' }).status === 0 ? ['pnpm'] : ['npx', '-y', 'pnpm@12.21.0'];

function buildMiniapp() {
  if (process.argv.includes('--skip-miniapp-build')) return {};
  const [bin, ...prefix] = pnpm();
  const seconds = {};
  for (const target of ['weapp', 'h5']) {
    log(`building the mini-app (${target}) …`);
    const t0 = Date.now();
    try {
      // Taro's progress bars go to stderr: shown only when the build fails.
      execFileSync(bin, [...prefix, '--filter', '@linli/miniapp', `build:${target}`], {
        cwd: repoRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
        maxBuffer: 64 * 2 ** 20,
        timeout: 600_000,
        env: { ...process.env, NODE_ENV: 'production' },
      });
    } catch (error) {
      console.error(String(error.stdout ?? '').slice(-4000), String(error.stderr ?? '').slice(-4000));
      throw new Error(`build:${target} failed`, { cause: error });
    }
    seconds[target] = (Date.now() - t0) / 1000;
  }
  return seconds;
}

function filesUnder(dir) {
  return readdirSync(dir, { recursive: true })
    .map((f) => join(dir, f))
    .filter((f) => statSync(f).isFile());
}

/** WeChat's own numbers: check-weapp.mjs compiles the build with miniprogram-ci and runs the code-quality audit. */
function weappCheck() {
  const run = spawnSync(process.execPath, [join(miniapp, 'scripts/check-weapp.mjs'), weappDir], {
    cwd: miniapp,
    encoding: 'utf8',
    timeout: 300_000,
  });
  const output = `${run.stdout}${run.stderr}`;
  const mainCompiled = Number(/main package \(compiled\): (\d+) bytes/.exec(output)?.[1] ?? NaN);
  const sizeLine = /PACKAGE_SIZE_LIMIT: [^(\n]*\(([^)\n]*)\)/.exec(output)?.[1] ?? '';
  const auditPackages = [...sizeLine.matchAll(/([^,:]+): (\d+) bytes/g)].map((m) => ({
    name: m[1].trim(),
    bytes: Number(m[2]),
  }));
  const auditItems = [...output.matchAll(/^\s+([✓✗]) (\w+): (.*)$/gm)].map((m) => ({
    passed: m[1] === '✓',
    name: m[2],
    text: m[3],
  }));
  return { passed: run.status === 0, output, mainCompiled, auditPackages, auditItems };
}

/** Bytes on disk of the weapp build per package (main = everything outside the subpackage roots of app.json). */
function weappDiskSizes() {
  const app = JSON.parse(readFileSync(join(weappDir, 'app.json'), 'utf8'));
  const roots = (app.subPackages ?? app.subpackages ?? []).map((p) => p.root.replace(/\/?$/, '/'));
  const sizes = new Map([['main', 0], ...roots.map((r) => [r, 0])]);
  for (const file of filesUnder(weappDir)) {
    const rel = relative(weappDir, file).split('\\').join('/');
    if (rel === 'project.config.json' || rel === 'project.private.config.json') continue;
    const root = roots.find((r) => rel.startsWith(r)) ?? 'main';
    sizes.set(root, sizes.get(root) + statSync(file).size);
  }
  return sizes;
}

/** One cold load (new context: empty cache and storage) of the H5 home page as a logged-in resident. */
async function coldLoad(browser, base, session) {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    // What the app itself keeps after a dev login and the privacy consent (Taro's H5 storage: JSON { data }).
    await context.addInitScript(
      (items) => {
        for (const [key, value] of Object.entries(items)) localStorage.setItem(key, JSON.stringify({ data: value }));
        // Time of the first notice in the home feed, measured in the page (from navigation start) at the next frame.
        new MutationObserver((_, observer) => {
          if (!document.querySelector('.e2e-notice-item')) return;
          observer.disconnect();
          requestAnimationFrame(() => {
            window.__firstNoticeMs = performance.now();
          });
        }).observe(document, { childList: true, subtree: true });
      },
      { 'linli.token': session.token, 'linli.user': session.user, 'linli.privacyAccepted.v1': true },
    );
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_RATE });
    await page.goto(`${base}/#/pages/home/index`, { waitUntil: 'commit' });
    await page.waitForFunction(() => window.__firstNoticeMs !== undefined, null, { timeout: 60_000, polling: 50 });
    // Scripts whose response had ended before the first notice showed (Resource Timing, same clock).
    const { firstNoticeMs, scripts } = await page.evaluate(() => ({
      firstNoticeMs: window.__firstNoticeMs,
      scripts: performance
        .getEntriesByType('resource')
        .filter(
          (e) => (e.initiatorType === 'script' || /\.js(\?|$)/.test(e.name)) && e.responseEnd <= window.__firstNoticeMs,
        )
        .map((e) => e.name),
    }));
    const title = await page.locator('.e2e-notice-item .lk-notice-item__title').first().textContent();
    return { firstNoticeMs, title, scripts };
  } finally {
    await context.close();
  }
}

/** gzip -9 size of each script the home page loaded before its first notice showed, read from the H5 build. */
function firstLoadJs(base, urls) {
  const files = [...new Set(urls)].map((url) => {
    const path = new URL(url).pathname.replace(/^\//, '');
    const file = join(h5Dir, path);
    if (!url.startsWith(base) || !existsSync(file)) return { path, raw: null, gzip: null };
    const bytes = readFileSync(file);
    return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  });
  return {
    files,
    raw: files.reduce((s, f) => s + (f.raw ?? 0), 0),
    gzip: files.reduce((s, f) => s + (f.gzip ?? 0), 0),
  };
}

async function main() {
  buildServer();
  const buildSeconds = buildMiniapp();
  if (!existsSync(join(weappDir, 'app.json')) || !existsSync(join(h5Dir, 'index.html')))
    throw new Error('no mini-app build: run without --skip-miniapp-build');

  log('weapp: WeChat compiler and code-quality audit (apps/miniapp/scripts/check-weapp.mjs) …');
  const check = weappCheck();
  const disk = weappDiskSizes();
  log(
    `weapp main package = ${check.mainCompiled} bytes (${kb(check.mainCompiled)}) compiled by miniprogram-ci; limit ${kb(MAIN_LIMIT)}, target ${kb(MAIN_TARGET)}`,
  );
  for (const p of check.auditPackages) log(`weapp audit package size ${p.name} = ${p.bytes} bytes (${kb(p.bytes)})`);
  for (const [name, bytes] of disk)
    log(`weapp ${name === 'main' ? 'main package' : `subpackage ${name}`} on disk = ${bytes} bytes (${kb(bytes)})`);
  log(
    `weapp check: ${check.passed ? 'passed' : 'FAILED'} (${
      check.auditItems
        .filter((i) => !i.passed)
        .map((i) => i.name)
        .join(', ') || 'every audit item passed'
    })`,
  );

  const loads = [];
  let js;
  try {
    const { base } = await startLinli('linli (H5, SQLite demo)', `sqlite:${SQLITE}`, { LINLI_DEMO: '1' });
    const session = await api(base, 'POST', '/api/v1/auth/dev-login', { body: RESIDENT });
    const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS, headless: true });
    try {
      await coldLoad(browser, base, session); // the server's own first requests (file reads, statements prepared) are not the app's
      for (let i = 1; i <= LOADS; i++) {
        const load = await coldLoad(browser, base, session);
        loads.push(load);
        log(
          `H5 cold load ${i}: first notice after ${load.firstNoticeMs.toFixed(0)} ms («${load.title}»; ${load.scripts.length} scripts)`,
        );
      }
    } finally {
      await browser.close();
    }
    js = firstLoadJs(base, loads[0].scripts);
  } finally {
    await stopAll();
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${SQLITE}${suffix}`, { force: true });
  }
  const firstNotice = median(loads.map((l) => l.firstNoticeMs));
  log(`H5 first-load JS = ${js.gzip} bytes gzipped (${kb(js.gzip)}; ${kb(js.raw)} raw) in ${js.files.length} files`);
  log(`H5 time to first notice (4× CPU throttling, cold) = ${firstNotice.toFixed(0)} ms (median of ${LOADS})`);

  const mainOk = check.mainCompiled <= MAIN_LIMIT;
  writeSection('6-miniapp.md', [
    '## 6. Mini-app budget',
    '',
    'Written by `node bench/miniapp-budget.mjs`.',
    '',
    ...environmentLines([
      `- Chromium: ${execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim()} (headless, the e2e flags), driven by playwright-core over CDP`,
      `- Builds: \`pnpm --filter @linli/miniapp build:weapp\` / \`build:h5\`${buildSeconds.weapp ? ` (${buildSeconds.weapp.toFixed(0)} s / ${buildSeconds.h5.toFixed(0)} s here)` : ' (existing builds)'}`,
    ]),
    '',
    '### weapp packages',
    '',
    "Compiled sizes come from WeChat's own compiler and code-quality audit (miniprogram-ci, run offline by `apps/miniapp/scripts/check-weapp.mjs`,",
    'the same step CI runs after `build:weapp`; it fails CI when the main package exceeds 2 MB or any audit item fails). On-disk sizes are',
    'the files of `apps/miniapp/dist/weapp` by package root of `app.json`.',
    '',
    "check-weapp's main figure is the sum of the compiled files outside the subpackages (what it compares with 2 MB); the audit's",
    'own package sizes are smaller. The budget below uses the larger one.',
    '',
    `**Main package: ${kb(check.mainCompiled)} compiled** — ${mainOk ? 'within' : '**over**'} WeChat's 2 MB limit, ${check.mainCompiled <= MAIN_TARGET ? 'within' : '**over**'} the 1 MB target.`,
    '',
    '| package | on disk | code-quality audit (PACKAGE_SIZE_LIMIT) | compiled by miniprogram-ci | limit |',
    '|---|---:|---:|---:|---:|',
    ...[...disk].map(([name, bytes]) => {
      const audited = check.auditPackages.find((p) =>
        name === 'main'
          ? /main|__APP__|主包/i.test(p.name)
          : p.name.replace(/\/?$/, '/') === name || p.name === name.replace(/\/$/, ''),
      );
      return `| ${name === 'main' ? 'main' : name} | ${kb(bytes)} | ${audited ? kb(audited.bytes) : 'n/a'} | ${name === 'main' ? kb(check.mainCompiled) : '—'} | 2048.0 KB |`;
    }),
    '',
    `Audit as reported (package sizes): ${check.auditPackages.map((p) => `${p.name} ${p.bytes} bytes`).join(', ') || 'n/a'}.`,
    '',
    `WeChat code-quality audit: ${check.passed ? '**passed**' : '**FAILED**'}`,
    '',
    ...check.auditItems.map((i) => `- ${i.passed ? '✓' : '✗'} ${i.name}: ${i.text}`),
    '',
    '### H5',
    '',
    `Production server (\`apps/server/dist/main.js\`, \`NODE_ENV=production\`) on a fresh SQLite demo database, serving the H5 build at \`/\`.`,
    `The verified resident ${RESIDENT.phone} (community ${RESIDENT.community}) is logged in by \`POST auth/dev-login\`; each load is a new browser context`,
    '(empty cache and storage) with the token, user and privacy consent put into localStorage the way the app stores them, CPU throttled',
    `${CPU_RATE}× (\`Emulation.setCPUThrottlingRate\`), no network throttling (loopback). Time = from navigation start to the frame after the first`,
    '`.e2e-notice-item` enters the home feed (MutationObserver + requestAnimationFrame in the page). One unmeasured load first.',
    '',
    '```',
    `H5 time to first notice = ${firstNotice.toFixed(0)} ms (median of ${LOADS} cold loads; runs: ${loads.map((l) => l.firstNoticeMs.toFixed(0)).join(', ')})`,
    `H5 first-load JS = ${kb(js.gzip)} gzipped (gzip -9), ${kb(js.raw)} raw, ${js.files.length} files`,
    '```',
    '',
    "First-load JS = every script the page had received before the first notice showed (the entry, its chunks and the home page's):",
    '',
    '| file | raw | gzip -9 |',
    '|---|---:|---:|',
    ...js.files.map(
      (f) => `| ${f.path} | ${f.raw === null ? 'n/a' : kb(f.raw)} | ${f.gzip === null ? 'n/a' : kb(f.gzip)} |`,
    ),
    '',
  ]);
  if (!check.passed) {
    console.error(check.output);
    process.exitCode = 1;
  }
}

main().catch(async (error) => {
  console.error(error);
  await stopAll();
  process.exitCode = 1;
});
