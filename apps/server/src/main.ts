import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { ConfigError, loadConfig } from './common/app-config.js';
import { createApp } from './app.factory.js';

/**
 * SIGTERM/SIGINT: stop accepting connections and let requests in flight finish (Fastify's close), and only
 * then close the database. Nest's own shutdown hooks close the database first, failing those requests.
 */
function drainOnSignal(app: NestFastifyApplication): void {
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`${signal}: draining requests in flight, then stopping`);
    setTimeout(() => process.exit(1), 15_000).unref();
    // Keep-alive connections go idle once their last response is out; close them as they do.
    const server = app.getHttpServer();
    const sweep = setInterval(() => server.closeIdleConnections(), 100);
    await app.getHttpAdapter().getInstance().close();
    clearInterval(sweep);
    await app.close();
    process.exit(0);
  };
  process.once('SIGTERM', () => void stop('SIGTERM'));
  process.once('SIGINT', () => void stop('SIGINT'));
}

async function main(): Promise<void> {
  let config;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`Linli cannot start: ${error.message}`);
      process.exit(1);
    }
    throw error;
  }
  const app = await createApp(config);
  await app.listen({ port: config.port, host: process.env.HOST ?? '0.0.0.0' });
  drainOnSignal(app);
  const url = (await app.getUrl())
    .replace('[::1]', 'localhost')
    .replace('0.0.0.0', 'localhost')
    .replace('127.0.0.1', 'localhost');
  const lines = [
    '',
    `Linli 邻里 is running (${config.database.type}${config.database.type === 'sqlite' ? `: ${config.database.path}` : ''})`,
    `  mini-app (H5)  ${url}/`,
    `  staff console  ${url}/console/`,
    `  API docs       ${url}/api/docs`,
  ];
  if (config.demo) {
    lines.push(
      `  demo logins    console: staff.g, staff.b (社区工作者), admin (街道管理员); password ${config.demoPassword}`,
      '                 mini-app: dev login with phone 13800000001 (志愿者) … 13800000008, community G; 13900000001 …, community B',
    );
  }
  console.log(lines.join('\n') + '\n');
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
