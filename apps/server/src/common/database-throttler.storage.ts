import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource } from 'typeorm';
import { Clock } from './clock.js';
import { RateLimitCounter } from './rate-limit.entity.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/**
 * Fixed-window counters in the database, so that limits hold across server processes.
 * Each step is one atomic statement; a lost insert race falls back to the update.
 */
@Injectable()
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<ThrottlerStorageRecord> {
    const bucket = `${throttlerName}:${key}`.slice(0, 191);
    const now = this.clock.now().getTime();
    const repo = this.dataSource.getRepository(RateLimitCounter);
    const bump = () =>
      repo
        .createQueryBuilder()
        .update()
        .set({ hits: () => 'hits + 1' })
        .where('bucket = :bucket AND expiresAt > :now', { bucket, now })
        .execute();

    if (!(await bump()).affected) {
      await repo
        .createQueryBuilder()
        .delete()
        .where('bucket = :bucket AND expiresAt <= :now', { bucket, now })
        .execute();
      try {
        await repo.insert({ bucket, hits: 1, expiresAt: now + ttl, blockedUntil: 0 });
      } catch {
        await bump(); // another process opened the window first
      }
    }
    const counter = await repo.findOneByOrFail({ bucket });
    if (counter.hits > limit && counter.blockedUntil <= now) {
      counter.blockedUntil = now + blockDuration;
      await repo.update({ bucket }, { blockedUntil: counter.blockedUntil });
    }
    return {
      totalHits: counter.hits,
      timeToExpire: Math.max(0, Math.ceil((counter.expiresAt - now) / 1000)),
      isBlocked: counter.blockedUntil > now,
      timeToBlockExpire: Math.max(0, Math.ceil((counter.blockedUntil - now) / 1000)),
    };
  }
}
