import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';
import { columns } from './columns.js';

/** Tenancy, identity, sessions, audit log and rate-limit counters. One migration for SQLite and MySQL alike. */
export class Foundation1764300000000 implements MigrationInterface {
  name = 'Foundation1764300000000';

  async up(q: QueryRunner): Promise<void> {
    const col = columns(q);
    await q.createTable(
      new Table({
        name: 'communities',
        columns: [col.id(), col.varchar('code', 16), col.varchar('name', 64), col.createdAt()],
        indices: [new TableIndex({ name: 'uq_communities_code', columnNames: ['code'], isUnique: true })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'buildings',
        columns: [col.id(), col.int('communityId'), col.varchar('name', 32)],
        indices: [
          new TableIndex({ name: 'uq_buildings_community_name', columnNames: ['communityId', 'name'], isUnique: true }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'users',
        columns: [
          col.id(),
          col.int('communityId', { isNullable: true }),
          col.varchar('role', 16),
          col.varchar('status', 16),
          col.bool('volunteer', false),
          col.varchar('name', 32, { isNullable: true }),
          col.varchar('phone', 20, { isNullable: true }),
          col.varchar('username', 64, { isNullable: true }),
          col.varchar('passwordHash', 255, { isNullable: true }),
          col.varchar('openid', 64, { isNullable: true }),
          col.varchar('wechatSessionKey', 128, { isNullable: true }),
          col.int('buildingId', { isNullable: true }),
          col.varchar('unit', 16, { isNullable: true }),
          col.varchar('room', 16, { isNullable: true }),
          col.datetime('verifiedAt', { isNullable: true }),
          col.int('verifiedById', { isNullable: true }),
          col.createdAt(),
        ],
        indices: [
          new TableIndex({ name: 'uq_users_community_phone', columnNames: ['communityId', 'phone'], isUnique: true }),
          new TableIndex({ name: 'uq_users_username', columnNames: ['username'], isUnique: true }),
          new TableIndex({ name: 'uq_users_openid', columnNames: ['openid'], isUnique: true }),
          new TableIndex({ name: 'idx_users_community_status', columnNames: ['communityId', 'status', 'id'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'sessions',
        columns: [
          col.id(),
          col.varchar('tokenHash', 64),
          col.int('userId'),
          col.createdAt(),
          col.datetime('expiresAt'),
          col.datetime('revokedAt', { isNullable: true }),
        ],
        indices: [
          new TableIndex({ name: 'uq_sessions_token', columnNames: ['tokenHash'], isUnique: true }),
          new TableIndex({ name: 'idx_sessions_user', columnNames: ['userId'] }),
        ],
      }),
    );
    await q.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          col.id(),
          col.int('communityId', { isNullable: true }),
          col.int('actorId', { isNullable: true }),
          col.varchar('action', 64),
          col.varchar('targetType', 32),
          col.varchar('targetId', 64, { isNullable: true }),
          col.varchar('summary', 500),
          col.createdAt(),
        ],
        indices: [new TableIndex({ name: 'idx_audit_community_id', columnNames: ['communityId', 'id'] })],
      }),
    );
    await q.createTable(
      new Table({
        name: 'rate_limits',
        columns: [
          { name: 'bucket', type: 'varchar', length: '191', isPrimary: true },
          col.int('hits'),
          col.bigint('expiresAt'),
          col.bigint('blockedUntil'),
        ],
      }),
    );
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['rate_limits', 'audit_entries', 'sessions', 'users', 'buildings', 'communities']) {
      await q.dropTable(table);
    }
  }
}
