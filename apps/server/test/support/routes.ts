import { randomBytes } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { repoRoot } from '../../src/common/app-config.js';

/** One route as Fastify registered it: `url` is the pattern, e.g. `/api/v1/bookings/:id/cancel`. */
export interface ApiRoute {
  method: string;
  url: string;
}

export const routeKey = (route: ApiRoute) => `${route.method} ${route.url}`;

/**
 * The server's real route table. Pass `env` to startTestApp; after it started, `read()` gives every route the
 * server registered (LINLI_ROUTES_FILE makes it write them once ready), minus two kinds that are not endpoints
 * of their own:
 * - HEAD routes Fastify adds beside each GET (exposeHeadRoutes): same handler, same guards;
 * - the built clients served as static files: the H5 mini-app at `/` and the console at `/console/`.
 */
export function routeTable(): { env: Record<string, string>; read(): ApiRoute[]; remove(): void } {
  const file = join(tmpdir(), `linli-routes-${process.pid}-${randomBytes(4).toString('hex')}.json`);
  return {
    env: { LINLI_ROUTES_FILE: file },
    read: () => {
      if (!existsSync(file))
        throw new Error(
          `the server wrote no route table to ${file}: was it started with this env, from a fresh build?`,
        );
      const all = JSON.parse(readFileSync(file, 'utf8')) as ApiRoute[];
      const gets = new Set(all.filter((r) => r.method === 'GET').map((r) => r.url));
      const assets = staticClientRoutes();
      const seen = new Set<string>();
      return all.filter((r) => {
        if (r.method === 'HEAD' && gets.has(r.url)) return false;
        if (assets.has(r.url)) return false;
        if (seen.has(routeKey(r))) return false;
        seen.add(routeKey(r));
        return true;
      });
    },
    remove: () => rmSync(file, { force: true }),
  };
}

/** URLs @fastify/static registers for the built H5 app (at /) and console (at /console/), when they are built. */
function staticClientRoutes(): Set<string> {
  const urls = new Set<string>();
  const add = (dir: string, prefix: string) => {
    if (!existsSync(join(dir, 'index.html'))) return;
    urls.add(prefix);
    for (const file of filesUnder(dir)) {
      const path = relative(dir, file).split('\\').join('/');
      urls.add(prefix + path);
      // A folder with an index.html is served at its own URL too.
      if (path.endsWith('/index.html')) urls.add(prefix + path.slice(0, -'index.html'.length));
    }
  };
  add(join(repoRoot, 'apps/miniapp/dist/h5'), '/');
  add(join(repoRoot, 'apps/console/dist'), '/console/');
  if (urls.has('/console/')) for (const url of ['/console', '/console/*']) urls.add(url);
  return urls;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(path) : [path];
  });
}

/** A concrete path for a route pattern: `:name` parameters from `params`, wildcards as `*`. */
export function fillRoute(url: string, params: Record<string, string | number> = {}): string {
  return url.replace(/:(\w+)/g, (_m, name: string) => {
    if (params[name] === undefined) throw new Error(`no value for :${name} in ${url}`);
    return String(params[name]);
  });
}
