import type { DataSource } from 'typeorm';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { RawReads } from '../src/database/raw-reads.js';
import type { CreateNoticeDto } from '../src/notices/dto/notices.dto.js';
import { NoticeUnreadCount } from '../src/notices/notice.entity.js';
import { unreadQuery } from '../src/notices/notices.queries.js';
import { UNREAD_COUNT_CAP, unreadWindowStart } from '../src/notices/notices.rules.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { noticesOn, type Notices } from './support/notices.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

/**
 * The stored unread badge (notice-unread.ts) against the count made from scratch, after every kind of change:
 * publish (now, scheduled, to some buildings), read and acknowledge (also concurrently, from two processes), expiry,
 * the 90-day window, archive, a resident moving building, and more than the cap.
 */
describe(`unread count kept exact on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let a: DataSource;
  let b: DataSource;
  const clock = new FixedClock(new Date('2026-11-28T02:00:00Z'));
  let first: Notices;
  let second: Notices;
  let staff: User;
  let inA: User;
  let inB: User;
  let buildingA: Building;
  let buildingB: Building;

  const draft = (fields: Partial<CreateNoticeDto> = {}) =>
    first.create(staff, { title: '公告', body: '正文', category: 'announcement', ...fields });
  const published = async (fields: Partial<CreateNoticeDto> = {}) => first.publish(staff, (await draft(fields)).id);

  /** The count from scratch: every visible, addressed notice of the window the resident has not opened. */
  async function truth(user: User): Promise<number> {
    const now = clock.now();
    const q = unreadQuery(user, now, unreadWindowStart(now), 1_000_000)!;
    return Math.min((await new RawReads(a).rows(q.sql, q.params)).length, UNREAD_COUNT_CAP);
  }
  /** Both processes answer the count from scratch, each one read twice (stored, then from the stored row). */
  async function expectExact(user: User): Promise<number> {
    const expected = await truth(user);
    for (const notices of [first, second, first]) expect((await notices.unreadCount(user)).count).toBe(expected);
    return expected;
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    a = await createDataSource(options).initialize();
    b = await createDataSource({ ...options, migrationsRun: false }).initialize();
    first = noticesOn(a, clock);
    second = noticesOn(b, clock);
    const community = await a.getRepository(Community).save({ code: 'U', name: '未读社区' });
    [buildingA, buildingB] = await a.getRepository(Building).save([
      { communityId: community.id, name: 'A栋' },
      { communityId: community.id, name: 'B栋' },
    ]);
    const users = a.getRepository(User);
    staff = await users.save({
      role: 'staff',
      status: 'verified',
      volunteer: false,
      communityId: community.id,
      username: 'staff.u',
      name: '工作人员',
    });
    const resident = (buildingId: number, room: string) =>
      users.save({
        role: 'resident',
        status: 'verified',
        volunteer: false,
        communityId: community.id,
        buildingId,
        unit: '1',
        room,
        name: `住户${room}`,
        phone: `1381111${room.padStart(4, '0')}`,
      });
    inA = await resident(buildingA.id, '101');
    inB = await resident(buildingB.id, '201');
  });
  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
    await db?.drop();
  });

  it('follows publish, read, acknowledge, expiry, schedule, archive and the window', async () => {
    expect(await expectExact(inA)).toBe(0);
    const whole = [await published(), await published(), await published({ requiresAck: true })];
    const toB = await published({ audienceBuildingIds: [buildingB.id] });
    expect(await expectExact(inA)).toBe(3);
    expect(await expectExact(inB)).toBe(4);

    await first.view(inA, whole[0].id);
    await second.view(inA, whole[0].id); // a second open changes nothing
    expect(await expectExact(inA)).toBe(2);
    await first.acknowledge(inB, whole[2].id); // confirming records the read too
    await first.view(inB, toB.id);
    expect(await expectExact(inB)).toBe(2);

    const expiring = await published({ expiresAt: new Date(clock.now().getTime() + 30 * MINUTE).toISOString() });
    expect(await expectExact(inA)).toBe(3);
    clock.advance(30 * MINUTE);
    expect(await expectExact(inA)).toBe(2);
    expect(expiring.id).toBeGreaterThan(0);

    await published({ publishAt: new Date(clock.now().getTime() + 10 * MINUTE).toISOString() });
    expect(await expectExact(inA)).toBe(2);
    clock.advance(10 * MINUTE);
    expect(await expectExact(inA)).toBe(3);

    await first.archive(staff, whole[1].id);
    expect(await expectExact(inA)).toBe(2);
    expect(await expectExact(inB)).toBe(2);

    clock.advance(91 * DAY);
    expect(await expectExact(inA)).toBe(0);
    expect(await expectExact(inB)).toBe(0);
  });

  it('stays exact when a scheduled notice is moved to now or to other buildings', async () => {
    const later = new Date(clock.now().getTime() + 60 * MINUTE).toISOString();
    const n = await published({ publishAt: later, audienceBuildingIds: [buildingA.id] });
    const before = await expectExact(inB);
    await first.update(staff, n.id, { audienceBuildingIds: [buildingB.id] });
    expect(await expectExact(inB)).toBe(before);
    await first.update(staff, n.id, { publishAt: null }); // visible now
    expect(await expectExact(inB)).toBe(before + 1);
    await expectExact(inA);
  });

  it('counts again for a resident who moved to another building', async () => {
    await published({ audienceBuildingIds: [buildingB.id] });
    const inAWas = await expectExact(inA);
    const moved = Object.assign(new User(), inA, { buildingId: buildingB.id });
    await a.getRepository(User).update(inA.id, { buildingId: buildingB.id });
    expect(await expectExact(moved)).toBeGreaterThan(inAWas);
    await a.getRepository(User).update(inA.id, { buildingId: buildingA.id });
    expect(await expectExact(inA)).toBe(inAWas);
  });

  it('keeps one decrement per notice under concurrent opens and confirmations from two processes', async () => {
    const notices = [];
    for (let i = 0; i < 4; i++) notices.push(await published({ requiresAck: true }));
    const before = await expectExact(inA);
    await Promise.all(
      notices.flatMap((n) => [
        first.view(inA, n.id),
        second.view(inA, n.id),
        first.acknowledge(inA, n.id),
        second.acknowledge(inA, n.id),
        second.view(inA, n.id),
      ]),
    );
    expect(await expectExact(inA)).toBe(before - 4);
  });

  it('stays exact when opens, publications and recounts run at the same time', async () => {
    const opened = [];
    for (let i = 0; i < 3; i++) opened.push(await published());
    await expectExact(inA);
    await Promise.all([
      ...opened.map((n) => second.view(inA, n.id)),
      published(),
      first.unreadCount(inA),
      second.unreadCount(inA),
      published({ audienceBuildingIds: [buildingB.id] }),
      first.unreadCount(inB),
    ]);
    await expectExact(inA);
    await expectExact(inB);
  });

  it('answers the cap beyond it, and counts down exactly below it', async () => {
    clock.advance(91 * DAY);
    const made = [];
    for (let i = 0; i < UNREAD_COUNT_CAP + 3; i++) made.push(await published());
    expect(await expectExact(inB)).toBe(UNREAD_COUNT_CAP);
    for (const n of made.slice(0, 5)) await first.view(inB, n.id);
    expect(await expectExact(inB)).toBe(UNREAD_COUNT_CAP - 2);
    // The stored count is the full one, the cap only applies to the answer.
    expect((await a.getRepository(NoticeUnreadCount).findOneByOrFail({ userId: inB.id })).unread).toBe(
      UNREAD_COUNT_CAP - 2,
    );
  });
});
