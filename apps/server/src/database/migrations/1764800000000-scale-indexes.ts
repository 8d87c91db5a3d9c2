import { TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Indexes found missing on scale data (bench/scale.mjs, 100,000 notices and 1,000,000 ledger entries; bench/RESULTS.md):
 * - the resident feed and unread count look up a notice's audience by building: without (buildingId, noticeId) MariaDB
 *   materialized the whole notice_buildings index on every request;
 * - the ledger audit sums each account's entries: with the amount in the account index it reads the index alone instead of
 *   one clustered-row lookup per entry (the statement still walks the same index by account and transaction).
 */
export class ScaleIndexes1764800000000 implements MigrationInterface {
  name = 'ScaleIndexes1764800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'notice_buildings',
      new TableIndex({ name: 'idx_notice_buildings_building', columnNames: ['buildingId', 'noticeId'] }),
    );
    await q.createIndex(
      'timebank_entries',
      new TableIndex({
        name: 'idx_timebank_entries_account_amount',
        columnNames: ['accountId', 'transactionId', 'amount'],
      }),
    );
    await q.dropIndex('timebank_entries', 'idx_timebank_entries_account');
  }

  async down(q: QueryRunner): Promise<void> {
    await q.createIndex(
      'timebank_entries',
      new TableIndex({ name: 'idx_timebank_entries_account', columnNames: ['accountId', 'transactionId'] }),
    );
    await q.dropIndex('timebank_entries', 'idx_timebank_entries_account_amount');
    await q.dropIndex('notice_buildings', 'idx_notice_buildings_building');
  }
}
