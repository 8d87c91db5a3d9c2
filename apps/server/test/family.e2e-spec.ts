import { randomUUID } from 'node:crypto';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { Booking } from '../src/bookings/booking.entity.js';
import { FamilyCode, FamilyCreditAsk } from '../src/family/family.entity.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const shanghaiDate = (d: Date) => new Date(d.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));
const local = (hhmm: string) => `${tomorrow}T${hhmm}:00+08:00`;

/**
 * 亲情代办 through HTTP. The mother: 张桂兰 (G). Her daughter: 孙丽, who lives in community B (a binding across
 * communities of the street). A stranger: 王建国 (G). At the desk: staff of G, and 杨明 (G) bound there.
 */
describe(`family bindings and acting for someone on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let mother: string;
  let motherId: number;
  let daughter: string;
  let daughterId: number;
  let stranger: string;
  let pending: string;
  let yang: string;
  let staffG: string;
  let staffB: string;
  let staffGId: number;
  let g: Community;
  let roomId: number;
  let bindingId: number;

  const makeCode = async (token = mother) => {
    const res = await t.request('POST', `${api}/me/family-codes`, { token });
    expect(res.status).toBe(201);
    return res.body as { code: string; expiresAt: string };
  };
  const bind = (token: string, code: string, relation?: string) =>
    t.request('POST', `${api}/family/bind`, { token, body: relation ? { code, relation } : { code } });
  const asProxy = (token: string, forId: number, method: string, path: string, body?: unknown, headers = {}) =>
    t.request(method, `${api}${path}`, { token, body, headers: { 'x-act-for': String(forId), ...headers } });
  const inboxOf = (userId: number) =>
    t.dataSource.getRepository(Notification).find({ where: { userId }, order: { id: 'DESC' } });
  const balanceOf = async (token: string) =>
    (await t.request('GET', `${api}/timebank/account`, { token })).body.balance as number;
  let nextSlot = 0;
  const bookingBody = () => {
    const start = 9 * 60 + nextSlot++ * 30;
    const hhmm = (m: number) => `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
    return { roomId, startAt: local(hhmm(start)), endAt: local(hhmm(start + 30)), purpose: '家人代约', attendees: 2 };
  };

  beforeAll(async () => {
    t = await startTestApp();
    const staffLogins = await Promise.all(['staff.g', 'staff.b'].map((u) => t.loginStaff(u)));
    [staffG, staffB] = staffLogins.map((l) => l.token);
    staffGId = staffLogins[0].user.id;
    g = await t.dataSource.getRepository(Community).findOneByOrFail({ code: 'G' });
    const logins = await Promise.all(
      ['13800000003', '13900000001', '13800000004', '13800000009', '13800000006'].map((p) => t.loginResident(p)),
    );
    [mother, daughter, stranger, pending, yang] = logins.map((l) => l.token);
    motherId = logins[0].user.id;
    daughterId = logins[1].user.id;
    const room = await t.request('POST', `${api}/rooms`, {
      token: staffG,
      body: { name: '代办测试室', capacity: 10, openTime: '08:00', closeTime: '21:00', facilities: ['桌椅'] },
    });
    expect(room.status).toBe(201);
    roomId = room.body.id;
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  describe('binding by code', () => {
    it('an elder makes a 6-digit code valid for 10 minutes; a pending resident and staff cannot', async () => {
      const before = Date.now();
      const { code, expiresAt } = await makeCode();
      expect(code).toMatch(/^[0-9]{6}$/);
      const ttl = new Date(expiresAt).getTime() - before;
      expect(ttl).toBeGreaterThan(9.9 * 60_000);
      expect(ttl).toBeLessThanOrEqual(10 * 60_000 + 5_000);
      expect((await t.request('POST', `${api}/me/family-codes`, { token: pending })).body.code).toBe(
        'RESIDENT_NOT_VERIFIED',
      );
      expect((await t.request('POST', `${api}/me/family-codes`, { token: staffG })).status).toBe(403);
    });

    it('refuses an unknown code, one’s own code and an expired code, changing nothing', async () => {
      const { code } = await makeCode();
      const unknown = code === '000000' ? '000001' : '000000';
      expect((await bind(daughter, unknown)).body).toMatchObject({ statusCode: 422, code: 'FAMILY_CODE_INVALID' });
      expect((await bind(mother, code)).body).toMatchObject({ statusCode: 422, code: 'FAMILY_SELF_BIND' });
      const expired = await makeCode();
      await t.dataSource
        .getRepository(FamilyCode)
        .update({ code: expired.code }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await bind(daughter, expired.code)).body).toMatchObject({ code: 'FAMILY_CODE_EXPIRED' });
      const row = await t.dataSource.getRepository(FamilyCode).findOneByOrFail({ code: expired.code });
      expect(row.usedAt).toBeNull();
      expect((await t.request('GET', `${api}/me/family`, { token: daughter })).body.elders).toEqual([]);
    });

    it('the daughter in another community binds with the code; the mother is told; the code is then used up', async () => {
      const { code } = await makeCode();
      const res = await bind(daughter, code, '女儿');
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        relation: '女儿',
        via: 'code',
        elder: { id: motherId, name: '张桂兰' },
        member: { id: daughterId, name: '孙丽', phone: '139****0001' },
      });
      expect(res.body.elder.communityName).not.toBe(res.body.member.communityName);
      bindingId = res.body.id;
      const [told] = await inboxOf(motherId);
      expect(told).toMatchObject({ kind: 'family_binding', title: '亲情代办已绑定' });
      expect(told.body).toContain('女儿 孙丽');
      // Reused, by anyone: refused.
      expect((await bind(stranger, code)).body).toMatchObject({ code: 'FAMILY_CODE_USED' });
      // Bound already: a second code of the same pair is refused and stays unused.
      const second = await makeCode();
      expect((await bind(daughter, second.code)).body).toMatchObject({ statusCode: 409, code: 'FAMILY_ALREADY_BOUND' });
      expect((await t.dataSource.getRepository(FamilyCode).findOneByOrFail({ code: second.code })).usedAt).toBeNull();
    });

    it('two members entering one code at once: exactly one binds', async () => {
      const { code } = await makeCode(yang);
      const [a, b] = await Promise.all([bind(stranger, code), bind(pending, code)]);
      // pending is refused by its own status; run a real pair of verified members too.
      expect([a.status, b.status].sort()).toEqual([201, 403]);
      const other = await makeCode(yang);
      const z = await t.loginResident('13800000005');
      const h = await t.loginResident('13800000008');
      const results = await Promise.all([bind(z.token, other.code), bind(h.token, other.code)]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 422]);
      expect(results.find((r) => r.status === 422)!.body.code).toBe('FAMILY_CODE_USED');
    });

    it('both sides list the binding', async () => {
      const mine = await t.request('GET', `${api}/me/family`, { token: mother });
      expect(mine.body.members).toEqual([expect.objectContaining({ id: bindingId, relation: '女儿' })]);
      expect(mine.body.elders).toEqual([]);
      const hers = await t.request('GET', `${api}/me/family`, { token: daughter });
      expect(hers.body.elders).toEqual([
        expect.objectContaining({ id: bindingId, elder: expect.objectContaining({ name: '张桂兰' }) }),
      ]);
    });
  });

  describe('acting for the mother (X-Act-For)', () => {
    it('reads and acknowledges her notices', async () => {
      const feed = await asProxy(daughter, motherId, 'GET', '/notices?limit=50');
      expect(feed.status).toBe(200);
      const own = await t.request('GET', `${api}/notices?limit=50`, { token: mother });
      expect(feed.body.items.map((i: { id: number }) => i.id)).toEqual(own.body.items.map((i: { id: number }) => i.id));
      const needing = feed.body.items.find(
        (i: { requiresAck: boolean; acknowledged: boolean }) => i.requiresAck && !i.acknowledged,
      );
      expect(needing).toBeDefined();
      expect((await asProxy(daughter, motherId, 'GET', `/notices/${needing.id}`)).status).toBe(200);
      expect((await asProxy(daughter, motherId, 'GET', '/notices/unread-count')).status).toBe(200);
      const ack = await asProxy(daughter, motherId, 'POST', `/notices/${needing.id}/ack`);
      expect(ack.status).toBe(200);
      const after = await t.request('GET', `${api}/notices/${needing.id}`, { token: mother });
      expect(after.body.acknowledged).toBe(true);
    });

    it('books a room and cancels; the booking is hers, both people are recorded, her inbox says who did it', async () => {
      const res = await asProxy(daughter, motherId, 'POST', '/bookings', bookingBody());
      expect(res.status).toBe(201);
      const booking = await t.dataSource.getRepository(Booking).findOneByOrFail({ id: res.body.id });
      expect(booking.userId).toBe(motherId);
      const audit = await t.dataSource
        .getRepository(AuditEntry)
        .findOneOrFail({ where: { action: 'proxy.family' }, order: { id: 'DESC' } });
      expect(audit).toMatchObject({ actorId: daughterId, onBehalfOfId: motherId });
      expect(audit.summary).toBe(`亲情代办：女儿 孙丽 为 张桂兰 预约活动室（编号 ${res.body.id}）`);
      const [line] = await inboxOf(motherId);
      expect(line).toMatchObject({ kind: 'proxy_act', title: '由 女儿 孙丽 代办：预约活动室' });
      const mine = await asProxy(daughter, motherId, 'GET', '/bookings/mine');
      expect(mine.body.items.some((b: { id: number }) => b.id === res.body.id)).toBe(true);
      const cancel = await asProxy(daughter, motherId, 'POST', `/bookings/${res.body.id}/cancel`, {});
      expect(cancel.status).toBe(200);
      expect((await inboxOf(motherId))[0].title).toBe('由 女儿 孙丽 代办：取消预约');
      // The daughter's own bookings are untouched.
      const hers = await t.request('GET', `${api}/bookings/mine`, { token: daughter });
      expect(hers.body.items.some((b: { id: number }) => b.id === res.body.id)).toBe(false);
    });

    const lastProxyEntry = () =>
      t.dataSource.getRepository(AuditEntry).findOneOrFail({
        where: { action: 'proxy.family', onBehalfOfId: motherId },
        order: { id: 'DESC' },
      });
    const proxyEntries = () =>
      t.dataSource.getRepository(AuditEntry).countBy({ action: 'proxy.family', onBehalfOfId: motherId });

    it('submits, rates, reopens and seconds requests as her, each recorded with both; a refused act records nothing', async () => {
      const body = { category: 'repair', description: '灯不亮了', urgent: false, public: true };
      const submitted = await asProxy(daughter, motherId, 'POST', '/requests', { ...body, title: '代办：楼道灯坏了' });
      expect(submitted.status).toBe(201);
      const id = submitted.body.id as number;
      expect((await t.request('GET', `${api}/requests/${id}`, { token: mother })).body.title).toBe('代办：楼道灯坏了');
      expect(await lastProxyEntry()).toMatchObject({
        actorId: daughterId,
        summary: `亲情代办：女儿 孙丽 为 张桂兰 提交诉求（编号 ${id}）`,
      });
      const mine = await asProxy(daughter, motherId, 'GET', '/requests/mine');
      expect(mine.body.items.map((r: { id: number }) => r.id)).toContain(id);
      expect((await asProxy(daughter, motherId, 'GET', `/requests/${id}`)).status).toBe(200);
      // Not resolved yet: her rule refuses the rating, and the refusal leaves no proxy record and no inbox line.
      const entries = await proxyEntries();
      const inbox = (await inboxOf(motherId)).length;
      const early = await asProxy(daughter, motherId, 'POST', `/requests/${id}/rate`, {
        resolved: true,
        satisfaction: 'satisfied',
      });
      expect(early.body.code).toBe('REQUEST_NOT_RATABLE');
      expect(await proxyEntries()).toBe(entries);
      expect((await inboxOf(motherId)).length).toBe(inbox);
      // Staff resolve it; the daughter rates and asks for it to be redone.
      expect((await t.request('POST', `${api}/requests/${id}/accept`, { token: staffG, body: {} })).status).toBe(200);
      expect(
        (await t.request('POST', `${api}/requests/${id}/resolve`, { token: staffG, body: { resolution: '已换灯' } }))
          .status,
      ).toBe(200);
      const rated = await asProxy(daughter, motherId, 'POST', `/requests/${id}/rate`, {
        resolved: false,
        satisfaction: 'dissatisfied',
      });
      expect(rated.status).toBe(200);
      expect((await inboxOf(motherId))[0].title).toBe('由 女儿 孙丽 代办：评价诉求');
      const reopened = await asProxy(daughter, motherId, 'POST', `/requests/${id}/reopen`, { reason: '又坏了' });
      expect(reopened.status).toBe(200);
      expect(reopened.body.status).toBe('in_progress');
      expect((await lastProxyEntry()).summary).toBe(`亲情代办：女儿 孙丽 为 张桂兰 申请重办诉求（编号 ${id}）`);
      // A neighbour's public request: she adds 我也遇到 as her mother.
      const neighbours = await t.request('POST', `${api}/requests`, {
        token: stranger,
        body: { ...body, title: '邻居：电梯异响' },
      });
      const seconded = await asProxy(daughter, motherId, 'POST', `/requests/${neighbours.body.id}/second`);
      expect(seconded.body).toMatchObject({ seconds: 1, secondedByMe: true });
      expect((await lastProxyEntry()).summary).toBe('亲情代办：女儿 孙丽 为 张桂兰 我也遇到');
      // Staff routes stay closed to her.
      expect((await asProxy(daughter, motherId, 'POST', `/requests/${id}/accept`, {})).body.code).toBe(
        'PROXY_NOT_ALLOWED',
      );
    });

    it('posts a help request for her (held from her balance) and cancels it; confirming a payout is not open', async () => {
      const before = await balanceOf(mother);
      const reward = Math.min(30, before);
      const posted = await asProxy(daughter, motherId, 'POST', '/help-requests', {
        title: '代办：陪妈妈去医院',
        description: '周三上午复诊',
        kind: 'escort',
        startAt: new Date(Date.now() + 2 * 86_400_000).toISOString(),
        minutes: 120,
        place: '社区卫生服务中心',
        rewardMinutes: reward,
      });
      expect(posted.status).toBe(201);
      const id = posted.body.id as number;
      expect(posted.body.poster).toMatchObject({ id: motherId });
      expect(await lastProxyEntry()).toMatchObject({
        summary: `亲情代办：女儿 孙丽 为 张桂兰 发布互助需求（编号 ${id}）`,
      });
      const mine = await asProxy(daughter, motherId, 'GET', '/help-requests/mine');
      expect(mine.body.items.map((h: { id: number }) => h.id)).toContain(id);
      expect((await asProxy(daughter, motherId, 'GET', `/help-requests/${id}`)).status).toBe(200);
      for (const action of ['confirm', 'dispute', 'offer', 'done'])
        expect([
          action,
          (await asProxy(daughter, motherId, 'POST', `/help-requests/${id}/${action}`, {})).body.code,
        ]).toEqual([action, 'PROXY_NOT_ALLOWED']);
      expect((await asProxy(daughter, motherId, 'POST', `/help-requests/${id}/cancel`)).status).toBe(200);
      expect((await inboxOf(motherId))[0].title).toBe('由 女儿 孙丽 代办：取消互助需求');
      expect(await balanceOf(mother)).toBe(before);
    });

    it('sees her balance and statement, activities and rooms; sign-up runs her rules (not a volunteer: 422)', async () => {
      for (const path of [
        '/timebank/account',
        '/timebank/transactions',
        '/activities',
        '/activities/mine',
        '/rooms',
        `/rooms/${roomId}`,
        `/rooms/${roomId}/availability?date=${tomorrow}`,
        '/rewards',
        '/rewards/redemptions/mine',
        '/me',
      ])
        expect([path, (await asProxy(daughter, motherId, 'GET', path)).status]).toEqual([path, 200]);
      const account = await asProxy(daughter, motherId, 'GET', '/timebank/account');
      expect(account.body.balance).toBe(await balanceOf(mother));
      expect((await asProxy(daughter, motherId, 'GET', '/me')).body.id).toBe(motherId);
      const activities = await asProxy(daughter, motherId, 'GET', '/activities');
      const open = activities.body.items.find((a: { status: string }) => a.status === 'published');
      if (open)
        expect((await asProxy(daughter, motherId, 'POST', `/activities/${open.id}/signup`, {})).body.code).toBe(
          'ACTIVITY_NOT_VOLUNTEER',
        );
    });

    it('never moves credits out of her account, and does nothing else not on the list (403, nothing changes)', async () => {
      const before = await balanceOf(mother);
      const refused: [string, string, unknown?, Record<string, string>?][] = [
        [
          'POST',
          '/timebank/transfers',
          { toUserId: daughterId, minutes: 30, note: '给女儿' },
          { 'idempotency-key': randomUUID() },
        ],
        ['GET', '/timebank/recipients?q=孙'],
        ['POST', '/rewards/1/redeem', undefined, { 'idempotency-key': randomUUID() }],
        ['POST', '/me/family-codes'],
        ['GET', '/me/family'],
        ['DELETE', `/me/family/${bindingId}`],
        ['POST', '/family/bind', { code: '123456' }],
        ['PATCH', '/me', { name: '改名' }],
        ['GET', '/notifications'],
        ['POST', '/notifications/read-all'],
        ['GET', '/me/code'],
        ['POST', '/auth/logout'],
      ];
      for (const [method, path, body, headers] of refused) {
        const res = await asProxy(daughter, motherId, method, path, body, headers);
        expect([method, path, res.status, res.body?.code]).toEqual([method, path, 403, 'PROXY_NOT_ALLOWED']);
      }
      expect(typeof before).toBe('number');
      expect(await balanceOf(mother)).toBe(before);
      expect((await t.request('GET', `${api}/me`, { token: mother })).body.name).toBe('张桂兰');
      expect((await t.request('GET', `${api}/me`, { token: daughter })).status).toBe(200);
    });

    it('a proxy cannot act for anyone else; a stranger’s X-Act-For is refused; a bad header is 400', async () => {
      const li = await t.loginResident('13800000001');
      expect((await asProxy(daughter, li.user.id, 'GET', '/timebank/account')).body).toMatchObject({
        statusCode: 404,
        code: 'PROXY_TARGET_NOT_FOUND',
      });
      expect((await asProxy(stranger, motherId, 'GET', '/timebank/account')).status).toBe(404);
      expect((await asProxy(stranger, motherId, 'POST', '/bookings', bookingBody())).status).toBe(404);
      expect((await asProxy(daughter, 999_999, 'GET', '/timebank/account')).status).toBe(404);
      // The mother is not bound to act for her daughter (bindings have a direction).
      expect((await asProxy(mother, daughterId, 'GET', '/timebank/account')).status).toBe(404);
      for (const bad of ['abc', '-1', '0', '1,2', '99999999999'])
        expect(
          (await t.request('GET', `${api}/timebank/account`, { token: daughter, headers: { 'x-act-for': bad } })).body,
        ).toMatchObject({ statusCode: 400, code: 'PROXY_HEADER_INVALID' });
      // Naming oneself is acting for oneself.
      expect((await asProxy(daughter, daughterId, 'GET', '/me/family')).status).toBe(200);
      // Without a session nothing happens.
      expect(
        (await t.request('GET', `${api}/timebank/account`, { headers: { 'x-act-for': String(motherId) } })).status,
      ).toBe(401);
    });
  });

  describe('at the desk (窗口代办)', () => {
    it('staff of her community act for her, recorded as desk acts; staff of another community get 404', async () => {
      const res = await asProxy(staffG, motherId, 'POST', '/bookings', bookingBody());
      expect(res.status).toBe(201);
      const booking = await t.dataSource.getRepository(Booking).findOneByOrFail({ id: res.body.id });
      expect(booking).toMatchObject({ userId: motherId, staffBooking: false });
      const entry = await t.dataSource
        .getRepository(AuditEntry)
        .findOneOrFail({ where: { action: 'proxy.desk' }, order: { id: 'DESC' } });
      expect(entry.onBehalfOfId).toBe(motherId);
      expect(entry.summary).toContain('窗口代办：社区工作人员');
      expect((await inboxOf(motherId))[0].title).toMatch(/^由 社区工作人员 .* 代办：预约活动室$/);
      expect((await asProxy(staffB, motherId, 'POST', '/bookings', bookingBody())).status).toBe(404);
      expect((await asProxy(staffG, motherId, 'GET', '/me/code')).status).toBe(200);
      expect(
        (
          await asProxy(
            staffG,
            motherId,
            'POST',
            '/timebank/transfers',
            { toUserId: daughterId, minutes: 1 },
            { 'idempotency-key': randomUUID() },
          )
        ).status,
      ).toBe(403);
    });

    it('staff bind a family member by phone; other communities and unknown phones are refused', async () => {
      const res = await t.request('POST', `${api}/residents/${motherId}/family`, {
        token: staffG,
        body: { phone: '13800000006', relation: '儿子' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ via: 'desk', relation: '儿子', member: { name: '杨明' } });
      const audit = await t.dataSource
        .getRepository(AuditEntry)
        .findOneOrFail({ where: { action: 'family.bind' }, order: { id: 'DESC' } });
      expect(audit.targetId).toBe(String(motherId));
      expect((await asProxy(yang, motherId, 'GET', '/timebank/account')).status).toBe(200);
      expect(
        (
          await t.request('POST', `${api}/residents/${motherId}/family`, {
            token: staffB,
            body: { phone: '13800000006' },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.request('POST', `${api}/residents/${motherId}/family`, {
            token: staffG,
            body: { phone: '13000000000' },
          })
        ).body.code,
      ).toBe('FAMILY_MEMBER_NOT_FOUND');
      expect(
        (
          await t.request('POST', `${api}/residents/${motherId}/family`, {
            token: staffG,
            body: { phone: '13800000006' },
          })
        ).status,
      ).toBe(409);
      expect(
        (
          await t.request('POST', `${api}/residents/${motherId}/family`, {
            token: mother,
            body: { phone: '13800000006' },
          })
        ).status,
      ).toBe(403);
    });
  });

  describe('offline residents (no WeChat)', () => {
    it('staff register one, verified at once; act for them at the desk; print their card', async () => {
      const building = await t.dataSource.getRepository(Building).findOneByOrFail({ communityId: g.id });
      const res = await t.request('POST', `${api}/residents`, {
        token: staffG,
        body: { name: '王秀珍', buildingId: building.id, unit: '3', room: '101', phone: '010-66668888' },
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: '王秀珍', status: 'verified', communityId: g.id, phone: '010****8888' });
      const offlineId = res.body.id as number;
      const row = await t.dataSource.getRepository(User).findOneByOrFail({ id: offlineId });
      expect(row).toMatchObject({ openid: null, username: null, role: 'resident' });
      expect(
        (
          await t.dataSource
            .getRepository(AuditEntry)
            .findOneByOrFail({ action: 'resident.register-offline', targetId: String(offlineId) })
        ).actorId,
      ).toBe(staffGId);
      // The same phone twice in one community: 409; a building of another community: 404; residents may not.
      expect(
        (
          await t.request('POST', `${api}/residents`, {
            token: staffG,
            body: { name: '王秀珍', buildingId: building.id, unit: '3', room: '101', phone: '010-66668888' },
          })
        ).body.code,
      ).toBe('RESIDENT_PHONE_TAKEN');
      expect(
        (
          await t.request('POST', `${api}/residents`, {
            token: staffB,
            body: { name: '某某', buildingId: building.id, unit: '1', room: '1' },
          })
        ).status,
      ).toBe(404);
      expect(
        (
          await t.request('POST', `${api}/residents`, {
            token: mother,
            body: { name: '某某', buildingId: building.id, unit: '1', room: '1' },
          })
        ).status,
      ).toBe(403);
      // At the desk staff act for them: balance, a booking, recorded as desk acts on their behalf.
      expect((await asProxy(staffG, offlineId, 'GET', '/timebank/account')).body).toMatchObject({
        balance: 0,
        userId: offlineId,
      });
      const booked = await asProxy(staffG, offlineId, 'POST', '/bookings', bookingBody());
      expect(booked.status).toBe(201);
      expect((await t.dataSource.getRepository(Booking).findOneByOrFail({ id: booked.body.id })).userId).toBe(
        offlineId,
      );
      const entry = await t.dataSource
        .getRepository(AuditEntry)
        .findOneOrFail({ where: { action: 'proxy.desk' }, order: { id: 'DESC' } });
      expect(entry).toMatchObject({ actorId: staffGId, onBehalfOfId: offlineId });
      expect((await asProxy(staffB, offlineId, 'GET', '/timebank/account')).status).toBe(404);
      // The card: their household and a code that does not expire.
      const card = await t.request('GET', `${api}/residents/${offlineId}/card`, { token: staffG });
      expect(card.body).toMatchObject({
        id: offlineId,
        name: '王秀珍',
        unit: '3',
        room: '101',
        code: expect.stringMatching(new RegExp(`^LC1\\.${offlineId}\\.`)),
      });
      expect((await t.request('GET', `${api}/residents/${offlineId}/card`, { token: staffB })).status).toBe(404);
    });
  });

  describe('代办转出: credits to the daughter only with the mother’s own confirmation', () => {
    const askPath = () => `${api}/me/family/${bindingId}/credit-asks`;
    const ask = (minutes: number, reason = '买菜垫付', token = daughter) =>
      t.request('POST', askPath(), { token, body: { minutes, reason } });
    const decide = (id: number, decision: string, token: string, headers = {}) =>
      t.request('POST', `${api}/me/family/credit-asks/${id}/${decision}`, { token, headers });

    it('the daughter asks; no one but the mother in her own session confirms; then the credits move at once', async () => {
      const [motherBefore, daughterBefore] = [await balanceOf(mother), await balanceOf(daughter)];
      const minutes = Math.min(30, motherBefore);
      expect(minutes).toBeGreaterThan(0);
      const asked = await ask(minutes);
      expect(asked.status).toBe(201);
      expect(asked.body).toMatchObject({
        status: 'pending',
        minutes,
        relation: '女儿',
        elder: { id: motherId },
        member: { id: daughterId },
      });
      const id = asked.body.id as number;
      const [told] = await inboxOf(motherId);
      expect(told).toMatchObject({ kind: 'family_credit' });
      expect(told.title).toMatch(/^女儿 孙丽 请求转出 [0-9.]+ 小时给本人$/);
      expect((await ask(1)).body.code).toBe('FAMILY_CREDIT_ASK_OPEN');
      // Acting for her mother, the daughter can neither confirm nor ask in her name; nor can anyone else confirm.
      expect((await decide(id, 'confirm', daughter, { 'x-act-for': String(motherId) })).body).toMatchObject({
        statusCode: 403,
        code: 'PROXY_NOT_ALLOWED',
      });
      expect(
        (await asProxy(daughter, motherId, 'POST', `/me/family/${bindingId}/credit-asks`, { minutes: 1, reason: 'x' }))
          .body.code,
      ).toBe('PROXY_NOT_ALLOWED');
      expect((await asProxy(staffG, motherId, 'POST', `/me/family/credit-asks/${id}/confirm`)).status).toBe(403);
      expect((await decide(id, 'confirm', daughter)).body.code).toBe('FAMILY_CREDIT_ASK_NOT_FOUND');
      expect((await decide(id, 'confirm', stranger)).body.code).toBe('FAMILY_CREDIT_ASK_NOT_FOUND');
      expect((await decide(id, 'decline', daughter)).body.code).toBe('FAMILY_CREDIT_ASK_NOT_FOUND');
      expect([await balanceOf(mother), await balanceOf(daughter)]).toEqual([motherBefore, daughterBefore]);
      // Both see it.
      const hers = await t.request('GET', `${api}/me/family/credit-asks`, { token: mother });
      expect(hers.body.toMe.map((a: { id: number }) => a.id)).toContain(id);
      const mine = await t.request('GET', `${api}/me/family/credit-asks`, { token: daughter });
      expect(mine.body.mine.map((a: { id: number }) => a.id)).toContain(id);
      // The mother confirms: one transaction, once.
      const confirmed = await decide(id, 'confirm', mother);
      expect(confirmed.status).toBe(200);
      expect(confirmed.body.status).toBe('confirmed');
      expect([await balanceOf(mother), await balanceOf(daughter)]).toEqual([
        motherBefore - minutes,
        daughterBefore + minutes,
      ]);
      expect((await decide(id, 'confirm', mother)).body).toMatchObject({
        statusCode: 409,
        code: 'FAMILY_CREDIT_ASK_CLOSED',
      });
      expect(await balanceOf(mother)).toBe(motherBefore - minutes);
      const statement = await t.request('GET', `${api}/timebank/transactions`, { token: mother });
      expect(statement.body.items[0].memo).toContain('经本人确认转给女儿：买菜垫付');
      const entry = await t.dataSource
        .getRepository(AuditEntry)
        .findOneByOrFail({ action: 'family.credit.confirm', targetId: String(id) });
      expect(entry.actorId).toBe(motherId);
    });

    it('declined, cancelled, expired and unaffordable asks move nothing; strangers and the elder cannot ask', async () => {
      const [motherBefore, daughterBefore] = [await balanceOf(mother), await balanceOf(daughter)];
      const declined = (await ask(1, '第一次')).body.id as number;
      expect((await decide(declined, 'decline', mother)).body.status).toBe('declined');
      expect((await inboxOf(daughterId))[0].title).toBe('代办转出未获同意');
      expect((await decide(declined, 'confirm', mother)).body.code).toBe('FAMILY_CREDIT_ASK_CLOSED');
      const cancelled = (await ask(1, '第二次')).body.id as number;
      expect((await decide(cancelled, 'cancel', mother)).body.code).toBe('FAMILY_CREDIT_ASK_NOT_FOUND');
      expect((await decide(cancelled, 'cancel', daughter)).body.status).toBe('cancelled');
      const expired = (await ask(1, '第三次')).body.id as number;
      await t.dataSource
        .getRepository(FamilyCreditAsk)
        .update({ id: expired }, { expiresAt: new Date(Date.now() - 1000) });
      expect((await decide(expired, 'confirm', mother)).body).toMatchObject({
        statusCode: 422,
        code: 'FAMILY_CREDIT_ASK_EXPIRED',
      });
      expect((await decide(expired, 'decline', mother)).status).toBe(200);
      // More than she has: refused at confirmation, and the ask stays open (nothing was written).
      const tooMuch = (await ask(motherBefore + 60, '太多')).body.id as number;
      expect((await decide(tooMuch, 'confirm', mother)).body.code).toBe('INSUFFICIENT_CREDITS');
      expect((await t.dataSource.getRepository(FamilyCreditAsk).findOneByOrFail({ id: tooMuch })).status).toBe(
        'pending',
      );
      expect((await decide(tooMuch, 'cancel', daughter)).status).toBe(200);
      expect([await balanceOf(mother), await balanceOf(daughter)]).toEqual([motherBefore, daughterBefore]);
      // Only the member of an active binding asks: a stranger, and the elder herself, are told there is none.
      expect((await ask(1, 'x', stranger)).body).toMatchObject({ statusCode: 404, code: 'FAMILY_BINDING_NOT_FOUND' });
      expect((await ask(1, 'x', mother)).body.code).toBe('FAMILY_BINDING_NOT_FOUND');
      expect((await ask(1, 'x', staffG)).status).toBe(403);
      expect((await t.request('POST', askPath(), { token: daughter, body: { minutes: 0, reason: 'x' } })).status).toBe(
        400,
      );
    });
  });

  describe('revocation', () => {
    it('the mother revokes; the very next request of the daughter is refused; a stranger cannot revoke', async () => {
      expect((await asProxy(daughter, motherId, 'GET', '/timebank/account')).status).toBe(200);
      expect((await t.request('DELETE', `${api}/me/family/${bindingId}`, { token: stranger })).status).toBe(404);
      expect((await t.request('DELETE', `${api}/me/family/${bindingId}`, { token: mother })).status).toBe(204);
      expect((await asProxy(daughter, motherId, 'GET', '/timebank/account')).status).toBe(404);
      expect((await t.request('DELETE', `${api}/me/family/${bindingId}`, { token: mother })).status).toBe(404);
      const [told] = await inboxOf(daughterId);
      expect(told).toMatchObject({ kind: 'family_binding', title: '亲情代办已解除' });
      expect((await t.request('GET', `${api}/me/family`, { token: daughter })).body.elders).toEqual([]);
    });

    it('a revoked pair binds again with a fresh code', async () => {
      const { code } = await makeCode();
      const res = await bind(daughter, code, '女儿');
      expect(res.status).toBe(201);
      expect(res.body.id).toBe(bindingId);
      expect((await asProxy(daughter, motherId, 'GET', '/timebank/account')).status).toBe(200);
    });
  });
});
