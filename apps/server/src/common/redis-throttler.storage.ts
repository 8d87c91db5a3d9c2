import type { OnApplicationShutdown } from '@nestjs/common';
import { Redis } from 'ioredis';
import { refuse } from './app-exception.js';
import type { RateLimitHit, RateLimitRecord, RateLimitStorage } from './rate-limit-storage.js';

/**
 * One hit, atomically: count it in the window (which opens with the first hit and lasts `ttl` ms), and past the
 * limit start a block of `blockDuration` ms unless one is running. Answers hits, ms left in the window, ms left
 * in the block (≤ 0 when none). The same rules as DatabaseThrottlerStorage.
 */
const HIT_SCRIPT = `
local hits = redis.call('INCR', KEYS[1])
local windowLeft = redis.call('PTTL', KEYS[1])
if windowLeft < 0 then
  redis.call('PEXPIRE', KEYS[1], ARGV[1])
  windowLeft = tonumber(ARGV[1])
end
local blockLeft = redis.call('PTTL', KEYS[2])
if hits > tonumber(ARGV[2]) and blockLeft <= 0 and tonumber(ARGV[3]) > 0 then
  redis.call('SET', KEYS[2], '1', 'PX', ARGV[3])
  blockLeft = tonumber(ARGV[3])
end
return { hits, windowLeft, blockLeft }
`;

/**
 * Rate-limit counters in Redis (REDIS_URL set): every server process counts in the same keys, and a busy counter
 * costs the database nothing. Keys `linli:rate:{<throttler>:<key>}` and `…:block`, which expire by themselves.
 */
export class RedisThrottlerStorage implements RateLimitStorage, OnApplicationShutdown {
  private readonly redis: Redis;

  constructor(url: string) {
    // Fail a hit fast while Redis is unreachable rather than hold the request (offline queue off).
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1 });
    this.redis.on('error', () => undefined); // reconnects by itself; a hit meanwhile fails and is answered 503
  }

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    const counter = `linli:rate:{${throttlerName}:${key}}`;
    let answer: unknown;
    try {
      answer = await this.redis.eval(HIT_SCRIPT, 2, counter, `${counter}:block`, ttl, limit, blockDuration);
    } catch {
      // Redis unreachable (or restarting): a clean 503, as when the database is.
      throw refuse('SERVICE_UNAVAILABLE');
    }
    const [hits, windowLeft, blockLeft] = answer as [number, number, number];
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil(windowLeft / 1000)),
      isBlocked: blockLeft > 0,
      timeToBlockExpire: Math.max(0, Math.ceil(blockLeft / 1000)),
    };
  }

  /** The counters of one request, each one script call, sent together. */
  hitAll(
    hits: readonly RateLimitHit[],
    ttl: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord[]> {
    return Promise.all(hits.map((hit) => this.increment(hit.key, ttl, hit.limit, blockDuration, throttlerName)));
  }

  /** Resolves once connected; a REDIS_URL that does not answer in `ms` stops the start with a clear error. */
  async ready(ms = 5000): Promise<void> {
    if (this.redis.status === 'ready') return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      new Promise<void>((resolve) => this.redis.once('ready', () => resolve())),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`Redis at REDIS_URL did not answer in ${ms} ms`)), ms);
      }),
    ]).finally(() => clearTimeout(timer));
  }

  async onApplicationShutdown(): Promise<void> {
    // quit() waits for an answer; a client still reconnecting has none to give, so it is disconnected instead.
    if (this.redis.status === 'ready') await this.redis.quit().catch(() => undefined);
    this.redis.disconnect();
  }
}
