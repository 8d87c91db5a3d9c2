import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { NoticesService } from './notices.service.js';

/** Scheduled notices appear by themselves (the feed compares publishAt with the clock); this only sends their "请确认" notifications. */
@Injectable()
export class NoticesScheduler {
  private readonly logger = new Logger(NoticesScheduler.name);
  private running = false;

  constructor(private readonly notices: NoticesService) {}

  @Interval('notices-notify-due', 15_000)
  async notifyDue(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.notices.notifyDueNotices();
    } catch (error) {
      this.logger.error(`notifying scheduled notices failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
