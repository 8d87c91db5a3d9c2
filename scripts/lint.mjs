// pnpm lint: ESLint over the whole tree as two processes side by side, the clients and the rest. Each builds only the
// TypeScript programs (typed rules) and React Compiler passes of its own half, so on 2 cores the wall time is about
// half; ESLint's own --concurrency hands files out at random and every worker builds every program (no faster here).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const eslint = fileURLToPath(new URL('../node_modules/eslint/bin/eslint.js', import.meta.url));
const clients = ['apps/console', 'apps/miniapp'];
const halves = [
  ['clients', clients],
  ['rest', ['.', ...clients.flatMap((dir) => ['--ignore-pattern', `${dir}/**`])]],
];
const extra = process.argv.slice(2);

const codes = await Promise.all(
  halves.map(
    ([name, args]) =>
      new Promise((resolve) => {
        const child = spawn(
          process.execPath,
          [eslint, '--cache', '--cache-location', `node_modules/.cache/eslint-${name}/`, ...args, ...extra],
          { stdio: 'inherit' },
        );
        child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
      }),
  ),
);
process.exit(Math.max(...codes));
