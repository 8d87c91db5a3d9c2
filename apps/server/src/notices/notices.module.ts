import { Module } from '@nestjs/common';
import { NoticesController } from './notices.controller.js';
import { NoticesScheduler } from './notices.scheduler.js';
import { NoticesService } from './notices.service.js';

@Module({
  controllers: [NoticesController],
  providers: [NoticesService, NoticesScheduler],
  exports: [NoticesService],
})
export class NoticesModule {}
