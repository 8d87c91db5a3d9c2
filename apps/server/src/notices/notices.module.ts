import { Module } from '@nestjs/common';
import { RawReads } from '../database/raw-reads.js';
import { NoticesController } from './notices.controller.js';
import { NoticesScheduler } from './notices.scheduler.js';
import { NoticesService } from './notices.service.js';

@Module({
  controllers: [NoticesController],
  providers: [NoticesService, NoticesScheduler, RawReads],
  exports: [NoticesService],
})
export class NoticesModule {}
