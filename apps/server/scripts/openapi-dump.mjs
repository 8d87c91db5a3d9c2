// Writes the OpenAPI document of the built server (dist/) to a file, as GET /api/docs-json answers it:
// the app is created on an in-memory SQLite database and asked through Fastify's inject, without listening.
// Usage: node apps/server/scripts/openapi-dump.mjs <out.json>
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

const out = resolve(process.argv[2] ?? 'openapi.json');
const dist = resolve(import.meta.dirname, '../dist');
const { loadConfig } = await import(`${dist}/common/app-config.js`);
const { createApp } = await import(`${dist}/app.factory.js`);

const config = loadConfig({
  DATABASE_URL: 'sqlite::memory:',
  LINLI_SECRET: 'openapi-dump-only-secret',
  LOG_LEVEL: 'silent',
});
const app = await createApp(config, { serveClients: false });
await app.init();
const reply = await app.getHttpAdapter().getInstance().inject({ method: 'GET', url: '/api/docs-json' });
await app.close();
if (reply.statusCode !== 200) throw new Error(`GET /api/docs-json answered ${reply.statusCode}`);
mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, JSON.stringify(JSON.parse(reply.body), null, 1) + '\n');
console.log(`openapi: ${Object.keys(JSON.parse(reply.body).paths).length} paths → ${out}`);
