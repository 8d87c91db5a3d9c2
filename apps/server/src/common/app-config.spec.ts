import { ConfigError, loadConfig } from './app-config.js';

describe('loadConfig', () => {
  it.each<[string, Record<string, string>, string | RegExp]>([
    ['refuses to start without a secret outside demo mode', {}, /LINLI_SECRET is required/],
    ['refuses a short secret', { LINLI_SECRET: 'short' }, /at least 16/],
    ['refuses an unknown database url', { LINLI_DEMO: '1', DATABASE_URL: 'postgres://x/y' }, /DATABASE_URL/],
    ['refuses a bad port', { LINLI_DEMO: '1', PORT: 'eighty' }, /PORT/],
    ['refuses an empty sqlite path', { LINLI_DEMO: '1', DATABASE_URL: 'sqlite:' }, /file path/],
    ['refuses a REDIS_URL that is not redis://', { LINLI_DEMO: '1', REDIS_URL: '127.0.0.1:6379' }, /REDIS_URL/],
    ['refuses a bad outbox interval', { LINLI_DEMO: '1', OUTBOX_POLL_MS: '-5' }, /OUTBOX_POLL_MS/],
    ['refuses a zero scan rate limit', { LINLI_DEMO: '1', SCAN_RATE_LIMIT: '0' }, /SCAN_RATE_LIMIT/],
    [
      'refuses a fractional time-bank rate limit',
      { LINLI_DEMO: '1', TIMEBANK_RATE_LIMIT: '2.5' },
      /TIMEBANK_RATE_LIMIT/,
    ],
    [
      'refuses a non-numeric dev-login rate limit',
      { LINLI_DEMO: '1', DEV_LOGIN_RATE_LIMIT: 'many' },
      /DEV_LOGIN_RATE_LIMIT/,
    ],
    ['refuses a bad outbox lease', { LINLI_DEMO: '1', OUTBOX_LEASE_MS: '2m' }, /OUTBOX_LEASE_MS/],
  ])('%s', (_name, env, message) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(message);
  });

  it.each<[string, Record<string, string>, Partial<ReturnType<typeof loadConfig>>]>([
    ['demo mode runs on embedded sqlite with a demo secret', { LINLI_DEMO: '1' }, { demo: true, port: 3000 }],
    ['a secret outside demo mode is enough', { LINLI_SECRET: 'x'.repeat(32) }, { demo: false }],
    [
      'mysql url is taken as is',
      { LINLI_DEMO: '1', DATABASE_URL: 'mysql://root@127.0.0.1:3306/linli' },
      { database: { type: 'mysql', url: 'mysql://root@127.0.0.1:3306/linli' } },
    ],
    [
      'sqlite memory',
      { LINLI_DEMO: '1', DATABASE_URL: 'sqlite::memory:' },
      { database: { type: 'sqlite', path: ':memory:' } },
    ],
    ['port 0 picks a free port', { LINLI_DEMO: '1', PORT: '0' }, { port: 0 }],
  ])('%s', (_name, env, expected) => {
    expect(loadConfig(env)).toMatchObject(expected);
  });

  it('keeps rate-limit counters in the database unless REDIS_URL is set', () => {
    expect(loadConfig({ LINLI_DEMO: '1' }).redisUrl).toBeNull();
    expect(loadConfig({ LINLI_DEMO: '1', REDIS_URL: 'redis://127.0.0.1:6379/0' }).redisUrl).toBe(
      'redis://127.0.0.1:6379/0',
    );
  });

  it('defaults the database to data/linli.sqlite under the repository', () => {
    const config = loadConfig({ LINLI_DEMO: '1' });
    expect(config.database).toEqual({ type: 'sqlite', path: expect.stringMatching(/data\/linli\.sqlite$/) });
  });

  it('keeps the WeChat base url configurable and trims slashes', () => {
    expect(loadConfig({ LINLI_DEMO: '1', WECHAT_API_BASE: 'http://127.0.0.1:9999/' }).wechat.apiBase).toBe(
      'http://127.0.0.1:9999',
    );
  });

  it('reads the subscribe-message template and the outbox interval, off and 10 s by default', () => {
    expect(loadConfig({ LINLI_DEMO: '1' })).toMatchObject({
      wechat: { templates: { notice: null } },
      outboxPollMs: 10_000,
      outboxLeaseMs: 120_000,
      timebankCapMinutes: 90_000,
      helpAutoConfirmPollMs: 60_000,
    });
    const config = loadConfig({
      LINLI_DEMO: '1',
      WECHAT_APPID: 'wx1',
      WECHAT_SECRET: 's',
      WECHAT_TEMPLATE_NOTICE: 'tpl-1',
      OUTBOX_POLL_MS: '500',
    });
    expect(config).toMatchObject({
      wechat: { appId: 'wx1', secret: 's', templates: { notice: 'tpl-1' } },
      outboxPollMs: 500,
    });
  });

  it('reads the rate limits per minute, with defaults for a volunteer, a check-in desk and the time bank', () => {
    expect(loadConfig({ LINLI_DEMO: '1' })).toMatchObject({
      loginRateLimit: 10,
      devLoginRateLimit: 10,
      scanRateLimit: 60,
      timebankRateLimit: 10,
    });
    const env = {
      LINLI_DEMO: '1',
      LOGIN_RATE_LIMIT: '1000000',
      DEV_LOGIN_RATE_LIMIT: '1000000',
      SCAN_RATE_LIMIT: '1000000',
      TIMEBANK_RATE_LIMIT: '1000000',
    };
    expect(loadConfig(env)).toMatchObject({
      loginRateLimit: 1e6,
      devLoginRateLimit: 1e6,
      scanRateLimit: 1e6,
      timebankRateLimit: 1e6,
    });
  });
});
