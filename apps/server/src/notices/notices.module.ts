import { Module } from '@nestjs/common';
import { NoticeAudience } from './notice-audience.service.js';
import { NoticeEditingService } from './notice-editing.service.js';
import { NoticeReadingService } from './notice-reading.service.js';
import { NoticeStatsService } from './notice-stats.service.js';
import { NoticeUnread } from './notice-unread.js';
import { NoticesController } from './notices.controller.js';
import { NoticesScheduler } from './notices.scheduler.js';

@Module({
  controllers: [NoticesController],
  providers: [
    NoticeReadingService,
    NoticeEditingService,
    NoticeStatsService,
    NoticeAudience,
    NoticeUnread,
    NoticesScheduler,
  ],
})
export class NoticesModule {}
