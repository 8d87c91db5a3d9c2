import type { BookingStatus } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/** A booking of a room. Status only changes by conditional updates (`WHERE status = …`). */
@Entity('bookings')
@Index('idx_bookings_room_start', ['roomId', 'startAt'])
@Index('idx_bookings_user_status', ['userId', 'status', 'startAt'])
@Index('idx_bookings_community_start', ['communityId', 'startAt'])
@Index('idx_bookings_status_start', ['status', 'startAt'])
@Index('idx_bookings_group_start', ['groupId', 'startAt'])
export class Booking {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) roomId: number;
  @Column({ type: 'int' }) userId: number;
  @DateTimeColumn() startAt: Date;
  @DateTimeColumn() endAt: Date;
  @Column({ type: 'int' }) minutes: number;
  @Column({ type: 'varchar', length: 200 }) purpose: string;
  @Column({ type: 'int' }) attendees: number;
  @Column({ type: 'varchar', length: 16 }) status: BookingStatus;
  @Column({ type: 'boolean', default: false }) staffBooking: boolean;
  /** Booked for an interest group (groups/): counted against the group's weekly quota, not the booker's. */
  @Column({ type: 'int', nullable: true }) groupId: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) reason: string | null;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @DateTimeColumn({ nullable: true }) decidedAt: Date | null;
  @DateTimeColumn({ nullable: true }) checkedInAt: Date | null;
  @DateTimeColumn({ nullable: true }) noShowAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * One row per 15-minute cell a booking occupies. The unique (roomId, slotStart) key is what makes double booking
 * impossible: two bookings of one cell cannot both commit. Rows are deleted when the booking frees the room.
 * 15 minutes is the finest grid (slots are 15/30/60), so changing a room's slot length never hides an overlap.
 */
@Entity('booking_slots')
@Index('uq_booking_slots_room_slot', ['roomId', 'slotStart'], { unique: true })
@Index('idx_booking_slots_booking', ['bookingId'])
export class BookingSlot {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) roomId: number;
  @DateTimeColumn() slotStart: Date;
  @Column({ type: 'int' }) bookingId: number;
}

/** A resident may not book until `until` (3 no-shows in 30 days); staff may lift it. */
@Entity('booking_suspensions')
@Index('idx_booking_suspensions_user', ['userId', 'until'])
export class BookingSuspension {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) userId: number;
  @DateTimeColumn() until: Date;
  @Column({ type: 'int', nullable: true }) liftedById: number | null;
  @DateTimeColumn({ nullable: true }) liftedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
