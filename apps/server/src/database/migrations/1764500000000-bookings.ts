import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Activity-centre rooms, closures, bookings with one row per occupied 15-minute cell, and no-show suspensions. */
export class Bookings1764500000000 implements MigrationInterface {
  name = 'Bookings1764500000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'rooms',
        columns: [
          col.id(),
          col.int('communityId'),
          col.varchar('name', 50),
          col.varchar('description', 500),
          col.varchar('photos', 2000),
          col.int('capacity'),
          col.varchar('facilities', 500),
          col.varchar('openTime', 5),
          col.varchar('closeTime', 5),
          col.int('slotMinutes'),
          col.int('maxMinutes'),
          col.int('bookAheadDays'),
          col.int('minNoticeMinutes'),
          col.bool('requiresApproval', false),
          col.bool('active', true),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_rooms_community', columnNames: ['communityId', 'active', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'room_closures',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('roomId', { isNullable: true }),
          col.datetime('startAt'),
          col.datetime('endAt'),
          col.varchar('reason', 100),
          col.int('createdById', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_room_closures_community', columnNames: ['communityId', 'endAt'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'bookings',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('roomId'),
          col.int('userId'),
          col.datetime('startAt'),
          col.datetime('endAt'),
          col.int('minutes'),
          col.varchar('purpose', 200),
          col.int('attendees'),
          col.varchar('status', 16),
          col.bool('staffBooking', false),
          col.varchar('reason', 200, { isNullable: true }),
          col.int('decidedById', { isNullable: true }),
          col.datetime('decidedAt', { isNullable: true }),
          col.datetime('checkedInAt', { isNullable: true }),
          col.datetime('noShowAt', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_bookings_room_start', columnNames: ['roomId', 'startAt'] }),
          new TableIndex({ name: 'idx_bookings_user_status', columnNames: ['userId', 'status', 'startAt'] }),
          new TableIndex({ name: 'idx_bookings_community_start', columnNames: ['communityId', 'startAt'] }),
          new TableIndex({ name: 'idx_bookings_status_start', columnNames: ['status', 'startAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'booking_slots',
        columns: [col.id(), col.int('roomId'), col.datetime('slotStart'), col.int('bookingId')],
        indices: [
          new TableIndex({ name: 'uq_booking_slots_room_slot', columnNames: ['roomId', 'slotStart'], isUnique: true }),
          new TableIndex({ name: 'idx_booking_slots_booking', columnNames: ['bookingId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'booking_suspensions',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('userId'),
          col.datetime('until'),
          col.int('liftedById', { isNullable: true }),
          col.datetime('liftedAt', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_booking_suspensions_user', columnNames: ['userId', 'until'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['booking_suspensions', 'booking_slots', 'bookings', 'room_closures', 'rooms']) {
      await q.dropTable(table);
    }
  }
}
