// Preloaded into the Linli process by the benchmarks (`node --require bench/count-statements.cjs`): counts the statements
// the server sends to MariaDB through mysql2 (every query and execute, BEGIN and COMMIT included), so statements per request
// are exact, unlike the shared server's global `Questions` counter that other people's clients also move.
// On SIGUSR2 the count is written to BENCH_STATEMENTS_FILE (see readStatements in lib.mjs). With BENCH_STATEMENTS_LOG set,
// each statement's SQL is also appended to that file, one per line (to see what a request sends).
const { createRequire } = require('node:module');
const { appendFileSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const fromServer = createRequire(require.resolve('typeorm', { paths: [join(__dirname, '..', 'apps', 'server')] }));
let proto = fromServer('mysql2').Connection.prototype;
while (proto && !Object.hasOwn(proto, 'query')) proto = Object.getPrototypeOf(proto);
if (!proto) throw new Error('count-statements: mysql2 connection has no query method');

let statements = 0;
for (const method of ['query', 'execute']) {
  const original = proto[method];
  proto[method] = function counted(...args) {
    statements++;
    if (process.env.BENCH_STATEMENTS_LOG) {
      const sql = typeof args[0] === 'string' ? args[0] : args[0]?.sql;
      appendFileSync(process.env.BENCH_STATEMENTS_LOG, `${String(sql).replace(/\s+/g, ' ')}\n`);
    }
    return original.apply(this, args);
  };
}
process.on('SIGUSR2', () => writeFileSync(process.env.BENCH_STATEMENTS_FILE, String(statements)));
