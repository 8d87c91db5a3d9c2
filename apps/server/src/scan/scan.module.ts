import { Module } from '@nestjs/common';
import { BookingsModule } from '../bookings/bookings.module.js';
import { ScanController } from './scan.controller.js';

/** POST scan: door codes of rooms for now; activity check-in codes join here. */
@Module({ imports: [BookingsModule], controllers: [ScanController] })
export class ScanModule {}
