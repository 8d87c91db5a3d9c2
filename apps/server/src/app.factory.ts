import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import multipart from '@fastify/multipart';
import { NestFactory } from '@nestjs/core';
import { UPLOAD_MAX_BYTES } from '@linli/shared-types';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module.js';
import { createApiDocument } from './common/api-document.js';
import { repoRoot, type AppConfig } from './common/app-config.js';
import { AppValidationPipe } from './common/app-validation.pipe.js';
import { withQuietRouteMapping } from './common/app-logger.js';
import { ErrorFilter, validationException } from './common/error-filter.js';
import { SafeTextPipe } from './common/input-hygiene.js';
import { securityHeaders } from './common/security-headers.js';
import { recordRouteTable } from './common/route-table.js';

export const API_PREFIX = 'api/v1';

/** The one way to build the app: main.ts and every HTTP test use it, so tests see what production runs. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({
    bodyLimit: 512 * 1024,
    trustProxy: config.trustProxy,
    forceCloseConnections: 'idle',
  });
  // Tests only: the real route table, for the authorization matrix.
  if (process.env.LINLI_ROUTES_FILE) recordRouteTable(adapter.getInstance(), process.env.LINLI_ROUTES_FILE);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, options), adapter, {
    bufferLogs: true,
  });
  app.useLogger(withQuietRouteMapping(app.get(Logger)));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(
    new SafeTextPipe(),
    new AppValidationPipe({
      whitelist: true,
      forbidNonWhitelisted: true,
      transform: true,
      exceptionFactory: validationException,
    }),
  );
  app.useGlobalFilters(new ErrorFilter());
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });

  const h5Index = join(repoRoot, 'apps/miniapp/dist/h5/index.html');
  const headers = securityHeaders({
    contentSecurityPolicy: { directives: contentSecurityPolicy(inlineScriptHashes(h5Index)) },
  });
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onRequest', (_request, reply, done) => {
      reply.headers(headers);
      done();
    });

  // POST uploads: one file per request, nothing else; a larger file stops at the limit (the controller answers 413).
  await app.register(multipart, { limits: { fileSize: UPLOAD_MAX_BYTES, files: 1, fields: 0, parts: 1 } });

  // Swagger UI at /api/docs, the document itself at /api/docs-json (what client generators and the lint read).
  SwaggerModule.setup('api/docs', app, createApiDocument(app), { jsonDocumentUrl: 'api/docs-json' });

  if (options.serveClients !== false) await serveClients(app);
  return app;
}

/**
 * What the H5 app, the console and Swagger UI need, and no more: their own scripts (plus the H5 page's one
 * inline script, by hash), inline styles (antd and Taro set style attributes), images from data:/blob: and
 * https: (room photos), API calls to this origin. No upgrade-insecure-requests: intranet deployments run on http.
 */
export function contentSecurityPolicy(scriptHashes: string[]): Record<string, string[] | null> {
  return {
    'default-src': ["'self'"],
    'script-src': ["'self'", ...scriptHashes],
    'script-src-attr': ["'none'"],
    'style-src': ["'self'", "'unsafe-inline'"],
    'img-src': ["'self'", 'data:', 'blob:', 'https:'],
    'font-src': ["'self'", 'data:'],
    'connect-src': ["'self'"],
    'object-src': ["'none'"],
    'base-uri': ["'self'"],
    'form-action': ["'self'"],
    'frame-ancestors': ["'self'"],
    'upgrade-insecure-requests': null,
  };
}

/** CSP hashes of the inline scripts of a built page (Taro's H5 page sets the root font size inline). */
export function inlineScriptHashes(htmlFile: string): string[] {
  if (!existsSync(htmlFile)) return [];
  const html = readFileSync(htmlFile, 'utf8');
  return [...html.matchAll(/<script(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/g)]
    .filter(([, body]) => body.length > 0)
    .map(([, body]) => `'sha256-${createHash('sha256').update(body).digest('base64')}'`);
}

/** The H5 mini-app at / and the console at /console/, when they have been built. */
async function serveClients(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const h5 = join(repoRoot, 'apps/miniapp/dist/h5');
  const consoleDist = join(repoRoot, 'apps/console/dist');
  // Loaded only when serving: it requires an ES module, which jest on Node 20 cannot load from CommonJS.
  const { default: fastifyStatic } = await import('@fastify/static');
  if (existsSync(join(consoleDist, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: consoleDist,
      prefix: '/console/',
      wildcard: false,
      decorateReply: false,
    });
    fastify.get('/console', (_req, reply) => reply.redirect('/console/'));
    // Client-side routes of the console all answer its index page (read per request: a rebuild needs no restart).
    fastify.get('/console/*', (_req, reply) =>
      reply.type('text/html; charset=utf-8').send(readFileSync(join(consoleDist, 'index.html'))),
    );
  }
  if (existsSync(join(h5, 'index.html'))) {
    await app.register(fastifyStatic, { root: h5, prefix: '/', wildcard: false, decorateReply: false });
  }
}
