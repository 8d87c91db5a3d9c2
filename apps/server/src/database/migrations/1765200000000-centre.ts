import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * Life in the activity centre: interest groups (members, leaders, notices), resident events (sign-ups with a waitlist,
 * feedback, thanks), and the group a booking was made for (bookings.groupId: its minutes count against the group's
 * quota, not the leader's).
 */
export class Centre1765200000000 implements MigrationInterface {
  name = 'Centre1765200000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'interest_groups',
        columns: [
          col.id(),
          col.int('communityId'),
          col.varchar('name', 30),
          col.varchar('kind', 16),
          col.varchar('description', 500),
          col.int('memberCap', { isNullable: true }),
          col.int('memberCount'),
          col.varchar('status', 16),
          col.varchar('declineReason', 200, { isNullable: true }),
          col.int('weeklyQuotaMinutes'),
          col.int('proposerId'),
          col.int('decidedById', { isNullable: true }),
          col.datetime('decidedAt', { isNullable: true }),
          col.int('turn'),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'uq_interest_groups_community_name',
            columnNames: ['communityId', 'name'],
            isUnique: true,
          }),
          new TableIndex({
            name: 'idx_interest_groups_community_status',
            columnNames: ['communityId', 'status', 'id'],
          }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'group_members',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('groupId'),
          col.int('userId'),
          col.varchar('role', 16),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_group_members_group_user', columnNames: ['groupId', 'userId'], isUnique: true }),
          new TableIndex({ name: 'idx_group_members_user', columnNames: ['userId', 'groupId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'group_notices',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('groupId'),
          col.int('authorId'),
          col.varchar('title', 100),
          col.text('body'),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_group_notices_group', columnNames: ['groupId', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'centre_events',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('groupId', { isNullable: true }),
          col.varchar('title', 100),
          col.varchar('kind', 16),
          col.datetime('startAt'),
          col.datetime('endAt'),
          col.varchar('place', 200),
          col.int('bookingId', { isNullable: true }),
          col.int('roomId', { isNullable: true }),
          col.int('capacity'),
          col.int('signedUp'),
          col.int('queueTurn'),
          col.bool('membersOnly', false),
          col.varchar('status', 16),
          col.int('organiserId'),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_centre_events_community_start', columnNames: ['communityId', 'startAt'] }),
          new TableIndex({ name: 'idx_centre_events_room_start', columnNames: ['roomId', 'startAt'] }),
          new TableIndex({ name: 'idx_centre_events_group_start', columnNames: ['groupId', 'startAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_signups',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('eventId'),
          col.int('userId'),
          col.varchar('status', 16),
          col.int('queueNo'),
          col.datetime('promotedAt', { isNullable: true }),
          col.datetime('checkedInAt', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_event_signups_event_user', columnNames: ['eventId', 'userId'], isUnique: true }),
          new TableIndex({ name: 'idx_event_signups_event_status', columnNames: ['eventId', 'status', 'queueNo'] }),
          new TableIndex({ name: 'idx_event_signups_user', columnNames: ['userId', 'eventId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_feedback',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('eventId'),
          col.int('userId'),
          col.varchar('mood', 8),
          col.varchar('words', 200, { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_event_feedback_event_user', columnNames: ['eventId', 'userId'], isUnique: true }),
          new TableIndex({ name: 'idx_event_feedback_community', columnNames: ['communityId', 'createdAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'event_thanks',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('eventId'),
          col.int('fromUserId'),
          col.int('toUserId'),
          col.varchar('words', 100),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'uq_event_thanks_event_from_to',
            columnNames: ['eventId', 'fromUserId', 'toUserId'],
            isUnique: true,
          }),
          new TableIndex({ name: 'idx_event_thanks_community', columnNames: ['communityId', 'createdAt'] }),
        ],
      }),
    );
    await q.addColumn('bookings', new TableColumn(col.int('groupId', { isNullable: true })));
    await q.createIndex(
      'bookings',
      new TableIndex({ name: 'idx_bookings_group_start', columnNames: ['groupId', 'startAt'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('bookings', 'idx_bookings_group_start');
    await q.dropColumn('bookings', 'groupId');
    for (const table of [
      'event_thanks',
      'event_feedback',
      'event_signups',
      'centre_events',
      'group_notices',
      'group_members',
      'interest_groups',
    ])
      await q.dropTable(table);
  }
}
