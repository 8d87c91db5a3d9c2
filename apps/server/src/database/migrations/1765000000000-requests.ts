import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Resident requests 居民诉求: requests, their timeline, 我也遇到 seconds, settings, and uploaded photos. */
export class Requests1765000000000 implements MigrationInterface {
  name = 'Requests1765000000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    const double = (name: string) => ({ name, type: 'double', isNullable: true });
    const optional = { isNullable: true };
    await q.createTable(
      new Table({
        name: 'resident_requests',
        columns: [
          col.id(),
          col.int('communityId'),
          col.int('userId'),
          col.varchar('category', 16),
          col.varchar('title', 60),
          col.text('description'),
          col.int('buildingId', optional),
          col.varchar('place', 100, optional),
          double('lat'),
          double('lng'),
          col.bool('urgent', false),
          col.bool('isPublic', false),
          col.varchar('status', 16),
          col.int('assigneeId', optional),
          col.datetime('acceptDueAt'),
          col.datetime('resolveDueAt'),
          col.int('extensionDays', optional),
          col.varchar('extensionReason', 500, optional),
          col.datetime('deadlineAt', optional),
          col.datetime('yellowAt', optional),
          col.varchar('frozenLight', 8, optional),
          col.int('phase', { default: 1 }),
          col.int('yellowAlertedPhase', { default: 0 }),
          col.int('redAlertedPhase', { default: 0 }),
          col.datetime('respondedAt', optional),
          col.datetime('acceptedAt', optional),
          col.datetime('resolvedAt', optional),
          col.varchar('resolution', 1000, optional),
          col.varchar('referredTo', 100, optional),
          col.varchar('referReason', 500, optional),
          col.datetime('referredAt', optional),
          col.datetime('reopenedAt', optional),
          col.datetime('closedAt', optional),
          col.datetime('ratedAt', optional),
          { name: 'ratingResolved', type: 'boolean', isNullable: true },
          col.varchar('satisfaction', 16, optional),
          col.varchar('ratingComment', 500, optional),
          col.varchar('unreasonableState', 16, optional),
          col.varchar('unreasonableReason', 500, optional),
          col.datetime('unreasonableMarkedAt', optional),
          col.datetime('unreasonableConfirmedAt', optional),
          col.int('seconds', { default: 0 }),
          col.int('helpRequestId', optional),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_resident_requests_community', columnNames: ['communityId', 'status', 'id'] }),
          new TableIndex({ name: 'idx_resident_requests_user', columnNames: ['userId', 'id'] }),
          new TableIndex({ name: 'idx_resident_requests_deadline', columnNames: ['deadlineAt'] }),
          new TableIndex({ name: 'idx_resident_requests_public', columnNames: ['communityId', 'isPublic', 'id'] }),
          new TableIndex({ name: 'idx_resident_requests_resolved', columnNames: ['status', 'resolvedAt'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'resident_request_events',
        columns: [
          col.id(),
          col.int('requestId'),
          col.varchar('kind', 32),
          col.int('actorId', optional),
          col.varchar('note', 2000, optional),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_resident_request_events_request', columnNames: ['requestId', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'resident_request_seconds',
        columns: [col.id(), col.int('requestId'), col.int('userId'), col.createdAt()],
        indices: [
          new TableIndex({ name: 'uq_resident_request_seconds', columnNames: ['requestId', 'userId'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'request_community_settings',
        columns: [
          col.int('communityId', { isPrimary: true }),
          col.int('acceptHoursUrgent'),
          col.int('acceptHoursNormal'),
          col.int('resolveDays'),
          col.int('extensionDaysMax'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'request_street_settings',
        columns: [
          col.int('id', { isPrimary: true }),
          col.int('weightResponse'),
          col.int('weightResolution'),
          col.int('weightSatisfaction'),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'uploads',
        columns: [
          { name: 'id', type: 'varchar', length: '32', isPrimary: true },
          col.int('userId'),
          col.int('communityId', optional),
          col.varchar('mime', 16),
          col.int('bytes'),
          col.int('width'),
          col.int('height'),
          col.int('requestId', optional),
          col.int('requestEventId', optional),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'idx_uploads_request', columnNames: ['requestId'] }),
          new TableIndex({ name: 'idx_uploads_user', columnNames: ['userId', 'createdAt'] }),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'uploads',
      'request_street_settings',
      'request_community_settings',
      'resident_request_seconds',
      'resident_request_events',
      'resident_requests',
    ])
      await q.dropTable(table);
  }
}
