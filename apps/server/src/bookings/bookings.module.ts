import { Module } from '@nestjs/common';
import { HelpRequestsModule } from '../help-requests/help-requests.module.js';
import { RoomsModule } from '../rooms/rooms.module.js';
import { BookingsController } from './bookings.controller.js';
import { BookingsScheduler } from './bookings.scheduler.js';
import { BookingsService } from './bookings.service.js';

/** Bookings of activity-centre rooms: rules, the slot key against double booking, approval, no-shows. */
@Module({
  imports: [RoomsModule, HelpRequestsModule],
  controllers: [BookingsController],
  providers: [BookingsService, BookingsScheduler],
  exports: [BookingsService],
})
export class BookingsModule {}
