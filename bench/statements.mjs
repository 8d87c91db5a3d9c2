// Exact statements sent by one Linli process (see count-statements.cjs): start it with `nodeArgs` and `env`, then
// `await read(child)` before and after a run.
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function statementCounter(name) {
  const file = join(tmpdir(), `linli-statements-${name}-${process.pid}`);
  return {
    nodeArgs: ['--require', fileURLToPath(new URL('./count-statements.cjs', import.meta.url))],
    env: { BENCH_STATEMENTS_FILE: file },
    /** The count so far (the process writes it on SIGUSR2). */
    async read(child) {
      rmSync(file, { force: true });
      child.kill('SIGUSR2');
      for (let i = 0; i < 200; i++) {
        if (existsSync(file)) {
          const text = readFileSync(file, 'utf8');
          if (text) {
            rmSync(file, { force: true });
            return Number(text);
          }
        }
        await sleep(25);
      }
      throw new Error(`${name}: no statement count after SIGUSR2`);
    },
  };
}
