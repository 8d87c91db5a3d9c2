import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { EventsModule } from '../events/events.module.js';
import { ScanController } from './scan.controller.js';

/** POST scan: door codes of rooms (a booking's or an event's check-in), rotating activity check-in/check-out codes, and personal codes (a helper arriving). */
@Module({
  imports: [BookingsModule, ActivitiesModule, HelpRequestsModule, EventsModule],
  controllers: [ScanController],
})
export class ScanModule {}
