import { Table, TableColumn, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * Family proxies (亲情代办): binding codes and bindings; and, on the audit log, the person an act was done for
 * (a family member or desk staff acting for a resident), so every act names both people.
 */
export class Family1765300000000 implements MigrationInterface {
  name = 'Family1765300000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'family_codes',
        columns: [
          col.id(),
          col.varchar('code', 6),
          col.int('elderId'),
          col.datetime('expiresAt'),
          col.datetime('usedAt', { isNullable: true }),
          col.int('usedById', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_family_codes_code', columnNames: ['code'], isUnique: true }),
          new TableIndex({ name: 'idx_family_codes_expires', columnNames: ['expiresAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'family_bindings',
        columns: [
          col.id(),
          col.int('elderId'),
          col.int('memberId'),
          col.varchar('relation', 16),
          col.varchar('via', 8),
          col.varchar('status', 16),
          col.int('createdById'),
          col.datetime('boundAt'),
          col.datetime('revokedAt', { isNullable: true }),
          col.int('revokedById', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_family_bindings_pair', columnNames: ['elderId', 'memberId'], isUnique: true }),
          new TableIndex({ name: 'idx_family_bindings_member', columnNames: ['memberId', 'status'] }),
        ],
      }),
    );
    await q.addColumn('audit_entries', new TableColumn(col.int('onBehalfOfId', { isNullable: true })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('audit_entries', 'onBehalfOfId');
    await q.dropTable('family_bindings');
    await q.dropTable('family_codes');
  }
}
