import type { DataSource } from 'typeorm';
import { SESSION_USER_SQL, USER_BY_ID_SQL } from '../src/auth/session-user.js';
import { hashToken } from '../src/auth/sessions.service.js';
import { Session } from '../src/auth/session.entity.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { RawReads } from '../src/database/raw-reads.js';
import { Notice, NoticeRead } from '../src/notices/notice.entity.js';
import { feedQuery, NOTICE_LIST_COLUMNS } from '../src/notices/notices.queries.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

/** The hot reads' raw SQL hydrates exactly what TypeORM's own reads of the same rows give, on each driver. */
describe(`raw reads hydrate as TypeORM does on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let raw: RawReads;
  let resident: User;
  const now = new Date('2026-11-28T02:00:00.123Z');

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(await resolveDataSourceOptions(db.config)).initialize();
    raw = new RawReads(ds);
    const community = await ds.getRepository(Community).save({ code: 'R', name: '读社区' });
    const [a, b] = await ds.getRepository(Building).save([
      { communityId: community.id, name: '1号楼' },
      { communityId: community.id, name: '2号楼' },
    ]);
    resident = await ds.getRepository(User).save({
      role: 'resident',
      status: 'verified',
      volunteer: true,
      communityId: community.id,
      buildingId: a.id,
      unit: '2',
      room: '301',
      name: '读者',
      phone: '13855550001',
      passwordHash: 'never-selected',
      verifiedAt: new Date('2026-11-21T08:00:00.456Z'),
      verifiedById: null,
    });
    await ds.getRepository(Session).save({
      tokenHash: hashToken('token'),
      userId: resident.id,
      createdAt: now,
      expiresAt: new Date(now.getTime() + 86_400_000),
      revokedAt: null,
    });
    const notice = (fields: Partial<Notice>) => ({
      communityId: community.id,
      authorId: null,
      title: '公告',
      body: '正文',
      excerpt: '正文',
      category: 'announcement' as const,
      pinned: false,
      requiresAck: false,
      wholeCommunity: true,
      audienceBuildingIds: [],
      status: 'published' as const,
      publishAt: new Date('2026-11-27T10:00:00.789Z'),
      expiresAt: null,
      archivedAt: null,
      notifyDueAt: null,
      updatedAt: now,
      ...fields,
    });
    const [pinned] = await ds
      .getRepository(Notice)
      .save([
        notice({ title: '置顶确认', pinned: true, requiresAck: true, expiresAt: new Date('2026-12-30T00:00:00Z') }),
        notice({ title: '两栋楼', wholeCommunity: false, audienceBuildingIds: [a.id, b.id] }),
      ]);
    await ds.query('INSERT INTO notice_buildings (noticeId, buildingId) SELECT id, ? FROM notices WHERE title = ?', [
      a.id,
      '两栋楼',
    ]);
    await ds.getRepository(NoticeRead).save({ noticeId: pinned.id, userId: resident.id, readAt: now, ackAt: now });
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('the session lookup and the user by id give the User entity, never the password hash', async () => {
    const expected = await ds.getRepository(User).findOneByOrFail({ id: resident.id });
    const [bySession] = await raw.rows<Record<string, unknown>>(SESSION_USER_SQL, [hashToken('token'), now]);
    const [byId] = await raw.rows<Record<string, unknown>>(USER_BY_ID_SQL, [resident.id]);
    for (const row of [bySession, byId]) {
      const user = raw.hydrate(User, row);
      expect(user).toBeInstanceOf(User);
      expect(user).toEqual(expected);
      expect(user.volunteer).toBe(true);
      expect(user.verifiedAt?.toISOString()).toBe('2026-11-21T08:00:00.456Z');
      expect('passwordHash' in user).toBe(false);
    }
  });

  it('the feed rows give the entities TypeORM selects with the same columns', async () => {
    const page = feedQuery(resident, { after: null }, now, 20)!;
    const rows = await raw.rows<Record<string, unknown>>(page.sql, page.params);
    const expected = await ds
      .getRepository(Notice)
      .createQueryBuilder('n')
      .select(NOTICE_LIST_COLUMNS)
      .orderBy('n.pinned', 'DESC')
      .addOrderBy('n.id', 'DESC')
      .getMany();
    expect(rows.map((row) => raw.hydrate(Notice, row))).toEqual(expected);
    expect(expected.map((n) => [n.title, n.pinned, n.audienceBuildingIds.length])).toEqual([
      ['置顶确认', true, 0],
      ['两栋楼', false, 2],
    ]);
    // The resident's read comes on the same row (null when not opened).
    expect(rows.map((row) => row.readId !== null)).toEqual([true, false]);
    expect(raw.hydrate(NoticeRead, { ackAt: rows[0].readAckAt }).ackAt).toEqual(now);
  });
});
