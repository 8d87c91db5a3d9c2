import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Notices with audience, reads and acknowledgements; the notification inbox and the outbox. */
export class Notices1764400000000 implements MigrationInterface {
  name = 'Notices1764400000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'notices',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('authorId', { isNullable: true }),
          col.varchar('title', 100),
          col.text('body'),
          col.varchar('excerpt', 200),
          col.varchar('category', 16),
          col.bool('pinned', false),
          col.bool('requiresAck', false),
          col.bool('wholeCommunity', true),
          col.varchar('audienceBuildingIds', 2000, { default: "''" }),
          col.varchar('status', 16),
          col.datetime('publishAt', { isNullable: true }),
          col.datetime('expiresAt', { isNullable: true }),
          col.datetime('archivedAt', { isNullable: true }),
          col.datetime('notifyDueAt', { isNullable: true }),
          col.createdAt(),
          col.datetime('updatedAt'),
        ],
        indices: [
          new TableIndex({
            name: 'idx_notices_feed',
            columnNames: ['communityId', 'status', 'pinned', 'publishAt', 'id'],
          }),
          new TableIndex({ name: 'idx_notices_recent', columnNames: ['communityId', 'status', 'publishAt'] }),
          new TableIndex({ name: 'idx_notices_community_id', columnNames: ['communityId', 'id'] }),
          new TableIndex({ name: 'idx_notices_notify_due', columnNames: ['notifyDueAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_buildings',
        columns: [col.int('noticeId', { isPrimary: true }), col.int('buildingId', { isPrimary: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_reads',
        columns: [
          col.id(),
          col.int('noticeId'),
          col.int('userId'),
          col.datetime('readAt'),
          col.datetime('ackAt', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_notice_reads_notice_user', columnNames: ['noticeId', 'userId'], isUnique: true }),
          new TableIndex({ name: 'idx_notice_reads_user', columnNames: ['userId', 'noticeId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notifications',
        columns: [
          col.id(),
          col.int('userId'),
          col.int('communityId', { isNullable: true }),
          col.varchar('kind', 32),
          col.varchar('title', 100),
          col.varchar('body', 500),
          col.varchar('link', 255, { isNullable: true }),
          col.datetime('readAt', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_notifications_user_id', columnNames: ['userId', 'id'] }),
          new TableIndex({ name: 'idx_notifications_user_unread', columnNames: ['userId', 'readAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'outbox_messages',
        columns: [
          col.id(),
          col.varchar('channel', 32),
          col.int('userId'),
          col.text('payload'),
          col.varchar('status', 16),
          col.int('attempts', { default: 0 }),
          col.datetime('nextAttemptAt'),
          col.datetime('lockedUntil', { isNullable: true }),
          col.varchar('lockedBy', 64, { isNullable: true }),
          col.varchar('lastError', 500, { isNullable: true }),
          col.datetime('sentAt', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_outbox_due', columnNames: ['status', 'nextAttemptAt'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['outbox_messages', 'notifications', 'notice_reads', 'notice_buildings', 'notices']) {
      await q.dropTable(table);
    }
  }
}
