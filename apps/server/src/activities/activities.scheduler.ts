import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { ActivitySignupsService } from './activity-signups.service.js';

/** Reminders 1 h before start. Every process may run this: each activity is claimed once in the database. */
@Injectable()
export class ActivitiesScheduler {
  private readonly logger = new Logger(ActivitiesScheduler.name);
  private running = false;

  constructor(private readonly signups: ActivitySignupsService) {}

  @Interval('activities-reminders', 60_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.signups.sendReminders();
    } catch (error) {
      this.logger.error(`activity reminder job failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
