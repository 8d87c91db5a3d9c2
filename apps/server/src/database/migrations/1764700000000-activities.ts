import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Volunteer activities and their sign-ups with attendance and settlement. */
export class Activities1764700000000 implements MigrationInterface {
  name = 'Activities1764700000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'activities',
        columns: [
          col.id(),
          col.int('communityId'),
          col.varchar('title', 100),
          col.text('description'),
          col.varchar('place', 200),
          col.int('geoLatE6', { isNullable: true }),
          col.int('geoLngE6', { isNullable: true }),
          col.int('geoRadiusM', { isNullable: true }),
          col.datetime('startAt'),
          col.datetime('endAt'),
          col.datetime('signupDeadline'),
          col.int('capacity'),
          col.int('signedUp'),
          col.varchar('status', 16),
          col.datetime('reminderSentAt', { isNullable: true }),
          col.datetime('settledAt', { isNullable: true }),
          col.int('createdById', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_activities_community_start', columnNames: ['communityId', 'status', 'startAt'] }),
          new TableIndex({ name: 'idx_activities_status_start', columnNames: ['status', 'startAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'activity_signups',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('activityId'),
          col.int('userId'),
          col.datetime('checkedInAt', { isNullable: true }),
          col.datetime('checkedOutAt', { isNullable: true }),
          col.int('manualMinutes', { isNullable: true }),
          col.varchar('manualReason', 200, { isNullable: true }),
          col.int('manualById', { isNullable: true }),
          col.datetime('settledAt', { isNullable: true }),
          col.int('creditedMinutes', { isNullable: true }),
          col.int('transactionId', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'uq_activity_signups_activity_user',
            columnNames: ['activityId', 'userId'],
            isUnique: true,
          }),
          new TableIndex({ name: 'idx_activity_signups_user', columnNames: ['userId', 'activityId'] }),
          new TableIndex({ name: 'uq_activity_signups_tx', columnNames: ['transactionId'], isUnique: true }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('activity_signups');
    await q.dropTable('activities');
  }
}
