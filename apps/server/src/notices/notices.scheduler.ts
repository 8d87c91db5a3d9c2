import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { NoticeAudience } from './notice-audience.service.js';

/** Scheduled notices appear by themselves (the feed compares publishAt with the clock); this only sends their "请确认" notifications. */
@Injectable()
export class NoticesScheduler {
  private readonly logger = new Logger(NoticesScheduler.name);
  private running = false;

  constructor(private readonly audience: NoticeAudience) {}

  @Interval('notices-notify-due', 15_000)
  async notifyDue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.audience.notifyDueNotices();
    } catch (error) {
      this.logger.error(`notifying scheduled notices failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
