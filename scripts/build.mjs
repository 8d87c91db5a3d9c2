// pnpm build: build every app that is missing or stale (--force: all of them).
import { buildStale, ensureInstalled } from './lib.mjs';

await ensureInstalled();
await buildStale(['shared-types', 'server', 'console', 'h5'], { force: process.argv.includes('--force') });
