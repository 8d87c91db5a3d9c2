import { Injectable, Logger } from '@nestjs/common';
import { Interval } from '@nestjs/schedule';
import { BookingJobsService } from './booking-jobs.service.js';

/**
 * No-shows and completions. Every process may run this: each transition is a conditional UPDATE on the
 * booking's status, so a booking changes once whichever process gets there first.
 */
@Injectable()
export class BookingsScheduler {
  private readonly logger = new Logger(BookingsScheduler.name);
  private running = false;

  constructor(private readonly bookings: BookingJobsService) {}

  @Interval('bookings-status', 30_000)
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.bookings.markNoShows();
      await this.bookings.completeFinished();
    } catch (error) {
      this.logger.error(`booking status job failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }
}
