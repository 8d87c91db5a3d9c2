// `pnpm bench`: builds the server once, runs every benchmark of issue 7 in turn and joins their sections
// (bench/results/*.md, in name order) into bench/RESULTS.md. A benchmark that fails is reported and the rest still run.
//   node bench/run.mjs [only…]   e.g. `node bench/run.mjs read-ratio` runs just that one
//   node bench/run.mjs --join    runs nothing, only joins the sections into RESULTS.md
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { benchDir, buildServer, gitCommit, log } from './lib.mjs';

const BENCHMARKS = [
  'read-ratio',
  'booking-load',
  'races',
  'scale',
  'scale-out',
  'miniapp-budget',
  'transfer-path',
  'write-paths',
  'read-profile',
];

const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const joinOnly = process.argv.includes('--join');
const chosen = joinOnly ? [] : only.length ? BENCHMARKS.filter((b) => only.includes(b)) : BENCHMARKS;
const started = Date.now();
if (chosen.length) buildServer();
const failed = [];
for (const name of chosen) {
  const t0 = Date.now();
  log(`\n=== ${name}`);
  const { status } = spawnSync(process.execPath, [join(benchDir, `${name}.mjs`), '--skip-build'], { stdio: 'inherit' });
  log(
    `=== ${name}: ${status === 0 ? 'done' : `FAILED (exit ${status})`} in ${((Date.now() - t0) / 1000).toFixed(0)} s`,
  );
  if (status !== 0) failed.push(name);
}
const resultsDir = join(benchDir, 'results');
if (chosen.length === BENCHMARKS.length) {
  const minutes = ((Date.now() - started) / 60000).toFixed(1);
  writeFileSync(
    join(resultsDir, '0-run.md'),
    [
      '## The last full run',
      '',
      `\`pnpm bench\` ran every benchmark (${BENCHMARKS.join(', ')}) on ${new Date().toISOString()}, commit ${gitCommit()}: ` +
        `${minutes} minutes in all, build included${failed.length ? `; FAILED: ${failed.join(', ')}` : ', none failed'}.`,
      '',
    ].join('\n'),
  );
}
const sections = existsSync(resultsDir)
  ? readdirSync(resultsDir)
      .filter((f) => f.endsWith('.md'))
      .sort()
  : [];
writeFileSync(
  join(benchDir, 'RESULTS.md'),
  [
    '# Benchmark results',
    '',
    'Written by `pnpm bench` (`node bench/run.mjs`, issue 7) from the sections in `bench/results/`; each section says when and on which',
    'commit it was last measured.',
    '',
    ...sections.map((f) => readFileSync(join(resultsDir, f), 'utf8').trimEnd() + '\n'),
  ].join('\n'),
);
log(`\nwrote bench/RESULTS.md (${sections.length} sections) in ${((Date.now() - started) / 60000).toFixed(1)} min`);
if (failed.length) {
  log(`failed: ${failed.join(', ')}`);
  process.exit(1);
}
