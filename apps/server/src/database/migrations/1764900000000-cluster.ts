import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/**
 * What a multi-primary cluster needs of the schema (README "Running on a cluster"): a resident's bookings take
 * turns by updating a counter on their own user row, a write that every Galera node certifies (a `FOR UPDATE` read
 * is not carried across nodes, so two nodes could both pass the resident's quota).
 */
export class Cluster1764900000000 implements MigrationInterface {
  name = 'Cluster1764900000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('users', new TableColumn(columns(q).int('bookingTurn', { default: 0 })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('users', 'bookingTurn');
  }
}
