import { Module } from '@nestjs/common';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { RequestsController } from './requests.controller.js';
import { RequestsScheduler } from './requests.scheduler.js';
import { RequestDeadlinesService } from './request-deadlines.service.js';
import { RequestRecords } from './request-records.js';
import { RequestStatsService } from './request-stats.service.js';
import { RequestWorkflowService } from './request-workflow.service.js';
import { ResidentRequestsService } from './resident-requests.service.js';

/** Resident requests 居民诉求 (接诉即办): life cycle, deadlines and lights, seconds, ratings and the three rates. */
@Module({
  imports: [HelpRequestsModule],
  controllers: [RequestsController],
  providers: [
    RequestRecords,
    ResidentRequestsService,
    RequestWorkflowService,
    RequestStatsService,
    RequestDeadlinesService,
    RequestsScheduler,
  ],
})
export class RequestsModule {}
