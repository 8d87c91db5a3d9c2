import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Mutual help: holds of the time bank (escrow), help requests, offers and care recipients. */
export class MutualHelp1765100000000 implements MigrationInterface {
  name = 'MutualHelp1765100000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'timebank_holds',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('payerAccountId'),
          col.int('amount'),
          col.varchar('status', 16),
          col.varchar('reference', 64),
          col.int('holdTransactionId'),
          col.datetime('closedAt', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_timebank_holds_reference', columnNames: ['reference'], isUnique: true }),
          new TableIndex({ name: 'idx_timebank_holds_payer', columnNames: ['payerAccountId', 'status', 'amount'] }),
          new TableIndex({ name: 'idx_timebank_holds_community', columnNames: ['communityId', 'status'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'help_requests',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('posterId'),
          col.varchar('title', 60),
          col.varchar('description', 1000),
          col.varchar('kind', 16),
          col.datetime('startAt'),
          col.int('minutes'),
          col.varchar('place', 100),
          col.int('rewardMinutes'),
          col.varchar('fundedBy', 8),
          col.varchar('status', 16),
          col.int('helperId', { isNullable: true }),
          col.int('holdId', { isNullable: true }),
          col.datetime('arrivedAt', { isNullable: true }),
          col.datetime('doneAt', { isNullable: true }),
          col.datetime('confirmedAt', { isNullable: true }),
          col.bool('autoConfirmed', false),
          col.varchar('thanks', 200, { isNullable: true }),
          col.int('stars', { isNullable: true }),
          col.varchar('disputeReason', 500, { isNullable: true }),
          col.int('settledMinutes', { isNullable: true }),
          col.varchar('settleReason', 500, { isNullable: true }),
          col.int('settledById', { isNullable: true }),
          col.datetime('cancelledAt', { isNullable: true }),
          col.varchar('sourceReference', 64, { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_help_requests_community', columnNames: ['communityId', 'status', 'id'] }),
          new TableIndex({ name: 'idx_help_requests_poster', columnNames: ['posterId', 'id'] }),
          new TableIndex({ name: 'idx_help_requests_helper', columnNames: ['helperId', 'status'] }),
          new TableIndex({ name: 'idx_help_requests_done', columnNames: ['status', 'doneAt'] }),
          new TableIndex({ name: 'uq_help_requests_source', columnNames: ['sourceReference'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'help_offers',
        columns: [
          col.int('helpRequestId', { isPrimary: true }),
          col.int('userId', { isPrimary: true }),
          col.int('communityId'),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_help_offers_user', columnNames: ['userId', 'helpRequestId'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'help_care_recipients',
        columns: [
          col.int('userId', { isPrimary: true }),
          col.int('communityId'),
          col.int('flaggedById'),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_help_care_recipients_community', columnNames: ['communityId'] })],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['help_care_recipients', 'help_offers', 'help_requests', 'timebank_holds'])
      await q.dropTable(table);
  }
}
