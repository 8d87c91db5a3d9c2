import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Time bank: accounts, immutable transactions with their double entries, idempotency keys, rewards and redemptions. */
export class Timebank1764600000000 implements MigrationInterface {
  name = 'Timebank1764600000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'timebank_accounts',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('userId', { isNullable: true }),
          col.varchar('kind', 16),
          col.varchar('ownerKey', 32),
          col.int('balance'),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_timebank_accounts_owner', columnNames: ['ownerKey'], isUnique: true }),
          new TableIndex({ name: 'idx_timebank_accounts_community', columnNames: ['communityId', 'kind', 'id'] }),
          new TableIndex({ name: 'idx_timebank_accounts_user', columnNames: ['userId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timebank_transactions',
        columns: [
          col.id(),
          col.int('communityId'),
          col.varchar('kind', 16),
          col.int('fromAccountId'),
          col.int('toAccountId'),
          col.int('amount'),
          col.varchar('memo', 200),
          col.varchar('reference', 64, { isNullable: true }),
          col.varchar('idempotencyKey', 100, { isNullable: true }),
          col.int('actorId', { isNullable: true }),
          col.int('reversesId', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_timebank_tx_reverses', columnNames: ['reversesId'], isUnique: true }),
          new TableIndex({ name: 'idx_timebank_tx_community', columnNames: ['communityId', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timebank_entries',
        columns: [
          col.int('transactionId', { isPrimary: true }),
          col.int('accountId', { isPrimary: true }),
          col.int('amount'),
        ],
        indices: [
          new TableIndex({ name: 'idx_timebank_entries_account', columnNames: ['accountId', 'transactionId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          col.id(),
          col.int('userId'),
          col.varchar('idempotencyKey', 100),
          col.varchar('requestHash', 64),
          col.text('response', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({
            name: 'uq_idempotency_keys_user_key',
            columnNames: ['userId', 'idempotencyKey'],
            isUnique: true,
          }),
          new TableIndex({ name: 'idx_idempotency_keys_created', columnNames: ['createdAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timebank_rewards',
        columns: [
          col.id(),
          col.int('communityId'),
          col.varchar('name', 50),
          col.varchar('description', 500),
          col.int('priceMinutes'),
          col.int('stock'),
          col.bool('active', true),
          col.int('createdById', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_timebank_rewards_community', columnNames: ['communityId', 'active', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'timebank_redemptions',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('rewardId'),
          col.int('userId'),
          col.int('priceMinutes'),
          col.varchar('status', 16),
          col.int('transactionId'),
          col.int('reversalId', { isNullable: true }),
          col.int('handledById', { isNullable: true }),
          col.datetime('handledAt', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_timebank_redemptions_tx', columnNames: ['transactionId'], isUnique: true }),
          new TableIndex({ name: 'idx_timebank_redemptions_community', columnNames: ['communityId', 'status', 'id'] }),
          new TableIndex({ name: 'idx_timebank_redemptions_user', columnNames: ['userId', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'timebank_redemptions',
      'timebank_rewards',
      'idempotency_keys',
      'timebank_entries',
      'timebank_transactions',
      'timebank_accounts',
    ]) {
      await q.dropTable(table);
    }
  }
}
