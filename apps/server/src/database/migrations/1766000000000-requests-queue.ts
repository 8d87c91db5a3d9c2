import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The staff requests queue read in its own order (issue 18): open requests by deadline, ties newest first, then the rest
 * newest first. `id DESC` is the tie order (MariaDB ≥ 10.8, MySQL 8 and SQLite keep it; TypeORM's TableIndex cannot
 * say it, hence the SQL; backquotes serve both dialects). With a status: the same after the status.
 */
export class RequestsQueue1766000000000 implements MigrationInterface {
  name = 'RequestsQueue1766000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      'CREATE INDEX `idx_resident_requests_queue` ON `resident_requests` (`communityId`, `deadlineAt`, `id` DESC)',
    );
    await q.query(
      'CREATE INDEX `idx_resident_requests_queue_status` ON `resident_requests` (`communityId`, `status`, `deadlineAt`, `id` DESC)',
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropIndex('resident_requests', 'idx_resident_requests_queue_status');
    await q.dropIndex('resident_requests', 'idx_resident_requests_queue');
  }
}
