import { existsSync, rmSync } from 'node:fs';

/** Removes the run's SQLite file (a fresh one is made by the next run anyway). */
export default function globalTeardown(): void {
  const file = process.env.E2E_SQLITE_FILE;
  if (!file || process.env.E2E_DATABASE_URL || process.env.E2E_KEEP_DB) return;
  for (const suffix of ['', '-wal', '-shm', '-journal']) {
    if (existsSync(file + suffix)) rmSync(file + suffix, { force: true });
  }
}
