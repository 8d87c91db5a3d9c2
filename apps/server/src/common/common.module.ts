import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config.js';
import { Clock } from './clock.js';
import { RawReads } from '../database/raw-reads.js';
import { DatabaseThrottlerStorage } from './database-throttler.storage.js';
import { RedisThrottlerStorage } from './redis-throttler.storage.js';
import type { RateLimitStorage } from './rate-limit-storage.js';

/** Injection token of the rate-limit counters' storage: Redis when REDIS_URL is set, else the database. */
export const RATE_LIMIT_STORAGE = Symbol('RATE_LIMIT_STORAGE');

/** Config, clock and shared infrastructure, visible to every feature. */
@Global()
@Module({})
export class CommonModule {
  static register(config: AppConfig, clock: Clock = new Clock()): DynamicModule {
    return {
      module: CommonModule,
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: Clock, useValue: clock },
        DatabaseThrottlerStorage,
        {
          provide: RATE_LIMIT_STORAGE,
          inject: [DatabaseThrottlerStorage],
          // REDIS_URL set: counters in Redis; otherwise in the database (the default).
          useFactory: async (database: DatabaseThrottlerStorage): Promise<RateLimitStorage> => {
            if (!config.redisUrl) return database;
            const redis = new RedisThrottlerStorage(config.redisUrl);
            await redis.ready();
            return redis;
          },
        },
        RawReads,
      ],
      exports: [APP_CONFIG, Clock, RATE_LIMIT_STORAGE, RawReads],
    };
  }
}
