import { Module } from '@nestjs/common';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { RequestsController } from './requests.controller.js';
import { RequestsScheduler } from './requests.scheduler.js';
import { RequestsService } from './requests.service.js';

/** Resident requests 居民诉求 (接诉即办): life cycle, deadlines and lights, seconds, ratings and the three rates. */
@Module({
  imports: [HelpRequestsModule],
  controllers: [RequestsController],
  providers: [RequestsService, RequestsScheduler],
  exports: [RequestsService],
})
export class RequestsModule {}
