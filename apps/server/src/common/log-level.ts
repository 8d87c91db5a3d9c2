import { levels } from 'pino';

/**
 * Whether request logs (pino-http writes them at info) can appear at this level. When they cannot (warn, error,
 * silent…), the per-request logger middleware is not mounted at all: it would build a child logger and an
 * AsyncLocalStorage context for every request only to write nothing (bench/results/1-read-ratio.md).
 */
export function writesRequestLogs(level: string): boolean {
  const value = levels.values[level];
  return value !== undefined && value <= levels.values.info;
}
