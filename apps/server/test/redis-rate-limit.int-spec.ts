import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisThrottlerStorage } from '../src/common/redis-throttler.storage.js';
import { startTestApp } from './support/test-app.js';

/** The Redis server of this machine kind (127.0.0.1:6379, nothing kept on disk); LINLI_TEST_REDIS_URL for another. */
const redisUrl = process.env.LINLI_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Two storages stand for two server processes counting in one Redis. */
describe('rate-limit counters in Redis (REDIS_URL)', () => {
  let a: RedisThrottlerStorage;
  let b: RedisThrottlerStorage;
  let admin: Redis;
  // Every key of this run under its own throttler name, removed after.
  const name = `t${randomBytes(4).toString('hex')}`;

  beforeAll(async () => {
    a = new RedisThrottlerStorage(redisUrl);
    b = new RedisThrottlerStorage(redisUrl);
    admin = new Redis(redisUrl);
    await Promise.all([a.ready(), b.ready()]);
  });
  afterAll(async () => {
    const keys = await admin.keys(`linli:rate:{${name}*`);
    if (keys.length) await admin.del(...keys);
    await admin.quit();
    await a?.onApplicationShutdown();
    await b?.onApplicationShutdown();
  });

  it('loses no hit across processes under concurrency, and lets no more than the limit through', async () => {
    const storages = [a, b];
    const hits = await Promise.all(
      Array.from({ length: 40 }, (_, i) => storages[i % 2].increment('ip-1', 60_000, 10, 60_000, name)),
    );
    expect(Number(await admin.get(`linli:rate:{${name}:ip-1}`))).toBe(40);
    expect(hits.map((h) => h.totalHits).sort((x, y) => x - y)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1));
    expect(hits.filter((h) => !h.isBlocked)).toHaveLength(10);
    expect(hits.every((h) => h.timeToExpire > 0 && h.timeToExpire <= 60)).toBe(true);
  });

  it('blocks past the limit and says for how long; the window and the block expire by themselves', async () => {
    const results = [];
    for (let i = 0; i < 4; i++) results.push(await a.increment('ip-2', 1000, 3, 1500, name));
    expect(results.map((r) => r.isBlocked)).toEqual([false, false, false, true]);
    expect(results[3].timeToBlockExpire).toBe(2); // 1.5 s, rounded up as the database storage does
    // The window (1 s) is over but the block (1.5 s) is not: still blocked.
    await new Promise((r) => setTimeout(r, 1100));
    expect(await b.increment('ip-2', 1000, 3, 1500, name)).toMatchObject({ totalHits: 1, isBlocked: true });
    await new Promise((r) => setTimeout(r, 500));
    expect(await b.increment('ip-2', 1000, 3, 1500, name)).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('keeps keys of different throttlers apart, and a zero block never blocks', async () => {
    await a.increment('ip-3', 60_000, 1, 0, name);
    expect(await a.increment('ip-3', 60_000, 1, 0, `${name}x`)).toMatchObject({ totalHits: 1 });
    expect(await a.increment('ip-3', 60_000, 1, 0, name)).toMatchObject({ totalHits: 2, isBlocked: false });
  });

  it('answers 503 SERVICE_UNAVAILABLE while Redis cannot be reached', async () => {
    const nowhere = new RedisThrottlerStorage('redis://127.0.0.1:1');
    await expect(nowhere.increment('ip-4', 60_000, 10, 0, name)).rejects.toMatchObject({ code: 'SERVICE_UNAVAILABLE' });
    await expect(nowhere.ready(300)).rejects.toThrow(/did not answer/);
    await nowhere.onApplicationShutdown();
  });

  it('the built server with REDIS_URL counts in Redis (the database stays the default store of everything else)', async () => {
    const t = await startTestApp({ env: { REDIS_URL: redisUrl, DEV_LOGIN_RATE_LIMIT: '3' } });
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push(
          (await t.request('POST', '/api/v1/auth/dev-login', { body: { phone: '13800000001', community: 'G' } }))
            .status,
        );
      expect(statuses).toEqual([200, 200, 200, 429]);
      expect(await t.dataSource.query('SELECT bucket FROM rate_limits')).toEqual([]);
      expect(Number(await admin.get('linli:rate:{dev-login:dev-login:ip:127.0.0.1}'))).toBeGreaterThanOrEqual(4);
    } finally {
      await admin.del(
        'linli:rate:{dev-login:dev-login:ip:127.0.0.1}',
        'linli:rate:{dev-login:dev-login:ip:127.0.0.1}:block',
      );
      await t.close();
    }
  }, 120_000);
});
