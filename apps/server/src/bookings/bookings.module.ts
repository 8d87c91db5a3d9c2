import { Module } from '@nestjs/common';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { RoomsModule } from '../rooms/rooms.module.js';
import { BookingAttendanceService } from './booking-attendance.service.js';
import { BookingDecisionsService } from './booking-decisions.service.js';
import { BookingJobsService } from './booking-jobs.service.js';
import { BookingReadsService } from './booking-reads.service.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsScheduler } from './bookings.scheduler.js';
import { BookingsService } from './bookings.service.js';

/** Bookings of activity-centre rooms: rules, the slot key against double booking, approval, no-shows. */
@Module({
  imports: [RoomsModule, HelpRequestsModule],
  controllers: [BookingsController],
  providers: [
    BookingsService,
    BookingReadsService,
    BookingDecisionsService,
    BookingAttendanceService,
    BookingJobsService,
    BookingsScheduler,
  ],
  exports: [BookingsService, BookingAttendanceService],
})
export class BookingsModule {}
