import type { DataSource } from 'typeorm';
import type { User as UserRow } from '../src/users/user.entity.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import type { CreateNoticeDto } from '../src/notices/dto/notices.dto.js';
import { NoticeRead } from '../src/notices/notice.entity.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { noticesOn, type Notices } from './support/notices.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const MINUTE = 60_000;

/** The notice service on a real database with a clock the test moves; two DataSources stand for two processes. */
describe(`notices with a movable clock on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let a: DataSource;
  let b: DataSource;
  const clock = new FixedClock(new Date('2026-11-28T02:00:00Z'));
  let service: Notices;
  let serviceB: Notices;
  let staff: UserRow;
  let inA: UserRow; // building A
  let inB: UserRow; // building B
  let other: UserRow; // another community
  let buildingA: Building;

  const draft = (fields: Partial<CreateNoticeDto>) =>
    service.create(staff, { title: '公告', body: '正文', category: 'announcement', ...fields });
  const feed = async (user: UserRow) => (await service.feed(user, { limit: 100 })).items.map((i) => i.title);

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    a = await createDataSource(options).initialize();
    b = await createDataSource({ ...options, migrationsRun: false }).initialize();
    service = noticesOn(a, clock);
    serviceB = noticesOn(b, clock);
    const [c1, c2] = await a.getRepository(Community).save([
      { code: 'X', name: '一社区' },
      { code: 'Y', name: '二社区' },
    ]);
    const [ba, bb, bc] = await a.getRepository(Building).save([
      { communityId: c1.id, name: 'A栋' },
      { communityId: c1.id, name: 'B栋' },
      { communityId: c2.id, name: 'C栋' },
    ]);
    buildingA = ba;
    const users = a.getRepository(User);
    staff = await users.save({
      role: 'staff',
      status: 'verified',
      volunteer: false,
      communityId: c1.id,
      username: 'staff.x',
      name: '工作人员',
    });
    inA = await users.save({
      role: 'resident',
      status: 'verified',
      volunteer: false,
      communityId: c1.id,
      buildingId: ba.id,
      unit: '1',
      room: '101',
      name: '甲',
      phone: '13811110001',
    });
    inB = await users.save({
      role: 'resident',
      status: 'verified',
      volunteer: false,
      communityId: c1.id,
      buildingId: bb.id,
      unit: '1',
      room: '201',
      name: '乙',
      phone: '13811110002',
    });
    other = await users.save({
      role: 'resident',
      status: 'verified',
      volunteer: false,
      communityId: c2.id,
      buildingId: bc.id,
      unit: '1',
      room: '301',
      name: '丙',
      phone: '13811110003',
    });
  });
  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
    await db?.drop();
  });

  it('shows a scheduled notice exactly from its publishAt and hides it from its expiresAt', async () => {
    const n = await draft({
      title: '定时',
      publishAt: new Date(clock.now().getTime() + 30 * MINUTE).toISOString(),
      expiresAt: new Date(clock.now().getTime() + 90 * MINUTE).toISOString(),
    });
    expect((await service.publish(staff, n.id)).status).toBe('scheduled');
    expect(await feed(inA)).not.toContain('定时');
    const unread = (await service.unreadCount(inA)).count;
    clock.advance(30 * MINUTE - 1);
    expect(await feed(inA)).not.toContain('定时');
    clock.advance(1);
    expect(await feed(inA)).toContain('定时');
    expect((await service.unreadCount(inA)).count).toBe(unread + 1);
    expect((await service.manage(staff, { status: 'published' })).items.map((i) => i.title)).toContain('定时');
    clock.advance(60 * MINUTE);
    expect(await feed(inA)).not.toContain('定时');
    await expect(service.view(inA, n.id)).rejects.toMatchObject({ status: 404 });
  });

  it('addresses chosen buildings only, never another community', async () => {
    const n = await draft({ title: 'A栋专属', audienceBuildingIds: [buildingA.id] });
    await service.publish(staff, n.id);
    expect(await feed(inA)).toContain('A栋专属');
    expect(await feed(inB)).not.toContain('A栋专属');
    expect(await feed(other)).not.toContain('A栋专属');
    await expect(service.view(other, n.id)).rejects.toMatchObject({ status: 404 });
  });

  it('filters by category and by a keyword taken literally; admins read every community', async () => {
    await service.publish(staff, (await draft({ title: '水费 50%_折扣', category: 'policy' })).id);
    await service.publish(staff, (await draft({ title: '水费 5000 元', category: 'policy' })).id);
    await service.publish(staff, (await draft({ title: '水费安全', category: 'safety' })).id);
    const titles = async (user: UserRow, filter: { category?: 'policy' | 'safety'; q?: string }) =>
      (await service.feed(user, { limit: 100, ...filter })).items.map((i) => i.title);
    expect(await titles(inA, { q: '50%_' })).toEqual(['水费 50%_折扣']);
    expect((await titles(inA, { category: 'policy', q: '水费' })).sort()).toEqual(['水费 50%_折扣', '水费 5000 元']);
    expect(await titles(inA, { category: 'safety', q: '水费' })).toEqual(['水费安全']);
    const admin = { id: staff.id, role: 'admin', status: 'verified', communityId: null, buildingId: null } as UserRow;
    expect(await titles(admin, { q: '水费' })).toHaveLength(3);
    const homeless = { ...inA, buildingId: null } as UserRow;
    const n = await draft({ title: 'A栋水费', audienceBuildingIds: [buildingA.id] });
    await service.publish(staff, n.id);
    expect(await titles(inA, { q: '水费' })).toContain('A栋水费');
    expect(await titles(homeless, { q: '水费' })).not.toContain('A栋水费');
    expect(await titles(homeless, { q: '水费' })).toContain('水费安全');
  });

  it('orders notices published at the same instant by id, and pages through them', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 4; i++)
      ids.push((await service.publish(staff, (await draft({ title: `同刻${i}`, category: 'service' })).id)).id);
    const first = await service.feed(inB, { category: 'service', limit: 3 });
    const second = await service.feed(inB, { category: 'service', limit: 3, cursor: first.nextCursor! });
    expect([...first.items, ...second.items].map((i) => i.id)).toEqual([...ids].reverse());
    expect(second.nextCursor).toBeNull();
  });

  it('moving a scheduled notice to now publishes it at once', async () => {
    const n = await draft({ title: '改期', publishAt: new Date(clock.now().getTime() + 60 * MINUTE).toISOString() });
    await service.publish(staff, n.id);
    const moved = await service.update(staff, n.id, { publishAt: null });
    expect(moved.status).toBe('published');
    expect(await feed(inA)).toContain('改期');
    await expect(service.update(staff, n.id, { title: '再改' })).rejects.toMatchObject({ code: 'NOTICE_NOT_EDITABLE' });
  });

  it('notifies the audience of a scheduled notice once it is visible, once, whichever process runs the job', async () => {
    const n = await draft({
      title: '定时确认',
      requiresAck: true,
      publishAt: new Date(clock.now().getTime() + 10 * MINUTE).toISOString(),
    });
    await service.publish(staff, n.id);
    const inbox = () => a.getRepository(Notification).countBy({ title: '请确认：定时确认' });
    expect(await service.notifyDueNotices()).toBe(0);
    expect(await inbox()).toBe(0);
    clock.advance(10 * MINUTE);
    const runs = [
      () => service.notifyDueNotices(),
      () => serviceB.notifyDueNotices(),
      () => service.notifyDueNotices(),
    ];
    // MariaDB: truly at once. SQLite serves one process, and TypeORM's better-sqlite3 driver shares one connection
    // per DataSource, so concurrent transactions in one process are not possible there: the runs go one after another.
    const counts =
      testDatabaseKind === 'mariadb'
        ? await Promise.all(runs.map((run) => run()))
        : [await runs[0](), await runs[1](), await runs[2]()];
    expect(counts.reduce((x, y) => x + y, 0)).toBe(1);
    expect(await inbox()).toBe(2); // the two verified residents of the community
  });

  it('an archived scheduled notice never notifies', async () => {
    const n = await draft({
      title: '取消的定时',
      requiresAck: true,
      publishAt: new Date(clock.now().getTime() + 5 * MINUTE).toISOString(),
    });
    await service.publish(staff, n.id);
    await service.archive(staff, n.id);
    clock.advance(5 * MINUTE);
    expect(await service.notifyDueNotices()).toBe(0);
    expect(await a.getRepository(Notification).countBy({ title: '请确认：取消的定时' })).toBe(0);
  });

  it('records one read and one acknowledgement under concurrent requests from two processes', async () => {
    const n = await draft({ title: '并发确认', requiresAck: true });
    await service.publish(staff, n.id);
    await Promise.all([
      service.view(inA, n.id),
      serviceB.view(inA, n.id),
      service.acknowledge(inA, n.id),
      serviceB.acknowledge(inA, n.id),
    ]);
    const rows = await a.getRepository(NoticeRead).findBy({ noticeId: n.id });
    expect(rows).toHaveLength(1);
    expect(rows[0].ackAt).not.toBeNull();
    const stats = await service.stats(staff, n.id);
    expect(stats).toMatchObject({ audience: 2, readCount: 1, ackCount: 1 });
    expect(stats.followUp.items.map((h) => h.household)).toEqual(['B栋-1-201']);
  });

  it('counts unread notices of the last 90 days only', async () => {
    const n = await draft({ title: '旧公告' });
    await service.publish(staff, n.id);
    const fresh = (await service.unreadCount(inB)).count;
    clock.advance(91 * 24 * 60 * MINUTE);
    expect((await service.unreadCount(inB)).count).toBe(0);
    expect(fresh).toBeGreaterThan(0);
    expect(await feed(inB)).toContain('旧公告');
  });

  it('re-addresses a draft when its buildings change, and refuses buildings of another community', async () => {
    const n = await draft({ title: '改受众', audienceBuildingIds: [buildingA.id] });
    const changed = await service.update(staff, n.id, { audienceBuildingIds: [inB.buildingId!] });
    expect(changed.audienceBuildingIds).toEqual([inB.buildingId]);
    await service.publish(staff, n.id);
    expect(await feed(inB)).toContain('改受众');
    expect(await feed(inA)).not.toContain('改受众');
    await expect(
      service.update(staff, (await draft({ title: '越界' })).id, { audienceBuildingIds: [other.buildingId!] }),
    ).rejects.toMatchObject({ code: 'NOTICE_AUDIENCE_INVALID' });
  });

  it('admins name the community they write for', async () => {
    const admin = { id: staff.id, role: 'admin', status: 'verified', communityId: null } as UserRow;
    await expect(service.create(admin, { title: '街道通知', body: '正文', category: 'policy' })).rejects.toMatchObject({
      status: 400,
    });
    const n = await service.create(admin, {
      title: '街道通知',
      body: '正文',
      category: 'policy',
      communityId: other.communityId!,
    });
    expect(n.communityId).toBe(other.communityId);
    await expect(service.stats(staff, n.id)).rejects.toMatchObject({ status: 404 });
  });
});
