import type { DataSource } from 'typeorm';
import { AuditService } from '../../src/audit/audit.service.js';
import { BookingAttendanceService } from '../../src/bookings/booking-attendance.service.js';
import { BookingDecisionsService } from '../../src/bookings/booking-decisions.service.js';
import { BookingJobsService } from '../../src/bookings/booking-jobs.service.js';
import { BookingReadsService } from '../../src/bookings/booking-reads.service.js';
import { BookingsService } from '../../src/bookings/bookings.service.js';
import type { Clock } from '../../src/common/clock.js';
import { RawReads } from '../../src/database/raw-reads.js';
import { RoomChargesService } from '../../src/help-requests/room-charges.service.js';
import { NotificationsService } from '../../src/notifications/notifications.service.js';
import { RoomsService } from '../../src/rooms/rooms.service.js';
import { LedgerService } from '../../src/timebank/ledger.service.js';

/** The booking services of one process on one data source, wired as BookingsModule wires them. */
export function bookingServices(ds: DataSource, clock: Clock, ledger: LedgerService = new LedgerService()) {
  const audit = new AuditService(ds);
  const rooms = new RoomsService(ds, audit, clock, { secret: 'test-secret-of-16-chars' }, new RawReads(ds));
  const notifications = new NotificationsService(ds, clock);
  const charges = new RoomChargesService(ledger);
  const reads = new BookingReadsService(ds, clock);
  const creation = new BookingsService(ds, audit, clock, charges);
  const decisions = new BookingDecisionsService(ds, reads, notifications, audit, clock, charges);
  const attendance = new BookingAttendanceService(ds, rooms, reads, audit, clock);
  const jobs = new BookingJobsService(ds, notifications, clock, charges);
  return {
    rooms,
    /** Every booking operation under one name, as the suites call them. */
    bookings: {
      book: creation.book.bind(creation),
      recurring: creation.recurring.bind(creation),
      mine: reads.mine.bind(reads),
      list: reads.list.bind(reads),
      cancel: decisions.cancel.bind(decisions),
      approve: decisions.approve.bind(decisions),
      reject: decisions.reject.bind(decisions),
      liftSuspension: decisions.liftSuspension.bind(decisions),
      checkInAtDoor: attendance.checkInAtDoor.bind(attendance),
      checkInByStaff: attendance.checkInByStaff.bind(attendance),
      markNoShows: jobs.markNoShows.bind(jobs),
      completeFinished: jobs.completeFinished.bind(jobs),
    },
  };
}
export type BookingOperations = ReturnType<typeof bookingServices>['bookings'];
