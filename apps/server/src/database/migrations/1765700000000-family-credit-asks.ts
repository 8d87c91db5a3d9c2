import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** 代办转出: a family member's ask for the elder's credits, confirmed by the elder (family.entity.ts). */
export class FamilyCreditAsks1765700000000 implements MigrationInterface {
  name = 'FamilyCreditAsks1765700000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'family_credit_asks',
        columns: [
          col.id(),
          col.int('bindingId'),
          col.int('openBindingId', { isNullable: true }),
          col.int('elderId'),
          col.int('memberId'),
          col.int('minutes'),
          col.varchar('reason', 100),
          col.varchar('status', 16),
          col.datetime('expiresAt'),
          col.datetime('decidedAt', { isNullable: true }),
          col.int('transactionId', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_family_credit_asks_open', columnNames: ['openBindingId'], isUnique: true }),
          new TableIndex({ name: 'idx_family_credit_asks_elder', columnNames: ['elderId', 'id'] }),
          new TableIndex({ name: 'idx_family_credit_asks_member', columnNames: ['memberId', 'id'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropTable('family_credit_asks');
  }
}
