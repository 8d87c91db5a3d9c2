import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BookingView } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { lockForUpdate, runTransaction } from '../database/transaction.js';
import { RoomsService } from '../rooms/rooms.service.js';
import { User } from '../users/user.entity.js';
import { Booking } from './booking.entity.js';
import { BookingReadsService } from './booking-reads.service.js';
import { toBookingView } from './bookings.mapper.js';
import { checkStaffCheckIn, inCheckInWindow } from './bookings.rules.js';

/** Check-in: the booker scanning the room's door code, or staff on their behalf. */
@Injectable()
export class BookingAttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly rooms: RoomsService,
    private readonly reads: BookingReadsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * The booker scanned the door code of a room: their approved booking of it starting within 15 minutes either side
   * of now is checked in. Scanning again is harmless (the same booking comes back).
   */
  async checkInAtDoor(resident: User, roomId: number): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const room = await this.rooms.visibleRoom(manager, resident, roomId);
      const now = this.clock.now();
      // Locking read (MySQL): a second scan at the same moment waits here, then sees the first one's check-in
      // (a plain read would see the transaction's snapshot), so both answer the stored time.
      const candidates = await lockForUpdate(
        manager,
        manager
          .createQueryBuilder(Booking, 'b')
          .where('b.roomId = :roomId AND b.userId = :userId AND b.status IN (:...statuses)', {
            roomId: room.id,
            userId: resident.id,
            statuses: ['approved', 'checked_in'],
          })
          .orderBy('b.startAt', 'ASC'),
      ).getMany();
      const booking = candidates.find((b) => inCheckInWindow(b.startAt, now));
      if (!booking) throw refuse('BOOKING_NO_CHECKIN');
      if (booking.status === 'approved') {
        const result = await manager.update(
          Booking,
          { id: booking.id, status: 'approved' },
          { status: 'checked_in', checkedInAt: now },
        );
        if (!result.affected) throw new Error(`booking ${booking.id} changed while locked`);
        Object.assign(booking, { status: 'checked_in', checkedInAt: now });
      }
      return toBookingView(booking, room, resident);
    });
  }

  /** Staff check a resident in on their behalf, from 15 minutes before the start until the end. */
  async checkInByStaff(actor: User, bookingId: number): Promise<BookingView> {
    return runTransaction(this.dataSource, async (manager) => {
      const booking = await this.reads.load(manager, actor, bookingId);
      const now = this.clock.now();
      if (booking.status === 'checked_in') return this.reads.view(manager, booking);
      const refusal = checkStaffCheckIn(booking, now);
      if (refusal) throw refuse(refusal.code);
      const result = await manager.update(
        Booking,
        { id: booking.id, status: 'approved' },
        { status: 'checked_in', checkedInAt: now },
      );
      if (!result.affected) throw refuse('BOOKING_NOT_CHECKABLE');
      await this.audit.record(manager, {
        actor,
        communityId: booking.communityId,
        action: 'bookings.check_in',
        targetType: 'booking',
        targetId: booking.id,
        summary: `代为签到预约 #${booking.id}`,
      });
      return this.reads.reread(manager, booking.id);
    });
  }
}
