import type { LoggerService } from '@nestjs/common';
import type { DestinationStream } from 'pino';
import pretty from 'pino-pretty';

/** Where logs go: JSON lines for a file, a pipe or a collector; readable lines when a person watches a terminal. */
export function logDestination(stdout: NodeJS.WriteStream = process.stdout): DestinationStream {
  if (!stdout.isTTY) return stdout;
  return pretty({ destination: stdout, colorize: true, translateTime: 'SYS:HH:MM:ss', ignore: 'pid,hostname' });
}

/** Nest logs one line per controller and route at startup (about a hundred): kept, but at debug level. */
const ROUTE_MAPPING = new Set(['RoutesResolver', 'RouterExplorer']);

/** The app's logger with Nest's route mapping demoted to debug, so `npm start` shows its banner, not a flood. */
export function withQuietRouteMapping(logger: LoggerService): LoggerService {
  return {
    log(message: unknown, ...rest: unknown[]) {
      const context = rest[rest.length - 1];
      if (typeof context === 'string' && ROUTE_MAPPING.has(context)) logger.debug?.(message, ...rest);
      else logger.log(message, ...rest);
    },
    error: (message: unknown, ...rest: unknown[]) => logger.error(message, ...rest),
    warn: (message: unknown, ...rest: unknown[]) => logger.warn(message, ...rest),
    debug: (message: unknown, ...rest: unknown[]) => logger.debug?.(message, ...rest),
    verbose: (message: unknown, ...rest: unknown[]) => logger.verbose?.(message, ...rest),
    fatal: (message: unknown, ...rest: unknown[]) => logger.fatal?.(message, ...rest),
  };
}
