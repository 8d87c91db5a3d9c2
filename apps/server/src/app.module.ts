import { Module, type DynamicModule } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { ScheduleModule } from '@nestjs/schedule';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { ActivitiesModule } from './activities/activities.module.js';
import { AuditModule } from './audit/audit.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BookingsModule } from './bookings/bookings.module.js';
import { CentreModule } from './centre/centre.module.js';
import { APP_CONFIG, type AppConfig } from './common/app-config.js';
import { Clock } from './common/clock.js';
import { writesRequestLogs } from './common/log-level.js';
import { logDestination } from './common/app-logger.js';
import { CommonModule, RATE_LIMIT_STORAGE } from './common/common.module.js';
import { rateLimitThrottlers } from './common/rate-limit.guard.js';
import type { RateLimitStorage } from './common/rate-limit-storage.js';
import { createDataSource, resolveDataSourceOptions } from './database/data-source-options.js';
import { DemoModule } from './demo/demo.module.js';
import { EventsModule } from './events/events.module.js';
import { GroupsModule } from './groups/groups.module.js';
import { FamilyCreditModule } from './family/family-credit.module.js';
import { FamilyModule } from './family/family.module.js';
import { HealthModule } from './health/health.module.js';
import { HelpRequestsModule } from './help-requests/help-requests.module.js';
import { NoticesModule } from './notices/notices.module.js';
import { NotificationsModule } from './notifications/notifications.module.js';
import { RequestsModule } from './requests/requests.module.js';
import { ResidentsModule } from './residents/residents.module.js';
import { RoomsModule } from './rooms/rooms.module.js';
import { ScanModule } from './scan/scan.module.js';
import { TenancyModule } from './tenancy/tenancy.module.js';
import { TimebankModule } from './timebank/timebank.module.js';
import { UploadsModule } from './uploads/uploads.module.js';
import { UsersModule } from './users/users.module.js';

export interface AppOptions {
  clock?: Clock;
  /** Where request logs go (tests capture them); stdout by default. */
  logStream?: DestinationStream;
  /** Serve the built H5 app and console (off in jest, which runs the API only). */
  serveClients?: boolean;
}

/** Paths pino must never write: tokens, passwords, WeChat secrets. */
export const REDACTED_LOG_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'req.body.password',
  'req.body.code',
  'res.headers["set-cookie"]',
  '*.token',
  '*.password',
  '*.passwordHash',
  '*.session_key',
  '*.sessionKey',
  '*.wechatSessionKey',
];

@Module({})
export class AppModule {
  static register(config: AppConfig, options: AppOptions = {}): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot({ isGlobal: true, ignoreEnvFile: true, load: [() => ({ app: config })] }),
        CommonModule.register(config, options.clock),
        LoggerModule.forRoot({
          pinoHttp: [
            {
              level: config.logLevel,
              redact: { paths: REDACTED_LOG_PATHS, censor: '[redacted]' },
              // The query string may carry codes; log the path only.
              serializers: {
                req: (req: { id: unknown; method: string; url: string }) => ({
                  id: req.id,
                  method: req.method,
                  url: req.url.split('?')[0],
                }),
                res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
              },
              autoLogging: { ignore: (req: { url?: string }) => req.url === '/api/v1/health' },
            },
            options.logStream ?? logDestination(),
          ],
          // Above info no request log is written: skip the per-request middleware (logs then go to the root logger).
          ...(writesRequestLogs(config.logLevel) ? {} : { forRoutes: [] }),
        }),
        TypeOrmModule.forRootAsync({
          useFactory: async () => ({
            ...(await resolveDataSourceOptions(config.database)),
            retryAttempts: 2,
            retryDelay: 1000,
          }),
          dataSourceFactory: async (options) => createDataSource(options!).initialize(),
        }),
        ThrottlerModule.forRootAsync({
          inject: [APP_CONFIG, RATE_LIMIT_STORAGE],
          useFactory: (app: AppConfig, storage: RateLimitStorage) => ({
            throttlers: rateLimitThrottlers(app),
            storage,
          }),
        }),
        ScheduleModule.forRoot(),
        AuditModule,
        TenancyModule,
        UsersModule,
        AuthModule,
        ResidentsModule,
        RequestsModule,
        UploadsModule,
        NotificationsModule,
        NoticesModule,
        TimebankModule,
        RoomsModule,
        BookingsModule,
        ActivitiesModule,
        HelpRequestsModule,
        GroupsModule,
        EventsModule,
        CentreModule,
        FamilyModule,
        FamilyCreditModule,
        ScanModule,
        HealthModule,
        DemoModule,
      ],
    };
  }
}
