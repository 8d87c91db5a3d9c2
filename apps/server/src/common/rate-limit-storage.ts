import type { ThrottlerStorage } from '@nestjs/throttler';

export type RateLimitRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** One counter a request is counted against, with its limit per window. */
export interface RateLimitHit {
  key: string;
  limit: number;
}

/** Where the counters live (the database, or Redis when REDIS_URL is set). */
export interface RateLimitStorage extends ThrottlerStorage {
  /** Counts one hit on each counter at once (a request's IP and user); the records answer in the same order. */
  hitAll(
    hits: readonly RateLimitHit[],
    ttl: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord[]>;
}
