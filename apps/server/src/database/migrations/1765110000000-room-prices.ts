import { TableColumn, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Rooms priced in credits (PRODUCT.md "Mutual help"): minutes of time credit per hour booked, 0 = free. */
export class RoomPrices1765110000000 implements MigrationInterface {
  name = 'RoomPrices1765110000000';

  async up(q: QueryRunner): Promise<void> {
    await q.addColumn('rooms', new TableColumn(columns(q).int('priceMinutesPerHour', { default: 0 })));
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumn('rooms', 'priceMinutesPerHour');
  }
}
