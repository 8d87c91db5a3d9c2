import { Global, Module, type DynamicModule } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from './app-config.js';
import { Clock } from './clock.js';
import { RawReads } from '../database/raw-reads.js';
import { DatabaseThrottlerStorage } from './database-throttler.storage.js';

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
        RawReads,
      ],
      exports: [APP_CONFIG, Clock, DatabaseThrottlerStorage, RawReads],
    };
  }
}
