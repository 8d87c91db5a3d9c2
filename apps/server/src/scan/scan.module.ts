import { Module } from '@nestjs/common';
import { ActivitiesModule } from '../activities/activities.module.js';
import { BookingsModule } from '../bookings/bookings.module.js';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { ScanController } from './scan.controller.js';

/** POST scan: door codes of rooms, rotating activity check-in/check-out codes, and personal codes (a helper arriving). */
@Module({ imports: [BookingsModule, ActivitiesModule, HelpRequestsModule], controllers: [ScanController] })
export class ScanModule {}
