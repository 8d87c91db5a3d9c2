import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * The unread badge as one primary-key read (issue 18): a per-resident count of unread notices, kept exact by the
 * transactions that read notices and made stale by those that change what a community sees (notices/notice-unread.ts);
 * a per-community version that those transactions bump. And a notice's stats for 10,000 households as two index-only
 * range reads: the community's verified residents with what the follow-up list shows, the notice's reads with their times.
 */
export class NoticeUnread1765400000000 implements MigrationInterface {
  name = 'NoticeUnread1765400000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'notice_versions',
        columns: [col.int('communityId', { isPrimary: true }), col.int('version', { default: 0 })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'notice_unread_counts',
        columns: [
          col.int('userId', { isPrimary: true }),
          col.int('communityId', { isNullable: true }),
          col.int('buildingId', { isNullable: true }),
          col.int('version', { default: 0 }),
          col.int('unread', { default: 0 }),
          col.datetime('validUntil'),
          col.int('touches', { default: 0 }),
        ],
      }),
    );
    await q.createIndex(
      'users',
      new TableIndex({
        name: 'idx_users_audience',
        columnNames: ['communityId', 'status', 'role', 'buildingId', 'unit', 'room', 'name', 'phone'],
      }),
    );
    await q.createIndex(
      'notice_reads',
      new TableIndex({ name: 'idx_notice_reads_notice_times', columnNames: ['noticeId', 'userId', 'readAt', 'ackAt'] }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('notice_reads', 'idx_notice_reads_notice_times');
    await q.dropIndex('users', 'idx_users_audience');
    await q.dropTable('notice_unread_counts');
    await q.dropTable('notice_versions');
  }
}
