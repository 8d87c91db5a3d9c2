import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { RequestDeadlinesService } from './request-deadlines.service.js';

/**
 * Deadline alerts and auto-close. Every process may run this: each alert is claimed by a conditional UPDATE of the
 * request's alerted phase and each close by one of its status, so each happens once whichever process gets there.
 */
@Injectable()
export class RequestsScheduler {
  private readonly logger = new Logger(RequestsScheduler.name);
  private running = false;

  constructor(private readonly deadlines: RequestDeadlinesService) {}

  @Interval('requests-deadlines', 60_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.deadlines.sendDeadlineAlerts();
      await this.deadlines.autoClose();
    } catch (error) {
      this.logger.error(`requests job failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
