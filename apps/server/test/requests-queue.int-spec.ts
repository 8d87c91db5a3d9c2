import type { Page, RequestView } from '@linli/shared-types';
import type { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service.js';
import { FixedClock } from '../src/common/clock.js';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../src/common/pagination.js';
import { communityScope } from '../src/common/tenancy-scope.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { RawReads } from '../src/database/raw-reads.js';
import { HelpRequestsService } from '../src/help-requests/help-requests.service.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import type { RequestQueueQueryDto } from '../src/requests/dto/requests.dto.js';
import { ResidentRequest } from '../src/requests/request.entity.js';
import { RequestRecords } from '../src/requests/request-records.js';
import { RequestWorkflowService } from '../src/requests/request-workflow.service.js';
import { toRequestView } from '../src/requests/requests.mapper.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { LedgerService } from '../src/timebank/ledger.service.js';
import { Upload } from '../src/uploads/upload.entity.js';
import { User } from '../src/users/user.entity.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const H = 3_600_000;

/**
 * The staff queue reads its rows and what the view shows of other tables in one raw statement per part
 * (requests.queries.ts). Here every page of it, on each driver, must be byte for byte what the query builder's reads
 * with the bulk context (RequestRecords.context, the mapper's other path) answered before.
 */
describe(`the requests queue answers as the TypeORM reads did on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let workflow: RequestWorkflowService;
  let records: RequestRecords;
  const now = new Date('2026-11-30T04:00:00.250Z');
  const clock = new FixedClock(now);
  let staff: User;
  let otherStaff: User;
  let admin: User;

  /** The queue as it was: two query-builder reads, then RequestRecords.context and toRequestView. */
  async function typeormQueue(viewer: User, query: RequestQueueQueryDto): Promise<Page<RequestView>> {
    const limit = query.limit ?? 20;
    const after = decodeTimeIdCursor(query.cursor);
    const scope = communityScope(viewer, query.communityId);
    const filtered = () => {
      const qb = ds.getRepository(ResidentRequest).createQueryBuilder('r');
      if (scope !== null)
        qb.andWhere('r.communityId = :scope', { scope }).useIndex(
          query.status ? 'idx_resident_requests_queue_status' : 'idx_resident_requests_queue',
        );
      if (query.status) qb.andWhere('r.status = :status', { status: query.status });
      if (query.category) qb.andWhere('r.category = :category', { category: query.category });
      if (query.assigneeId) qb.andWhere('r.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
      if (query.unreasonable) qb.andWhere('r.unreasonableState = :unr', { unr: query.unreasonable });
      return qb;
    };
    const rows: ResidentRequest[] = [];
    if (!after || after.at) {
      const open = filtered().andWhere('r.deadlineAt IS NOT NULL');
      if (query.light === 'red') open.andWhere('r.deadlineAt < :now', { now });
      if (query.light === 'yellow') open.andWhere('r.deadlineAt >= :now AND r.yellowAt <= :now', { now });
      if (query.light === 'green') open.andWhere('r.yellowAt > :now', { now });
      if (after?.at)
        open.andWhere('(r.deadlineAt > :afterDeadline OR (r.deadlineAt = :afterDeadline AND r.id < :afterId))', {
          afterDeadline: after.at,
          afterId: after.id,
        });
      rows.push(
        ...(await open
          .orderBy('r.deadlineAt', 'ASC')
          .addOrderBy('r.id', 'DESC')
          .limit(limit + 1)
          .getMany()),
      );
    }
    if (rows.length <= limit && !query.light) {
      const rest = filtered().andWhere('r.deadlineAt IS NULL');
      if (after && !after.at) rest.andWhere('r.id < :afterId', { afterId: after.id });
      rows.push(
        ...(await rest
          .orderBy('r.id', 'DESC')
          .limit(limit + 1 - rows.length)
          .getMany()),
      );
    }
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const ctx = await records.context(ds.manager, viewer, shown);
    const last = shown[shown.length - 1];
    return {
      items: shown.map((r) => toRequestView(r, ctx)),
      nextCursor: more ? encodeTimeIdCursor({ at: last.deadlineAt, id: last.id }) : null,
    };
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(await resolveDataSourceOptions(db.config)).initialize();
    const notifications = new NotificationsService(ds, clock);
    const audit = new AuditService(ds);
    records = new RequestRecords(ds, notifications, audit, clock);
    const help = new HelpRequestsService(ds, new LedgerService(), audit, clock);
    workflow = new RequestWorkflowService(ds, records, notifications, clock, help, new RawReads(ds));

    const [one, two] = await ds.getRepository(Community).save([
      { code: 'Q1', name: '队列社区' },
      { code: 'Q2', name: '另一社区' },
    ]);
    const [b1, b2, b3] = await ds.getRepository(Building).save([
      { communityId: one.id, name: '1栋' },
      { communityId: one.id, name: '2栋' },
      { communityId: two.id, name: '甲楼' },
    ]);
    const users = ds.getRepository(User);
    const person = (fields: Partial<User>) =>
      users.create({ status: 'verified', volunteer: false, role: 'resident', ...fields });
    [staff, otherStaff, admin] = await users.save([
      person({ role: 'staff', communityId: one.id, name: '社工甲', username: 'q.staff' }),
      person({ role: 'staff', communityId: two.id, name: null, username: 'q.staff2' }),
      person({ role: 'admin', communityId: null, name: '街道', username: 'q.admin' }),
    ]);
    const [withBuilding, noBuilding, goneBuilding, other] = await users.save([
      person({ communityId: one.id, buildingId: b1.id, unit: '2', room: '301', name: '张三', phone: '13800000001' }),
      person({ communityId: one.id, buildingId: null, unit: null, room: null, name: null, phone: null }),
      person({ communityId: one.id, buildingId: 987_654, unit: '1', room: '101', name: '李四', phone: '139' }),
      person({ communityId: two.id, buildingId: b3.id, unit: '3', room: '502', name: '王五', phone: '13700000003' }),
    ]);

    const at = (hours: number, ms = 0) => new Date(now.getTime() + hours * H + ms);
    const base = (fields: Partial<ResidentRequest>): Partial<ResidentRequest> => ({
      communityId: one.id,
      userId: withBuilding.id,
      category: 'repair',
      title: '诉求',
      description: '描述',
      buildingId: b1.id,
      place: null,
      lat: null,
      lng: null,
      urgent: false,
      isPublic: false,
      status: 'submitted',
      assigneeId: null,
      acceptDueAt: at(2, 111),
      resolveDueAt: at(24 * 7, 222),
      deadlineAt: null,
      yellowAt: null,
      frozenLight: 'green',
      createdAt: at(-48, 333),
      ...fields,
    });
    // Open ones (a running clock): red, yellow, green, and ties on the deadline, which order by id descending.
    const open = (deadline: number, yellow: number, fields: Partial<ResidentRequest> = {}) =>
      base({ deadlineAt: at(deadline, 5), yellowAt: at(yellow, 7), frozenLight: null, ...fields });
    const rows = [
      open(-3, -10, { title: '超期', urgent: true, isPublic: true, lat: 31.2304, lng: 121.4737, place: '小区东门' }),
      open(2, -1, { title: '黄灯', status: 'accepted', assigneeId: staff.id, acceptedAt: at(-20, 1) }),
      open(2, -1, { title: '同一期限', status: 'in_progress', assigneeId: 55_555, category: 'sanitation' }),
      open(30, 10, { title: '绿灯', userId: noBuilding.id, buildingId: null }),
      open(30, 10, { title: '绿灯二', userId: goneBuilding.id, buildingId: 876_543, extensionDays: 3 }),
      open(40, 20, { title: '已删用户', userId: 444_444, status: 'accepted', assigneeId: staff.id }),
      open(50, 25, {
        title: '标记不合理',
        unreasonableState: 'marked',
        unreasonableReason: '重复',
        unreasonableMarkedAt: at(-1, 9),
        extensionReason: '等材料',
        extensionDays: 5,
        seconds: 4,
      }),
      // Stopped clocks, shown after, newest first.
      base({
        title: '已办结',
        status: 'resolved',
        resolvedAt: at(-5, 10),
        resolution: '已修好',
        assigneeId: staff.id,
        frozenLight: 'yellow',
      }),
      base({
        title: '已评价',
        status: 'closed',
        resolvedAt: at(-30, 10),
        closedAt: at(-6, 11),
        ratedAt: at(-6, 12),
        ratingResolved: false,
        satisfaction: 'dissatisfied',
        ratingComment: '没修好',
        reopenedAt: at(-29, 13),
      }),
      base({
        title: '好评',
        status: 'closed',
        resolvedAt: at(-30, 10),
        closedAt: at(-6, 11),
        ratedAt: at(-6, 12),
        ratingResolved: true,
        satisfaction: 'satisfied',
        ratingComment: null,
      }),
      base({
        title: '转办',
        status: 'referred',
        referredTo: '街道城管科',
        referReason: '不属社区',
        referredAt: at(-7, 14),
        closedAt: at(-7, 14),
        frozenLight: 'red',
      }),
      base({
        title: '确认不合理',
        status: 'closed',
        unreasonableState: 'confirmed',
        unreasonableReason: '无理',
        unreasonableMarkedAt: at(-9, 15),
        unreasonableConfirmedAt: at(-8, 16),
        closedAt: at(-8, 16),
        helpRequestId: 77,
      }),
      base({ title: '没有楼', buildingId: null, userId: noBuilding.id, status: 'resolved', resolvedAt: at(-1) }),
      open(-5, -9, { title: '别的社区', communityId: two.id, userId: other.id, buildingId: b3.id }),
      base({ title: '别的社区办结', communityId: two.id, userId: other.id, buildingId: b2.id, status: 'resolved' }),
    ];
    const saved = await ds.getRepository(ResidentRequest).save(rows);
    const [first, second, , , , , , resolved] = saved;
    const photo = (id: string, requestId: number | null, createdAt: Date, requestEventId: number | null = null) => ({
      id,
      userId: withBuilding.id,
      communityId: one.id,
      mime: 'image/jpeg' as const,
      bytes: 1000,
      width: 10,
      height: 10,
      requestId,
      requestEventId,
      createdAt,
    });
    await ds.getRepository(Upload).save([
      // Out of id order on purpose: the view lists them by createdAt, then id.
      photo('zz-later_photo-0000000000000001', first.id, at(-47, 2)),
      photo('bb-first_photo-0000000000000002', first.id, at(-47, 1)),
      photo('aa-same-time-000000000000000003', first.id, at(-47, 2)),
      photo('Aa-upper-case-000000000000000004', first.id, at(-47, 2)),
      photo('cc-progress-note-00000000000005', first.id, at(-46), 12),
      photo('dd-only-photo-0000000000000006', resolved.id, at(-40)),
      photo('ee-of-a-note-00000000000000007', second.id, at(-40), 3),
      photo('ff-unattached-0000000000000008', null, at(-40)),
    ]);
  });

  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  /** Every page of the query, both ways, following each answer's own cursor. */
  async function expectSamePages(viewer: User, query: RequestQueueQueryDto) {
    let mine: string | undefined;
    let theirs: string | undefined;
    let pages = 0;
    do {
      const a = await workflow.queue(viewer, { ...query, cursor: mine });
      const b = await typeormQueue(viewer, { ...query, cursor: theirs });
      expect(JSON.stringify(a)).toBe(JSON.stringify(b));
      mine = a.nextCursor ?? undefined;
      theirs = b.nextCursor ?? undefined;
      pages++;
    } while (mine && pages < 50);
    return pages;
  }

  it.each([
    ['the first page', {}],
    ['pages of one', { limit: 1 }],
    ['pages of three, one of them half open, half stopped', { limit: 3 }],
    ['red', { light: 'red' }],
    ['yellow', { light: 'yellow', limit: 1 }],
    ['green', { light: 'green' }],
    ['a status', { status: 'accepted' }],
    ['a stopped status', { status: 'closed', limit: 1 }],
    ['a category', { category: 'sanitation' }],
    ['marked unreasonable', { unreasonable: 'marked' }],
    ['everything at once', { status: 'accepted', category: 'repair', limit: 1 }],
  ] as [string, RequestQueueQueryDto][])('staff: %s', async (_name, query) => {
    await expectSamePages(staff, query);
  });

  it('staff: an assignee', async () => {
    await expectSamePages(staff, { assigneeId: staff.id, limit: 2 });
  });

  it('staff of another community see theirs only, whatever community they name', async () => {
    await expectSamePages(otherStaff, { limit: 1 });
    await expectSamePages(otherStaff, { communityId: staff.communityId!, limit: 1 });
    const theirs = await workflow.queue(otherStaff, { limit: 100, communityId: staff.communityId! });
    expect(new Set(theirs.items.map((i) => i.communityId))).toEqual(new Set([otherStaff.communityId]));
  });

  it('admins: the whole street, or one community', async () => {
    expect(await expectSamePages(admin, { limit: 2 })).toBeGreaterThan(5);
    await expectSamePages(admin, { communityId: otherStaff.communityId!, limit: 1 });
    await expectSamePages(admin, { status: 'resolved' });
    await expectSamePages(admin, { light: 'red', limit: 1 });
  });

  it('photos of the request itself, in their order; none of a note or another request', async () => {
    const page = await workflow.queue(staff, { limit: 100 });
    const overdue = page.items.find((i) => i.title === '超期')!;
    expect(overdue.photos.map((p) => p.id.slice(0, 2))).toEqual(
      // Ids compare as the database collates them: MariaDB's utf8mb4_unicode_ci ignores case, SQLite does not.
      testDatabaseKind === 'mariadb' ? ['bb', 'aa', 'Aa', 'zz'] : ['bb', 'Aa', 'aa', 'zz'],
    );
    expect(page.items.find((i) => i.title === '黄灯')!.photos).toEqual([]);
    expect(page.items.find((i) => i.title === '已办结')!.photos).toHaveLength(1);
  });
});
