import 'reflect-metadata';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import helmet from '@fastify/helmet';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { AppModule, type AppOptions } from './app.module.js';
import { repoRoot, type AppConfig } from './common/app-config.js';
import { AppValidationPipe } from './common/app-validation.pipe.js';
import { ErrorFilter, validationException } from './common/error-filter.js';
import { recordRouteTable } from './common/route-table.js';

export const API_PREFIX = 'api/v1';

/** The one way to build the app: main.ts and every HTTP test use it, so tests see what production runs. */
export async function createApp(config: AppConfig, options: AppOptions = {}): Promise<NestFastifyApplication> {
  const adapter = new FastifyAdapter({ bodyLimit: 512 * 1024, trustProxy: config.trustProxy, forceCloseConnections: 'idle' });
  // Tests only: the real route table, for the authorization matrix.
  if (process.env.LINLI_ROUTES_FILE) recordRouteTable(adapter.getInstance(), process.env.LINLI_ROUTES_FILE);
  const app = await NestFactory.create<NestFastifyApplication>(AppModule.register(config, options), adapter, { bufferLogs: true });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  app.useGlobalPipes(new AppValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    exceptionFactory: validationException,
  }));
  app.useGlobalFilters(new ErrorFilter());
  if (config.corsOrigins.length) app.enableCors({ origin: config.corsOrigins });

  await app.register(helmet, { contentSecurityPolicy: false });

  const document = SwaggerModule.createDocument(app, new DocumentBuilder()
    .setTitle('Linli 邻里 API').setVersion('1').addBearerAuth().build());
  SwaggerModule.setup('api/docs', app, document);

  if (options.serveClients !== false) await serveClients(app);
  return app;
}

/** The H5 mini-app at / and the console at /console/, when they have been built. */
async function serveClients(app: NestFastifyApplication): Promise<void> {
  const fastify = app.getHttpAdapter().getInstance();
  const h5 = join(repoRoot, 'apps/miniapp/dist/h5');
  const consoleDist = join(repoRoot, 'apps/console/dist');
  // Loaded only when serving: it requires an ES module, which jest on Node 20 cannot load from CommonJS.
  const { default: fastifyStatic } = await import('@fastify/static');
  if (existsSync(join(consoleDist, 'index.html'))) {
    await app.register(fastifyStatic, { root: consoleDist, prefix: '/console/', wildcard: false, decorateReply: false });
    fastify.get('/console', (_req, reply) => reply.redirect('/console/'));
    // Client-side routes of the console all answer its index page (read per request: a rebuild needs no restart).
    fastify.get('/console/*', (_req, reply) => reply.type('text/html; charset=utf-8').send(readFileSync(join(consoleDist, 'index.html'))));
  }
  if (existsSync(join(h5, 'index.html'))) {
    await app.register(fastifyStatic, { root: h5, prefix: '/', wildcard: false, decorateReply: false });
  }
}
