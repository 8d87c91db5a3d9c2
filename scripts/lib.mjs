// Shared by start, build and test: run commands, install dependencies, rebuild what is stale.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const PNPM_VERSION = '12.21.0';

/** better-sqlite3 and argon2 compile here; node-gyp must use the local Node headers, not download them. */
if (!process.env.npm_config_nodedir && existsSync('/usr/include/node/node.h')) process.env.npm_config_nodedir = '/usr';

export function log(message) {
  console.log(`\x1b[36m[linli]\x1b[0m ${message}`);
}

/** pnpm itself: the one on PATH if it is version 12, otherwise fetched once through npx. */
export function pnpmCommand() {
  const probe = spawnSync('pnpm', ['--version'], { encoding: 'utf8' });
  if (probe.status === 0 && probe.stdout.trim().startsWith('12.')) return ['pnpm'];
  return ['npx', '-y', `pnpm@${PNPM_VERSION}`];
}

export function run(command, args, options = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(command, args, {
      cwd: root,
      stdio: 'inherit',
      ...options,
      env: { ...process.env, ...options.env },
    });
    child.on('exit', (code, signal) => resolvePromise(code ?? (signal ? 1 : 0)));
  });
}

export async function mustRun(command, args, options = {}) {
  const code = await run(command, args, options);
  if (code !== 0) {
    console.error(`\n[linli] failed (${code}): ${command} ${args.join(' ')}`);
    process.exit(code);
  }
}

export async function pnpm(args, options = {}) {
  const [command, ...prefix] = pnpmCommand();
  return mustRun(command, [...prefix, ...args], options);
}

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'dist' || entry.startsWith('.')) continue;
    latest = Math.max(latest, newest(join(path, entry)));
  }
  return latest;
}

/** Install when node_modules is missing or older than the lockfile. */
export async function ensureInstalled() {
  const marker = join(root, 'node_modules/.modules.yaml');
  if (existsSync(marker) && statSync(marker).mtimeMs >= statSync(join(root, 'pnpm-lock.yaml')).mtimeMs) return;
  log('installing dependencies (first run compiles better-sqlite3 and argon2: a few minutes)…');
  await pnpm(['install', '--frozen-lockfile']);
}

/** What each app builds from and into. */
export const targets = {
  'shared-types': {
    filter: '@linli/shared-types',
    script: 'build',
    inputs: ['packages/shared-types/src', 'packages/shared-types/tsconfig.build.json'],
    output: 'packages/shared-types/dist/index.js',
  },
  server: {
    filter: '@linli/server',
    script: 'build',
    inputs: ['apps/server/src', 'apps/server/tsconfig.build.json', 'packages/shared-types/src'],
    output: 'apps/server/dist/main.js',
  },
  console: {
    filter: '@linli/console',
    script: 'build',
    inputs: ['apps/console/src', 'apps/console/index.html', 'apps/console/vite.config.ts', 'packages/shared-types/src'],
    output: 'apps/console/dist/index.html',
  },
  h5: {
    filter: '@linli/miniapp',
    script: 'build:h5',
    inputs: ['apps/miniapp/src', 'apps/miniapp/config', 'packages/shared-types/src'],
    output: 'apps/miniapp/dist/h5/index.html',
  },
};

export function isStale(name) {
  const target = targets[name];
  const built = existsSync(join(root, target.output)) ? statSync(join(root, target.output)).mtimeMs : 0;
  return built === 0 || Math.max(...target.inputs.map((p) => newest(join(root, p)))) > built;
}

/** Build the named targets that are missing or older than their sources (all of them with force). */
export async function buildStale(names, { force = false } = {}) {
  for (const name of names) {
    if (!force && !isStale(name)) continue;
    const started = Date.now();
    log(`building ${name}…`);
    await pnpm(['--filter', targets[name].filter, targets[name].script]);
    log(`built ${name} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  }
}
