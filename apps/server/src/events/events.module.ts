import { Module } from '@nestjs/common';
import { EventsController } from './events.controller.js';
import { EventAttendanceService } from './event-attendance.service.js';
import { EventReadsService } from './event-reads.service.js';
import { EventSignupsService } from './event-signups.service.js';
import { EventsService } from './events.service.js';

/** Resident events 社区活动: sign-up with a waitlist, door-code check-in, feedback and thanks. */
@Module({
  controllers: [EventsController],
  providers: [EventsService, EventReadsService, EventSignupsService, EventAttendanceService],
  exports: [EventAttendanceService],
})
export class EventsModule {}
