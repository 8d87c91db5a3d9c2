// pnpm start / npm start: install and build what is missing, then run one server process with the demo street.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { buildStale, ensureInstalled, log, root } from './lib.mjs';

await ensureInstalled();
await buildStale(['shared-types', 'server', 'console', 'h5']);

const env = { ...process.env };
if (env.LINLI_DEMO === undefined) env.LINLI_DEMO = '1';
log(env.LINLI_DEMO === '1' ? 'starting in demo mode (LINLI_DEMO=1)' : 'starting');
const server = spawn(process.execPath, [join(root, 'apps/server/dist/main.js')], { cwd: root, env, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
