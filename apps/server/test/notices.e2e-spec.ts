import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Notice, NoticeRead } from '../src/notices/notice.entity.js';
import { Notification, OutboxMessage } from '../src/notifications/notification.entity.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

type Item = { id: number; title: string; pinned: boolean; publishAt: string; read: boolean; acknowledged: boolean };

describe(`notices through HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let staffB: string;
  let admin: string;
  /** 1栋 1-101 (李秀英), 1栋 2-302, 2栋 1-201, 3栋 1-102 of G; 1号楼 of B; pending 3栋 of G. */
  let r1: string;
  let r2: string;
  let r3: string;
  let r5: string;
  let rB: string;
  let pendingG: string;
  let g: Community;
  let gBuildings: Building[];

  const create = async (body: Record<string, unknown>, token = staffG) => {
    const res = await t.request('POST', '/api/v1/notices', {
      token,
      body: { category: 'announcement', body: '正文', ...body },
    });
    if (res.status !== 201) throw new Error(`create failed ${res.status} ${res.text}`);
    return res.body as { id: number; status: string };
  };
  const publish = async (id: number, token = staffG) => t.request('POST', `/api/v1/notices/${id}/publish`, { token });
  const feedIds = async (token: string, query = '') => {
    const res = await t.request('GET', `/api/v1/notices?limit=100${query}`, { token });
    expect(res.status).toBe(200);
    return (res.body.items as Item[]).map((i) => i.id);
  };

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, staffB, admin] = (await Promise.all(['staff.g', 'staff.b', 'admin'].map((u) => t.loginStaff(u)))).map(
      (l) => l.token,
    );
    [r1, r2, r3, r5, rB, pendingG] = (
      await Promise.all(
        ['13800000001', '13800000002', '13800000003', '13800000005', '13900000001', '13800000009'].map((p) =>
          t.loginResident(p),
        ),
      )
    ).map((l) => l.token);
    g = await t.dataSource.getRepository(Community).findOneByOrFail({ code: 'G' });
    gBuildings = await t.dataSource
      .getRepository(Building)
      .find({ where: { communityId: g.id }, order: { id: 'ASC' } });
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  it('the demo street comes with notices: a pinned water cut for 1栋 and 2栋 first', async () => {
    const res = await t.request('GET', '/api/v1/notices', { token: r1 });
    expect(res.status).toBe(200);
    expect(res.body.items[0]).toMatchObject({
      title: expect.stringContaining('停水'),
      pinned: true,
      requiresAck: true,
      status: 'published',
      read: false,
    });
    expect(res.body.items[0]).not.toHaveProperty('body');
    const bFeed = await t.request('GET', '/api/v1/notices', { token: rB });
    expect(bFeed.body.items.some((i: Item) => i.title.includes('停水'))).toBe(false);
    // 3栋 is not addressed by the water cut
    const other = await t.request('GET', '/api/v1/notices', { token: r5 });
    expect(other.body.items.some((i: Item) => i.title.includes('停水'))).toBe(false);
  });

  it('staff draft → publish: residents of the addressed building see it, others never do', async () => {
    const draft = await create({ title: '2栋电梯检修', audienceBuildingIds: [gBuildings[1].id] });
    expect(draft).toMatchObject({ status: 'draft', audienceBuildingIds: [gBuildings[1].id], publishAt: null });
    expect(await feedIds(r3)).not.toContain(draft.id);
    expect((await t.request('GET', `/api/v1/notices/${draft.id}`, { token: r3 })).status).toBe(404);

    const published = await publish(draft.id);
    expect(published.status).toBe(200);
    expect(published.body).toMatchObject({ status: 'published', publishAt: expect.any(String) });
    expect(await feedIds(r3)).toContain(draft.id);
    for (const token of [r1, r5, rB]) {
      expect(await feedIds(token)).not.toContain(draft.id);
      expect((await t.request('GET', `/api/v1/notices/${draft.id}`, { token })).status).toBe(404);
    }
    const audit = await t.dataSource
      .getRepository(AuditEntry)
      .find({ where: { targetType: 'notice', targetId: String(draft.id) }, order: { id: 'ASC' } });
    expect(audit.map((a) => a.action)).toEqual(['notice.create', 'notice.publish']);
  });

  it('puts pinned notices first, then newest, and pages without repeats even when notices arrive in between', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const n = await create({ title: `分页公告${i}`, category: 'service', pinned: i === 1 });
      await publish(n.id);
      ids.push(n.id);
    }
    const all = (await t.request('GET', '/api/v1/notices?limit=100', { token: r5 })).body.items as Item[];
    const firstUnpinned = all.findIndex((i) => !i.pinned);
    expect(all.slice(firstUnpinned).every((i) => !i.pinned)).toBe(true);
    expect(all[0].id).toBe(ids[1]);
    const unpinned = all.filter((i) => !i.pinned);
    for (let i = 1; i < unpinned.length; i++) expect(unpinned[i - 1].publishAt >= unpinned[i].publishAt).toBe(true);

    const seen: number[] = [];
    let cursor: string | null = null;
    let inserted = false;
    do {
      const res: { status: number; body: { items: Item[]; nextCursor: string | null } } = await t.request(
        'GET',
        `/api/v1/notices?limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        { token: r5 },
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((i) => i.id));
      cursor = res.body.nextCursor;
      if (!inserted) {
        inserted = true;
        const late = await create({ title: '翻页时新发的公告' });
        await publish(late.id);
      }
    } while (cursor);
    expect(seen).toEqual(all.map((i) => i.id));
    expect((await t.request('GET', '/api/v1/notices?cursor=MTI', { token: r5 })).status).toBe(400);
  });

  it('filters by category and keyword', async () => {
    const n = await create({ title: '燃气安全检查', category: 'safety', body: '入户检查**燃气管道**，100%免费' });
    await publish(n.id);
    const safety = (await t.request('GET', '/api/v1/notices?category=safety', { token: r5 })).body.items as Item[];
    expect(safety.map((i) => i.id)).toEqual([n.id]);
    expect(await feedIds(r5, `&q=${encodeURIComponent('燃气管道')}`)).toEqual([n.id]);
    expect(await feedIds(r5, `&q=${encodeURIComponent('100%')}`)).toEqual([n.id]);
    expect(await feedIds(r5, `&q=${encodeURIComponent('不存在的词')}`)).toEqual([]);
    expect((await t.request('GET', '/api/v1/notices?category=weather', { token: r5 })).status).toBe(400);
  });

  it('records a read once, even when the notice is opened many times at once, and the badge count drops by one', async () => {
    const n = await create({ title: '并发打开' });
    await publish(n.id);
    const before = (await t.request('GET', '/api/v1/notices/unread-count', { token: r1 })).body.count;
    const opens = await Promise.all(
      Array.from({ length: 8 }, () => t.request('GET', `/api/v1/notices/${n.id}`, { token: r1 })),
    );
    expect(opens.map((o) => o.status)).toEqual(Array(8).fill(200));
    expect(opens[0].body).toMatchObject({ id: n.id, body: '正文', read: true, acknowledged: false });
    expect(await t.dataSource.getRepository(NoticeRead).countBy({ noticeId: n.id })).toBe(1);
    expect((await t.request('GET', '/api/v1/notices/unread-count', { token: r1 })).body.count).toBe(before - 1);
    const item = ((await t.request('GET', '/api/v1/notices?limit=100', { token: r1 })).body.items as Item[]).find(
      (i) => i.id === n.id,
    );
    expect(item?.read).toBe(true);
  });

  it('acknowledges once when required; refuses when not; pending residents may read but not confirm', async () => {
    const n = await create({ title: '全体居民请确认', requiresAck: true });
    await publish(n.id);
    const first = await t.request('POST', `/api/v1/notices/${n.id}/ack`, { token: r2 });
    expect(first.status).toBe(200);
    const again = await t.request('POST', `/api/v1/notices/${n.id}/ack`, { token: r2 });
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    const viewed = await t.request('GET', `/api/v1/notices/${n.id}`, { token: r2 });
    expect(viewed.body).toMatchObject({ read: true, acknowledged: true, acknowledgedAt: first.body.acknowledgedAt });

    expect((await t.request('GET', `/api/v1/notices/${n.id}`, { token: pendingG })).status).toBe(200);
    const pending = await t.request('POST', `/api/v1/notices/${n.id}/ack`, { token: pendingG });
    expect(pending.body).toMatchObject({ statusCode: 403, code: 'RESIDENT_NOT_VERIFIED' });

    const plain = await create({ title: '无需确认' });
    await publish(plain.id);
    expect((await t.request('POST', `/api/v1/notices/${plain.id}/ack`, { token: r2 })).body).toMatchObject({
      statusCode: 422,
      code: 'NOTICE_ACK_NOT_REQUIRED',
    });
    expect((await t.request('POST', `/api/v1/notices/${n.id}/ack`, { token: rB })).status).toBe(404);
    expect(
      await t.dataSource
        .getRepository(NoticeRead)
        .countBy({ noticeId: n.id, userId: (await t.loginResident('13900000001')).user.id }),
    ).toBe(0);
  });

  it('shows staff the audience, reads, acks and the households to visit, with masked phones; exports them as CSV', async () => {
    const n = await create({
      title: '1栋2栋燃气改造',
      requiresAck: true,
      audienceBuildingIds: [gBuildings[0].id, gBuildings[1].id],
    });
    await publish(n.id);
    await t.request('GET', `/api/v1/notices/${n.id}`, { token: r3 });
    await t.request('POST', `/api/v1/notices/${n.id}/ack`, { token: r1 });
    const stats = await t.request('GET', `/api/v1/notices/${n.id}/stats`, { token: staffG });
    expect(stats.status).toBe(200);
    expect(stats.body).toMatchObject({
      noticeId: n.id,
      audience: 4,
      readCount: 2,
      ackCount: 1,
      followUpKind: 'ack',
      requiresAck: true,
    });
    expect(stats.body).toMatchObject({ followUpCount: 3, followUp: { nextCursor: null } });
    expect(stats.body.followUp.items.map((h: { household: string }) => h.household)).toEqual([
      '1栋-2-302',
      '2栋-1-201',
      '2栋-3-502',
    ]);
    expect(stats.body.followUp.items[1].residents).toEqual([
      { userId: expect.any(Number), name: '张桂兰', phone: '138****0003', read: true },
    ]);
    expect(stats.text).not.toContain('13800000003');

    const csv = await t.request('GET', `/api/v1/notices/${n.id}/stats.csv`, { token: staffG });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    const bytes = new Uint8Array(
      await (
        await fetch(`${t.url}/api/v1/notices/${n.id}/stats.csv`, { headers: { authorization: `Bearer ${staffG}` } })
      ).arrayBuffer(),
    );
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trimEnd()
      .split('\r\n');
    expect(lines[0]).toBe('楼栋,单元,房号,姓名,手机号,状态');
    expect(lines).toContain('2栋,1,201,张桂兰,138****0003,已读未确认');
    expect(lines).toHaveLength(4);
    expect(
      await t.dataSource.getRepository(AuditEntry).countBy({ action: 'notice.stats.export', targetId: String(n.id) }),
    ).toBe(2);
  });

  it('lets staff reveal one number of the follow-up list with a click that is audited; lists stay masked', async () => {
    const n = await create({ title: '2栋停水跟进', requiresAck: true, audienceBuildingIds: [gBuildings[1].id] });
    await publish(n.id);
    const stats = await t.request('GET', `/api/v1/notices/${n.id}/stats`, { token: staffG });
    const zhang = (
      stats.body.followUp.items as Array<{ residents: Array<{ userId: number; name: string; phone: string }> }>
    )
      .flatMap((h) => h.residents)
      .find((r) => r.name === '张桂兰')!;
    expect(zhang.phone).toBe('138****0003');
    const purpose = `公告「2栋停水跟进」#${n.id} 跟进`;

    const revealed = await t.request('POST', `/api/v1/residents/${zhang.userId}/phone`, {
      token: staffG,
      body: { purpose },
    });
    expect(revealed.status).toBe(200);
    expect(revealed.body).toEqual({ userId: zhang.userId, name: '张桂兰', phone: '13800000003' });
    const entries = await t.dataSource
      .getRepository(AuditEntry)
      .findBy({ action: 'resident.phone.reveal', targetId: String(zhang.userId) });
    const mine = entries.filter((e) => e.summary.includes(purpose));
    expect(mine).toHaveLength(1);
    expect(mine[0]).toMatchObject({ communityId: g.id, targetType: 'user' });
    expect(mine[0].summary).toContain('张桂兰');

    // Another community's staff, a resident, or no purpose: no number and no entry.
    const before = await t.dataSource.getRepository(AuditEntry).countBy({ action: 'resident.phone.reveal' });
    const other = await t.request('POST', `/api/v1/residents/${zhang.userId}/phone`, {
      token: staffB,
      body: { purpose },
    });
    expect(other.status).toBe(404);
    const resident = await t.request('POST', `/api/v1/residents/${zhang.userId}/phone`, {
      token: r1,
      body: { purpose },
    });
    expect(resident.status).toBe(403);
    const bare = await t.request('POST', `/api/v1/residents/${zhang.userId}/phone`, { token: staffG, body: {} });
    expect(bare.status).toBe(400);
    expect(other.text + resident.text + bare.text).not.toContain('13800000003');
    expect(await t.dataSource.getRepository(AuditEntry).countBy({ action: 'resident.phone.reveal' })).toBe(before);
    // The admin may reveal too (the street's view), and it is written down as well.
    expect(
      (await t.request('POST', `/api/v1/residents/${zhang.userId}/phone`, { token: admin, body: { purpose } })).status,
    ).toBe(200);
  });

  it('publishing a notice that needs confirmation puts "请确认" in the inbox of its audience', async () => {
    const n = await create({ title: '3栋停电请确认', requiresAck: true, audienceBuildingIds: [gBuildings[2].id] });
    await publish(n.id);
    const inbox = await t.request('GET', '/api/v1/notifications', { token: r5 });
    expect(inbox.status).toBe(200);
    expect(inbox.body.items[0]).toMatchObject({
      kind: 'notice_ack_required',
      title: '请确认：3栋停电请确认',
      link: `/pages/notice-detail/index?id=${n.id}`,
      read: false,
    });
    // The audience is verified residents: 3栋 has one (the pending one gets nothing); demo users have no openid, so no push.
    expect(await t.dataSource.getRepository(Notification).countBy({ title: '请确认：3栋停电请确认' })).toBe(1);
    expect(await t.dataSource.getRepository(OutboxMessage).count()).toBe(0);
    const unread = await t.request('GET', '/api/v1/notifications/unread-count', { token: r5 });
    expect(unread.body.count).toBeGreaterThanOrEqual(1);
    const read = await t.request('POST', `/api/v1/notifications/${inbox.body.items[0].id}/read`, { token: r5 });
    expect(read.body).toMatchObject({ read: true, readAt: expect.any(String) });
    expect(
      (await t.request('POST', `/api/v1/notifications/${inbox.body.items[0].id}/read`, { token: r1 })).status,
    ).toBe(404);
    const all = await t.request('POST', '/api/v1/notifications/read-all', { token: r5 });
    expect(all.status).toBe(200);
    expect((await t.request('GET', '/api/v1/notifications/unread-count', { token: r5 })).body.count).toBe(0);
  });

  it('keeps a scheduled notice hidden until its time, then shows it without a restart', async () => {
    const publishAt = new Date(Date.now() + 3000).toISOString();
    const n = await create({ title: '定时公告', publishAt });
    const res = await publish(n.id);
    expect(res.body).toMatchObject({ status: 'scheduled', publishAt });
    expect(await feedIds(r5)).not.toContain(n.id);
    expect((await t.request('GET', `/api/v1/notices/${n.id}`, { token: r5 })).status).toBe(404);
    const scheduled = await t.request('GET', '/api/v1/notices/manage?status=scheduled', { token: staffG });
    expect(scheduled.body.items.map((i: Item) => i.id)).toEqual([n.id]);
    const deadline = Date.now() + 15_000;
    while (!(await feedIds(r5)).includes(n.id)) {
      if (Date.now() > deadline) throw new Error('scheduled notice never appeared');
      await new Promise((r) => setTimeout(r, 500));
    }
    expect((await t.request('GET', `/api/v1/notices/${n.id}`, { token: r5 })).status).toBe(200);
  });

  it('refuses unknown fields and bad values, naming them, and stores nothing', async () => {
    const before = await t.dataSource.getRepository(Notice).count();
    const unknown = await t.request('POST', '/api/v1/notices', {
      token: staffG,
      body: { title: 'x', body: 'y', category: 'announcement', status: 'published' },
    });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'VALIDATION_FAILED', fields: ['status'] });
    const bad = await t.request('POST', '/api/v1/notices', {
      token: staffG,
      body: { title: 'x'.repeat(101), body: 'y', category: 'news', publishAt: '2026-12-01 08:00' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.fields.sort()).toEqual(['category', 'publishAt', 'title']);
    const tooLong = await t.request('POST', '/api/v1/notices', {
      token: staffG,
      body: { title: 'x', body: 'y'.repeat(20_001), category: 'policy' },
    });
    expect(tooLong.body.fields).toEqual(['body']);
    const foreign = await t.request('POST', '/api/v1/notices', {
      token: staffB,
      body: { title: 'x', body: 'y', category: 'policy', audienceBuildingIds: [gBuildings[0].id] },
    });
    expect(foreign.body).toMatchObject({ statusCode: 422, code: 'NOTICE_AUDIENCE_INVALID' });
    const expired = await t.request('POST', '/api/v1/notices', {
      token: staffG,
      body: { title: 'x', body: 'y', category: 'policy', expiresAt: '2020-01-01T00:00:00Z' },
    });
    expect(expired.body).toMatchObject({ statusCode: 422, code: 'NOTICE_TIME_INVALID' });
    expect(await t.dataSource.getRepository(Notice).count()).toBe(before);
  });

  it('edits drafts only; a published notice is 409; archiving hides it and freezes it', async () => {
    const n = await create({ title: '待修改' });
    const edited = await t.request('PATCH', `/api/v1/notices/${n.id}`, {
      token: staffG,
      body: { title: '已修改', pinned: true },
    });
    expect(edited.body).toMatchObject({ title: '已修改', pinned: true, status: 'draft' });
    await publish(n.id);
    expect((await publish(n.id)).body).toMatchObject({ statusCode: 409, code: 'NOTICE_ALREADY_PUBLISHED' });
    expect(
      (await t.request('PATCH', `/api/v1/notices/${n.id}`, { token: staffG, body: { title: '再改' } })).body,
    ).toMatchObject({ statusCode: 409, code: 'NOTICE_NOT_EDITABLE' });
    expect(await feedIds(r5)).toContain(n.id);
    const archived = await t.request('POST', `/api/v1/notices/${n.id}/archive`, { token: staffG });
    expect(archived.body.status).toBe('archived');
    expect(await feedIds(r5)).not.toContain(n.id);
    expect(
      (await t.request('PATCH', `/api/v1/notices/${n.id}`, { token: staffG, body: { title: '再改' } })).body,
    ).toMatchObject({ statusCode: 409, code: 'NOTICE_ARCHIVED' });
    const list = await t.request('GET', '/api/v1/notices/manage?status=archived', { token: staffG });
    expect(list.body.items.map((i: Item) => i.id)).toContain(n.id);
  });

  it('answers 404 to staff of another community and keeps the lists apart; residents get 403 on staff endpoints', async () => {
    const n = await create({ title: '光华社区内部' });
    for (const [method, path, body] of [
      ['GET', `/api/v1/notices/${n.id}`],
      ['PATCH', `/api/v1/notices/${n.id}`, { title: '越权' }],
      ['POST', `/api/v1/notices/${n.id}/publish`],
      ['POST', `/api/v1/notices/${n.id}/archive`],
      ['GET', `/api/v1/notices/${n.id}/stats`],
      ['GET', `/api/v1/notices/${n.id}/stats.csv`],
      ['GET', `/api/v1/notices/${n.id}/stats/follow-up`],
    ] as const) {
      const res = await t.request(method, path, { token: staffB, body });
      expect(res.status).toBe(404);
    }
    expect(await t.dataSource.getRepository(Notice).findOneByOrFail({ id: n.id })).toMatchObject({
      title: '光华社区内部',
      status: 'draft',
    });
    const bList = await t.request('GET', '/api/v1/notices/manage?limit=100', { token: staffB });
    const gId = g.id;
    expect(bList.body.items.every((i: { communityId: number }) => i.communityId !== gId)).toBe(true);
    const adminG = await t.request('GET', `/api/v1/notices/manage?limit=100&communityId=${gId}`, { token: admin });
    expect(adminG.body.items.map((i: Item) => i.id)).toContain(n.id);
    expect((await t.request('GET', `/api/v1/notices/${n.id}/stats`, { token: admin })).status).toBe(200);
    expect(
      (await t.request('POST', '/api/v1/notices', { token: r1, body: { title: 'x', body: 'y', category: 'policy' } }))
        .status,
    ).toBe(403);
    expect((await t.request('GET', '/api/v1/notices/manage', { token: r1 })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/notices')).status).toBe(401);
  });

  // Last in this describe: the residents it adds would change the audiences counted above.
  it('pages the follow-up list: the first page with the stats, the rest by cursor, each household once, in order', async () => {
    const building = gBuildings[2];
    // 3栋 gets 44 more households: units and rooms whose natural order differs from the text order ("2" < "10"), and
    // "01" beside "1", which the collator finds equal; one household of two.
    const rooms = ['1', '01', '2', '10', '101', '1101', '201', '302', '502', '9', '12'];
    const people = ['1', '2', '10', '3'].flatMap((unit, u) =>
      rooms.map((room, r) => ({ unit, room, phone: `1397${String(u * 100 + r).padStart(7, '0')}` })),
    );
    people.push({ unit: '2', room: '10', phone: '13970009999' });
    const users = t.dataSource.getRepository(User);
    const added = await users.save(
      people.map((p, i) =>
        users.create({
          communityId: g.id,
          role: 'resident',
          status: 'verified',
          name: `翻页${i}`,
          phone: p.phone,
          buildingId: building.id,
          unit: p.unit,
          room: p.room,
          verifiedAt: new Date(),
        }),
      ),
    );
    const n = await create({ title: '3栋门禁更换', requiresAck: true, audienceBuildingIds: [building.id] });
    await publish(n.id);
    type Household = {
      household: string;
      residents: Array<{ userId: number; name: string | null; phone: string | null }>;
    };
    type Page = { items: Household[]; nextCursor: string | null };
    const followUp = async (cursor: string, limit: number) => {
      const res = await t.request('GET', `/api/v1/notices/${n.id}/stats/follow-up?limit=${limit}&cursor=${cursor}`, {
        token: staffG,
      });
      expect(res.status).toBe(200);
      return res.body as Page;
    };
    /** Every page from the stats' first on; `between` runs after each page. */
    const walk = async (limit: number, between: (page: number) => Promise<void> = async () => {}) => {
      const stats = await t.request('GET', `/api/v1/notices/${n.id}/stats`, { token: staffG });
      expect(stats.status).toBe(200);
      let page = stats.body.followUp as Page;
      const seen = [...page.items];
      for (let i = 1; page.nextCursor; i++) {
        await between(i);
        page = await followUp(page.nextCursor, limit);
        expect(page.items.length).toBeGreaterThan(0);
        seen.push(...page.items);
      }
      return { count: stats.body.followUpCount as number, first: stats.body.followUp as Page, seen };
    };

    const { count, first, seen } = await walk(7);
    expect(first.items).toHaveLength(20);
    expect(first.nextCursor).toEqual(expect.any(String));
    // The pending resident's household is not addressed; r5's 1-102 is, and the 44 new ones.
    expect(count).toBe(45);
    const names = seen.map((h) => h.household);
    expect(names).toHaveLength(count);
    expect(new Set(names).size).toBe(count);
    const unit1 = names.filter((h) => h.startsWith(`${building.name}-1-`));
    expect(unit1.slice(0, 4)).toEqual([
      `${building.name}-1-01`,
      `${building.name}-1-1`,
      `${building.name}-1-2`,
      `${building.name}-1-9`,
    ]);
    expect(names.indexOf(`${building.name}-2-1`)).toBeLessThan(names.indexOf(`${building.name}-10-1`));
    expect(seen.find((h) => h.household === `${building.name}-2-10`)!.residents).toHaveLength(2);
    // Names and masked phones on every page, not only the first (they are read for the households shown).
    const byId = new Map(added.map((u) => [u.id, u]));
    const pagedResidents = seen.slice(20).flatMap((h) => h.residents);
    expect(pagedResidents.length).toBeGreaterThan(20);
    for (const r of pagedResidents.filter((x) => byId.has(x.userId))) {
      const u = byId.get(r.userId)!;
      expect(r).toMatchObject({ name: u.name, phone: `${u.phone!.slice(0, 3)}****${u.phone!.slice(-4)}` });
    }
    // The same order as the CSV export, which lists them all.
    const csv = await t.request('GET', `/api/v1/notices/${n.id}/stats.csv`, { token: staffG });
    const csvHouseholds = [
      ...new Set(
        csv.text
          .replace(/^\uFEFF/, '')
          .trimEnd()
          .split('\r\n')
          .slice(1)
          .map((line) => line.split(',').slice(0, 3).join('-')),
      ),
    ];
    expect(csvHouseholds).toEqual(names);
    // The same walk with a bigger page gives the same list.
    expect((await walk(100)).seen.map((h) => h.household)).toEqual(names);

    // A household on a later page confirms while staff are on page 1, one already shown confirms too: nobody is
    // shown twice or skipped, the confirmed later one drops out.
    const later = seen[30];
    const shown = seen[3];
    const ack = (household: Household) =>
      t.dataSource.getRepository(NoticeRead).insert({
        noticeId: n.id,
        userId: household.residents[0].userId,
        readAt: new Date(),
        ackAt: new Date(),
      });
    const changed = await walk(7, async (page) => {
      if (page === 1) await Promise.all([ack(later), ack(shown)]);
    });
    expect(changed.count).toBe(45);
    expect(changed.seen.map((h) => h.household)).toEqual(names.filter((h) => h !== later.household));

    for (const query of ['cursor=bm90LWEtY3Vyc29y', 'limit=0', 'limit=101', 'cursor=%2F%2F']) {
      const res = await t.request('GET', `/api/v1/notices/${n.id}/stats/follow-up?${query}`, { token: staffG });
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
    }
    expect((await t.request('GET', `/api/v1/notices/${n.id}/stats/follow-up`, { token: r1 })).status).toBe(403);
    await users.delete(added.map((u) => u.id));
  });
});

describe(`"请确认" reaches WeChat through the outbox of the running server on ${testDatabaseKind}`, () => {
  let wechat: FakeWechat;
  let t: TestApp;
  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await startTestApp({
      env: {
        WECHAT_APPID: FAKE_APPID,
        WECHAT_SECRET: FAKE_SECRET,
        WECHAT_API_BASE: wechat.url,
        WECHAT_TEMPLATE_NOTICE: 'TPL-NOTICE',
        OUTBOX_POLL_MS: '200',
      },
    });
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  it('a verified WeChat resident of the addressed building gets one subscribe message', async () => {
    const staff = (await t.loginStaff('staff.g')).token;
    const login = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-zhou', community: 'G' } });
    const buildings = await t.request('GET', '/api/v1/buildings', { token: login.body.token });
    await t.request('PATCH', '/api/v1/me', {
      token: login.body.token,
      body: { name: '周阿姨', buildingId: buildings.body.items[3].id, unit: '1', room: '808' },
    });
    expect((await t.request('POST', `/api/v1/residents/${login.body.user.id}/verify`, { token: staff })).status).toBe(
      200,
    );

    const created = await t.request('POST', '/api/v1/notices', {
      token: staff,
      body: {
        title: '4栋明日停气，请确认',
        body: '明天 9:00—15:00 停气',
        category: 'safety',
        requiresAck: true,
        audienceBuildingIds: [buildings.body.items[3].id],
      },
    });
    expect((await t.request('POST', `/api/v1/notices/${created.body.id}/publish`, { token: staff })).status).toBe(200);

    const deadline = Date.now() + 15_000;
    while (!wechat.delivered.length) {
      if (Date.now() > deadline) throw new Error('no subscribe message was delivered');
      await new Promise((r) => setTimeout(r, 200));
    }
    await new Promise((r) => setTimeout(r, 600)); // a second delivery would show up by now
    expect(wechat.delivered).toHaveLength(1);
    expect(wechat.delivered[0]).toMatchObject({
      touser: 'openid-zhou',
      template_id: 'TPL-NOTICE',
      page: `pages/notice-detail/index?id=${created.body.id}`,
      data: { thing1: { value: '4栋明日停气，请确认' } },
    });
    const row = await t.dataSource.getRepository(OutboxMessage).findOneByOrFail({ userId: login.body.user.id });
    expect(row).toMatchObject({ status: 'sent', attempts: 1, lockedBy: null });
    expect(t.logs.join('')).not.toContain(FAKE_SECRET);
    expect(t.logs.join('')).not.toContain(wechat.tokens[0]);
  });
});
