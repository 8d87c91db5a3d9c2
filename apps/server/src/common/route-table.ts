import { renameSync, writeFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';

export interface RegisteredRoute {
  method: string;
  url: string;
}

/**
 * Writes every route Fastify registers (method + url pattern) to `file` as JSON once the server is ready,
 * so tests can walk the real route table: a route added without a test entry then fails the authorization matrix.
 * Must be called before any route is registered.
 */
export function recordRouteTable(fastify: FastifyInstance, file: string): void {
  const routes: RegisteredRoute[] = [];
  fastify.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) routes.push({ method, url: route.url });
  });
  fastify.addHook('onReady', async () => {
    // Written whole, then renamed: a reader never sees half a file.
    writeFileSync(`${file}.tmp`, JSON.stringify(routes, null, 1));
    renameSync(`${file}.tmp`, file);
  });
}
