// pnpm db:backup [file] / pnpm db:restore <file>: back up or restore the database DATABASE_URL names (as the server reads it).
//   SQLite: a consistent copy through SQLite's online backup API (safe while the server runs); restore copies it back
//           (stop the server first).
//   MariaDB/MySQL: mariadb-dump --single-transaction (a consistent snapshot without locking the app out); restore drops
//           and recreates the database, then loads the dump with the mariadb client (stop the servers first).
// The password of a mysql:// URL goes to the tools through MYSQL_PWD, never on their command line.
import { spawn, spawnSync } from 'node:child_process';
import {
  cpSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { root } from './lib.mjs';

const [command, file] = process.argv.slice(2);
const url = process.env.DATABASE_URL;
const fail = (message) => {
  console.error(`db ${command ?? ''}: ${message}`);
  process.exit(1);
};

/** The same reading of DATABASE_URL as the server's (apps/server/src/common/app-config.ts). */
function database() {
  if (!url) return { type: 'sqlite', path: join(root, 'data/linli.sqlite') };
  if (url.startsWith('sqlite:'))
    return { type: 'sqlite', path: resolve(url.slice('sqlite:'.length).replace(/^\/\//, '')) };
  if (!/^mysql:\/\/[^/]+\/\w+/.test(url)) fail('DATABASE_URL must be sqlite:<path> or mysql://user:pass@host:3306/db');
  const u = new URL(url);
  return {
    type: 'mysql',
    host: u.hostname,
    port: u.port || '3306',
    user: decodeURIComponent(u.username || 'root'),
    password: decodeURIComponent(u.password),
    name: u.pathname.slice(1),
  };
}

/** mariadb-dump / mariadb, or the mysqldump / mysql of a MySQL installation. */
function tool(...names) {
  for (const name of names) if (spawnSync(name, ['--version']).status === 0) return name;
  fail(`none of ${names.join(', ')} found (apt-get install mariadb-client)`);
}

function pipe(bin, args, db, { stdin, stdout }) {
  return new Promise((resolvePromise) => {
    const child = spawn(bin, [`--host=${db.host}`, `--port=${db.port}`, `--user=${db.user}`, ...args], {
      env: { ...process.env, ...(db.password ? { MYSQL_PWD: db.password } : {}) },
      stdio: [stdin ? 'pipe' : 'ignore', stdout ? 'pipe' : 'inherit', 'inherit'],
    });
    if (stdin) createReadStream(stdin).pipe(child.stdin);
    if (stdout) child.stdout.pipe(createWriteStream(stdout));
    child.on('close', (code) => resolvePromise(code ?? 1));
  });
}

const db = database();
/** The photos directory, as the server reads UPLOAD_DIR (relative to the repository root); kept beside the backup as <file>.uploads/. */
const uploadDir = resolve(root, process.env.UPLOAD_DIR || 'data/uploads');
const sqlite = () => createRequire(join(root, 'apps/server/package.json'))('better-sqlite3');
const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '').replace('T', '-');

if (command === 'backup') {
  const target = resolve(
    file ??
      join(
        root,
        'backups',
        `linli-${db.type === 'sqlite' ? 'sqlite' : db.name}-${stamp}.${db.type === 'sqlite' ? 'sqlite' : 'sql'}`,
      ),
  );
  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial`;
  if (db.type === 'sqlite') {
    if (!existsSync(db.path)) fail(`no database at ${db.path}`);
    const Database = sqlite();
    const source = new Database(db.path, { fileMustExist: true });
    await source.backup(partial);
    source.close();
  } else {
    const code = await pipe(
      tool('mariadb-dump', 'mysqldump'),
      [
        '--single-transaction',
        '--quick',
        '--routines',
        '--triggers',
        '--hex-blob',
        '--default-character-set=utf8mb4',
        '--tz-utc',
        db.name,
      ],
      db,
      { stdout: partial },
    );
    if (code !== 0) {
      rmSync(partial, { force: true });
      fail(`dump failed (exit ${code})`);
    }
  }
  // Photos first into <target>.uploads (a copy of files that never change once written), then the database file appears.
  const photos = `${target}.uploads`;
  rmSync(photos, { recursive: true, force: true });
  if (existsSync(uploadDir)) cpSync(uploadDir, photos, { recursive: true });
  renameSync(partial, target); // a backup file that exists is complete
  console.log(
    `backed up ${db.type === 'sqlite' ? db.path : `${db.host}:${db.port}/${db.name}`} to ${target} (${statSync(target).size} bytes)`,
  );
} else if (command === 'restore') {
  if (!file || !existsSync(file)) fail(`usage: pnpm db:restore <backup file>${file ? ` (${file} not found)` : ''}`);
  const source = resolve(file);
  if (db.type === 'sqlite') {
    const Database = sqlite();
    const backup = new Database(source, { readonly: true, fileMustExist: true });
    mkdirSync(dirname(db.path), { recursive: true });
    // Written through SQLite (the target's WAL included), not copied over its files.
    await backup.backup(db.path);
    backup.close();
  } else {
    const client = tool('mariadb', 'mysql');
    const recreate = `DROP DATABASE IF EXISTS \`${db.name}\`; CREATE DATABASE \`${db.name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;`;
    if ((await pipe(client, ['-e', recreate], db, {})) !== 0) fail('could not recreate the database');
    const code = await pipe(client, ['--default-character-set=utf8mb4', db.name], db, { stdin: source });
    if (code !== 0) fail(`loading ${source} failed (exit ${code})`);
  }
  // The photos as they were: files added since are removed, removed ones come back.
  const photos = `${source}.uploads`;
  if (existsSync(photos)) {
    mkdirSync(uploadDir, { recursive: true });
    for (const name of readdirSync(uploadDir)) rmSync(join(uploadDir, name), { recursive: true, force: true });
    cpSync(photos, uploadDir, { recursive: true });
  }
  console.log(`restored ${db.type === 'sqlite' ? db.path : `${db.host}:${db.port}/${db.name}`} from ${source}`);
} else {
  fail('usage: node scripts/db.mjs backup [file] | restore <file>');
}
