import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { ScanController } from './scan.controller.js';

/** POST scan: door codes of rooms and rotating activity check-in/check-out codes. */
@Module({ imports: [BookingsModule, ActivitiesModule], controllers: [ScanController] })
export class ScanModule {}
