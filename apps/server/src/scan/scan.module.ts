import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { EventsModule } from '../events/events.module.js';
import { ScanController } from './scan.controller.js';

/** POST scan: door codes of rooms (a booking's or an event's check-in) and rotating activity check-in/check-out codes. */
@Module({ imports: [BookingsModule, ActivitiesModule, EventsModule], controllers: [ScanController] })
export class ScanModule {}
