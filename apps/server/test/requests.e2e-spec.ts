import { hashPassword } from '../src/auth/password.js';
import { ResidentRequest, ResidentRequestSecond } from '../src/requests/request.entity.js';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { HelpRequest } from '../src/help-requests/help-request.entity.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const H = 3_600_000;
const tally = (responses: TestResponse[]) =>
  responses.reduce<Record<string, number>>((t, r) => {
    const k = `${r.status} ${r.body?.code ?? ''}`.trim();
    return { ...t, [k]: (t[k] ?? 0) + 1 };
  }, {});

describe(`resident requests over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let staffG2: string;
  let staffG2Id: number;
  let staffB: string;
  let admin: string;
  let zhang: string; // 张桂兰, G
  let zhangId: number;
  let wang: string; // 王建国, G
  let sun: string; // 孙丽, B
  let pending: string; // 周磊, G, not verified
  let staffGId: number;

  const body = (extra: Record<string, unknown> = {}) => ({
    category: 'repair',
    title: '3 号楼楼道灯坏了',
    description: '三单元二楼到四楼的灯都不亮，晚上老人上下楼很危险。',
    urgent: false,
    public: false,
    ...extra,
  });
  const submit = (token: string, extra: Record<string, unknown> = {}) =>
    t.request('POST', `${api}/requests`, { token, body: body(extra) });
  const act = (token: string, id: number, action: string, payload: unknown = {}) =>
    t.request('POST', `${api}/requests/${id}/${action}`, { token, body: payload });
  const count = () => t.dataSource.getRepository(ResidentRequest).count();

  beforeAll(async () => {
    t = await startTestApp();
    // A second staff member of G, for the accept race and assignment.
    const g = await t.dataSource.getRepository(Community).findOneByOrFail({ code: 'G' });
    const users = t.dataSource.getRepository(User);
    staffG2Id = (
      await users.save(
        users.create({
          role: 'staff',
          status: 'verified',
          volunteer: false,
          communityId: g.id,
          name: '李娜',
          username: 'staff.g2',
          passwordHash: await hashPassword('linli-demo'),
        }),
      )
    ).id;
    const logins = await Promise.all(['staff.g', 'staff.g2', 'staff.b', 'admin'].map((u) => t.loginStaff(u)));
    [staffG, staffG2, staffB, admin] = logins.map((l) => l.token);
    staffGId = logins[0].user.id;
    const residents = await Promise.all(
      ['13800000003', '13800000004', '13900000001', '13800000009'].map((p) => t.loginResident(p)),
    );
    [zhang, wang, sun, pending] = residents.map((l) => l.token);
    zhangId = residents[0].user.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the demo street is alive on first start: requests in every state and light, rated, with progress notes', async () => {
    const queue = await t.request('GET', `${api}/requests?limit=100`, { token: admin });
    expect(queue.status).toBe(200);
    const items: Array<{ id: number; status: string; light: string; deadlineAt: string | null }> = queue.body.items;
    expect(new Set(items.map((r) => r.status))).toEqual(
      new Set(['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'referred']),
    );
    const running = items.filter((r) => r.deadlineAt !== null);
    expect(new Set(running.map((r) => r.light))).toEqual(new Set(['green', 'yellow', 'red']));
    for (const light of ['green', 'yellow', 'red']) {
      const shown = await t.request('GET', `${api}/requests?light=${light}&limit=100`, { token: admin });
      expect(shown.body.items.map((r: { id: number }) => r.id).sort()).toEqual(
        running
          .filter((r) => r.light === light)
          .map((r) => r.id)
          .sort(),
      );
    }
    const marked = await t.request('GET', `${api}/requests?unreasonable=marked`, { token: admin });
    expect(marked.body.items).toHaveLength(1);
    // Already-due alerts are part of the demo's past: the first scheduler run finds nothing to send.
    const rows = await t.dataSource.getRepository(ResidentRequest).find();
    const now = Date.now();
    for (const r of rows.filter((row) => row.deadlineAt && row.yellowAt!.getTime() <= now))
      expect(r.yellowAlertedPhase).toBe(r.phase);
    const stats = await t.request('GET', `${api}/requests/stats`, { token: admin });
    expect(stats.body).toMatchObject({ submitted: 30, unreasonable: 1, counts: { rated: 9 } });
    expect(stats.body.composite).toBeGreaterThan(0);
    expect(stats.body.communities.every((c: { composite: number | null }) => c.composite !== null)).toBe(true);
    const withNotes = await Promise.all(
      items.slice(0, 12).map((r) => t.request('GET', `${api}/requests/${r.id}`, { token: admin })),
    );
    expect(withNotes.some((d) => d.body.timeline.some((e: { kind: string }) => e.kind === 'progress'))).toBe(true);
  });

  it('walks the whole life cycle: submit → accept → progress → resolve → rate (closed), each step on the timeline', async () => {
    const created = await submit(zhang);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'submitted',
      light: 'green',
      mine: true,
      seconds: 0,
      canRate: false,
      submitter: { id: zhangId },
    });
    const id = created.body.id;
    expect(new Date(created.body.acceptDueAt).getTime() - new Date(created.body.createdAt).getTime()).toBe(24 * H);
    expect(new Date(created.body.resolveDueAt).getTime() - new Date(created.body.createdAt).getTime()).toBe(7 * 24 * H);

    const accepted = await act(staffG, id, 'accept', { assigneeId: staffG2Id });
    expect(accepted.status).toBe(200);
    expect(accepted.body).toMatchObject({ status: 'accepted', assignee: { id: staffG2Id, name: '李娜' } });
    expect(accepted.body.deadlineAt).toBe(accepted.body.resolveDueAt);

    const progress = await act(staffG2, id, 'progress', { note: '已联系物业，明天上午更换灯管' });
    expect(progress.status).toBe(200);
    expect(progress.body.status).toBe('in_progress');
    const resolved = await act(staffG2, id, 'resolve', { resolution: '三处灯管已全部更换' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolution: '三处灯管已全部更换', deadlineAt: null });

    const mine = await t.request('GET', `${api}/requests/${id}`, { token: zhang });
    expect(mine.body).toMatchObject({ canRate: true, canReopen: true, status: 'resolved' });
    const rated = await act(zhang, id, 'rate', { resolved: true, satisfaction: 'satisfied', comment: '很及时，谢谢' });
    expect(rated.status).toBe(200);
    expect(rated.body).toMatchObject({
      status: 'closed',
      rating: { resolved: true, satisfaction: 'satisfied', comment: '很及时，谢谢' },
      canRate: false,
    });
    expect(rated.body.timeline.map((e: { kind: string }) => e.kind)).toEqual([
      'submitted',
      'accepted',
      'progress',
      'resolved',
      'rated',
    ]);
    expect(rated.body.timeline[1].actor).toMatchObject({ id: staffGId, role: 'staff' });
    expect((await act(zhang, id, 'rate', { resolved: true, satisfaction: 'satisfied' })).body.code).toBe(
      'REQUEST_ALREADY_RATED',
    );

    // The resident got an inbox message at every step; staff actions are in the audit log.
    const inbox = await t.dataSource
      .getRepository(Notification)
      .findBy({ userId: zhangId, kind: 'request_status' as never });
    expect(inbox.map((n) => n.title)).toEqual(expect.arrayContaining(['诉求已受理', '诉求处置进展', '诉求已办结']));
    const audit = await t.dataSource.getRepository(AuditEntry).findBy({ targetType: 'request', targetId: String(id) });
    expect(audit.map((a) => a.action).sort()).toEqual(
      ['requests.accept', 'requests.progress', 'requests.rate', 'requests.resolve', 'requests.submit'].sort(),
    );

    // 重办 once within 7 days, even after rating: back to in_progress with a fresh deadline; not twice.
    const reopened = await act(zhang, id, 'reopen', { reason: '四楼的灯又不亮了' });
    expect(reopened.status).toBe(200);
    expect(reopened.body).toMatchObject({ status: 'in_progress', reopened: true, rating: null, light: 'green' });
    expect((await act(staffG2, id, 'resolve', { resolution: '更换了开关' })).status).toBe(200);
    const again = await act(zhang, id, 'reopen', { reason: '还是不行' });
    expect(again).toMatchObject({ status: 422, body: { code: 'REQUEST_REOPEN_USED' } });
  });

  it("assignees: the picker lists active staff of the caller's community; admins the street or one community", async () => {
    const g = await t.dataSource.getRepository(Community).findOneByOrFail({ code: 'G' });
    const users = t.dataSource.getRepository(User);
    await users.save(
      users.create({
        role: 'staff',
        status: 'disabled',
        volunteer: false,
        communityId: g.id,
        name: '已离职',
        username: 'staff.g.gone',
      }),
    );
    const names = (r: TestResponse) => r.body.items.map((p: { name: string }) => p.name).sort();
    const mine = await t.request('GET', `${api}/requests/assignees`, { token: staffG });
    expect(mine.status).toBe(200);
    expect(names(mine)).toEqual(['李娜', '王芳'].sort());
    expect(mine.body.items.every((p: { communityId: number }) => p.communityId === g.id)).toBe(true);
    expect(mine.body.nextCursor).toBeNull();
    // Staff naming another community still get their own.
    const b = await t.dataSource.getRepository(Community).findOneByOrFail({ code: 'B' });
    expect(names(await t.request('GET', `${api}/requests/assignees?communityId=${g.id}`, { token: staffB }))).toEqual([
      '刘洋',
    ]);
    expect(names(await t.request('GET', `${api}/requests/assignees?communityId=${b.id}`, { token: admin }))).toEqual([
      '刘洋',
    ]);
    const street = await t.request('GET', `${api}/requests/assignees`, { token: admin });
    expect(names(street)).toEqual(expect.arrayContaining(['李娜', '王芳', '刘洋']));
    expect(names(street)).not.toContain('已离职');
    expect(names(street)).not.toContain('街道管理员');
    expect((await t.request('GET', `${api}/requests/assignees`, { token: zhang })).status).toBe(403);
    expect((await t.request('GET', `${api}/requests/assignees?communityId=abc`, { token: admin })).status).toBe(400);
    // Whoever the picker offers, accept takes.
    const id = (await submit(zhang)).body.id;
    const pick = mine.body.items.find((p: { name: string }) => p.name === '李娜');
    expect((await act(staffG, id, 'accept', { assigneeId: pick.id })).body.assignee).toMatchObject({ id: pick.id });
  });

  it('two staff accepting at once: one 200, the other 409', async () => {
    const id = (await submit(zhang)).body.id;
    const results = await Promise.all([act(staffG, id, 'accept'), act(staffG2, id, 'accept')]);
    expect(tally(results)).toEqual({ '200': 1, '409 REQUEST_STATE_CHANGED': 1 });
    const row = await t.dataSource.getRepository(ResidentRequest).findOneByOrFail({ id });
    const winner = results.find((r) => r.status === 200)!;
    expect(row.assigneeId).toBe(winner.body.assignee.id);
  });

  it('refers (closes, the resident sees where and why), extends once, and the unreasonable path leaves the rates', async () => {
    const referred = await act(staffG, (await submit(zhang)).body.id, 'refer', {
      to: '区住建委',
      reason: '属于燃气管道改造',
    });
    expect(referred.status).toBe(200);
    expect(referred.body).toMatchObject({
      status: 'referred',
      referral: { to: '区住建委', reason: '属于燃气管道改造' },
    });
    expect((await act(staffG, referred.body.id, 'accept')).status).toBe(409);

    const id = (await submit(zhang)).body.id;
    expect((await act(staffG, id, 'extend', { days: 3, reason: '等待配件' })).body.code).toBe('REQUEST_STATE_CHANGED');
    await act(staffG, id, 'accept');
    const before = (await t.request('GET', `${api}/requests/${id}`, { token: staffG })).body.resolveDueAt;
    const extended = await act(staffG, id, 'extend', { days: 15, reason: '等待配件到货' });
    expect(extended.status).toBe(200);
    expect(new Date(extended.body.resolveDueAt).getTime() - new Date(before).getTime()).toBe(15 * 24 * H);
    expect(extended.body).toMatchObject({ extensionDays: 15, extensionReason: '等待配件到货' });
    expect((await act(staffG, id, 'extend', { days: 1, reason: '再等等' })).body.code).toBe('REQUEST_ALREADY_EXTENDED');
    expect((await act(staffG, id, 'extend', { days: 16, reason: '太久' })).status).toBe(400);

    const marked = await act(staffG, id, 'unreasonable', { reason: '要求社区赔偿私人财产损失' });
    expect(marked.body.unreasonable).toMatchObject({ state: 'marked', confirmedAt: null });
    expect((await act(staffG, id, 'unreasonable/confirm')).status).toBe(403);
    expect((await act(admin, id, 'unreasonable/confirm')).body).toMatchObject({
      status: 'closed',
      unreasonable: { state: 'confirmed' },
    });
    expect((await act(admin, id, 'unreasonable/confirm')).body.code).toBe('REQUEST_NOT_MARKED_UNREASONABLE');
  });

  it('help-task: staff turn a request into a pool-paid help task on the mutual-help board, once; refusals change nothing', async () => {
    const helpRows = () => t.dataSource.getRepository(HelpRequest).count();
    const id = (await submit(zhang, { category: 'care', title: '需要人陪同去医院复诊' })).body.id;
    // Not while submitted (accept first), not by a resident, not from another community; bad input is 400.
    const before = await helpRows();
    expect((await act(staffG, id, 'help-task', { rewardMinutes: 60 })).body.code).toBe('REQUEST_STATE_CHANGED');
    await act(staffG, id, 'accept');
    expect((await act(zhang, id, 'help-task', { rewardMinutes: 60 })).status).toBe(403);
    expect((await act(staffB, id, 'help-task', { rewardMinutes: 60 })).status).toBe(404);
    for (const bad of [{}, { rewardMinutes: 0 }, { rewardMinutes: 1.5 }, { rewardMinutes: 60, minutes: 10 }]) {
      const r = await act(staffG, id, 'help-task', bad);
      expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const past = await act(staffG, id, 'help-task', {
      rewardMinutes: 60,
      startAt: new Date(Date.now() - 2 * H).toISOString(),
    });
    expect([past.status, past.body.code]).toEqual([422, 'HELP_START_IN_PAST']);
    expect(await helpRows()).toBe(before);
    expect((await t.request('GET', `${api}/requests/${id}`, { token: staffG })).body).toMatchObject({
      status: 'accepted',
      helpRequestId: null,
    });

    // Two staff at once: one task, one 409.
    const startAt = new Date(Date.now() + 26 * H).toISOString();
    const results = await Promise.all([
      act(staffG, id, 'help-task', { rewardMinutes: 90, startAt }),
      act(staffG2, id, 'help-task', { rewardMinutes: 90, startAt }),
    ]);
    expect(tally(results)).toEqual({ '200': 1, '409 REQUEST_HELP_TASK_EXISTS': 1 });
    const made = results.find((r) => r.status === 200)!.body;
    expect(made).toMatchObject({ status: 'in_progress', helpRequestId: expect.any(Number) });
    expect(made.timeline.at(-1)).toMatchObject({ kind: 'help_task', actor: { role: 'staff' } });
    expect(made.timeline.at(-1).note).toContain('1.50 小时');
    expect(await helpRows()).toBe(before + 1);
    const again = await act(staffG, id, 'help-task', { rewardMinutes: 30 });
    expect([again.status, again.body.code]).toEqual([409, 'REQUEST_HELP_TASK_EXISTS']);
    expect(await helpRows()).toBe(before + 1);

    // On the mutual-help board of G, for 张桂兰, paid from the pool; the ledger still balances.
    const task = await t.request('GET', `${api}/help-requests/${made.helpRequestId}`, { token: wang });
    expect(task.status).toBe(200);
    expect(task.body).toMatchObject({
      title: '需要人陪同去医院复诊',
      kind: 'company',
      rewardMinutes: 90,
      minutes: 90,
      fundedBy: 'pool',
      status: 'open',
      poster: { id: zhangId },
      startAt: new Date(startAt).toISOString(),
    });
    const board = await t.request('GET', `${api}/help-requests`, { token: wang });
    expect(board.body.items.map((h: { id: number }) => h.id)).toContain(made.helpRequestId);
    const ledger = await t.request('GET', `${api}/timebank/audit`, { token: staffG });
    expect(ledger.body).toMatchObject({ ok: true, discrepancies: [] });
    // Audited on both sides in the same transaction; the resident is told.
    const audit = await t.dataSource.getRepository(AuditEntry).findBy({ targetType: 'request', targetId: String(id) });
    expect(audit.map((a) => a.action)).toContain('requests.help_task');
    expect(
      await t.dataSource
        .getRepository(AuditEntry)
        .countBy({ action: 'help.create_task', targetId: String(made.helpRequestId) }),
    ).toBe(1);
    const told = await t.dataSource.getRepository(Notification).findBy({ userId: zhangId, title: '诉求已派给志愿者' });
    expect(told).toHaveLength(1);
  });

  it('refuses the wrong role, the wrong community, a neighbour on a private request, and bad input, storing nothing', async () => {
    const id = (await submit(zhang)).body.id;
    const before = await count();
    // wrong role
    expect((await act(zhang, id, 'accept')).status).toBe(403);
    expect((await t.request('GET', `${api}/requests`, { token: zhang })).status).toBe(403);
    expect((await t.request('GET', `${api}/requests/stats`, { token: wang })).status).toBe(403);
    expect((await submit(staffG)).status).toBe(403);
    expect((await act(staffG, id, 'rate', { resolved: true, satisfaction: 'satisfied' })).status).toBe(403);
    // not verified
    expect((await submit(pending)).body.code).toBe('RESIDENT_NOT_VERIFIED');
    // another community → 404
    expect((await t.request('GET', `${api}/requests/${id}`, { token: staffB })).status).toBe(404);
    expect((await act(staffB, id, 'accept')).status).toBe(404);
    expect((await t.request('GET', `${api}/requests/${id}`, { token: sun })).status).toBe(404);
    // a neighbour reading a private request → 404; someone else's rate/reopen → 404
    expect((await t.request('GET', `${api}/requests/${id}`, { token: wang })).status).toBe(404);
    expect((await act(wang, id, 'second')).status).toBe(404);
    expect((await act(wang, id, 'rate', { resolved: true, satisfaction: 'satisfied' })).status).toBe(404);
    // wrong state
    expect((await act(zhang, id, 'rate', { resolved: true, satisfaction: 'satisfied' })).body.code).toBe(
      'REQUEST_NOT_RATABLE',
    );
    expect((await act(staffG, id, 'resolve', { resolution: '好了' })).status).toBe(409);
    // bad input → 400 with the fields, nothing stored
    for (const bad of [
      body({ title: '' }),
      body({ title: 'x'.repeat(61) }),
      body({ description: 'x'.repeat(2001) }),
      body({ category: 'noise' }),
      body({ urgent: 'yes' }),
      body({ lat: 91 }),
      body({ photoIds: ['a', 'b', 'c', 'd'] }),
      body({ extra: 1 }),
      body({ place: 'x'.repeat(101) }),
    ]) {
      const r = await t.request('POST', `${api}/requests`, { token: zhang, body: bad });
      expect([r.status, r.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    const foreignBuilding = await submit(zhang, { buildingId: 999999 });
    expect(foreignBuilding.body.code).toBe('REQUEST_BUILDING_INVALID');
    const unknownPhoto = await submit(zhang, { photoIds: ['A'.repeat(32)] });
    expect(unknownPhoto.body.code).toBe('REQUEST_PHOTO_INVALID');
    expect(await count()).toBe(before);
    expect((await act(staffG, id, 'accept', { assigneeId: zhangId })).body.code).toBe('REQUEST_ASSIGNEE_INVALID');
    expect((await act(staffG, id, 'progress', { note: '' })).status).toBe(400);
    expect((await t.request('GET', `${api}/requests?light=purple`, { token: staffG })).status).toBe(400);
    expect(
      (
        await t.request('GET', `${api}/requests/stats?from=2026-12-01T00:00:00Z&to=2026-11-01T00:00:00Z`, {
          token: staffG,
        })
      ).body.code,
    ).toBe('REQUEST_STATS_RANGE_INVALID');
  });

  it('public requests: neighbours read them without the submitter; 20 concurrent seconds from 10 residents count 10', async () => {
    const g = await t.dataSource.getRepository(Community).findOneByOrFail({ code: 'G' });
    const users = t.dataSource.getRepository(User);
    const phones = Array.from({ length: 10 }, (_, i) => `1370000${String(i).padStart(4, '0')}`);
    await users.save(
      phones.map((phone, i) =>
        users.create({
          role: 'resident',
          status: 'verified',
          volunteer: false,
          communityId: g.id,
          name: `邻居${i}`,
          phone,
        }),
      ),
    );
    const tokens = (await Promise.all(phones.map((p) => t.loginResident(p, 'G')))).map((l) => l.token);
    const created = await submit(zhang, { public: true, category: 'sanitation', title: '垃圾站每天溢满' });
    const id = created.body.id;

    const seen = await t.request('GET', `${api}/requests/${id}`, { token: wang });
    expect(seen.status).toBe(200);
    expect(seen.body).toMatchObject({ mine: false, submitter: null, public: true });
    expect(seen.body.timeline[0].actor).toBeNull();
    const feed = await t.request('GET', `${api}/requests/public`, { token: wang });
    expect(feed.body.items.map((r: { id: number }) => r.id)).toContain(id);
    expect(
      (await t.request('GET', `${api}/requests/public`, { token: sun })).body.items.map((r: { id: number }) => r.id),
    ).not.toContain(id);
    expect((await act(zhang, id, 'second')).body.code).toBe('REQUEST_SECOND_OWN');

    const results = await Promise.all([...tokens, ...tokens].map((token) => act(token, id, 'second')));
    expect(tally(results)).toEqual({ '200': 10, '409 REQUEST_ALREADY_SECONDED': 10 });
    const row = await t.dataSource.getRepository(ResidentRequest).findOneByOrFail({ id });
    expect(row.seconds).toBe(10);
    expect(await t.dataSource.getRepository(ResidentRequestSecond).countBy({ requestId: id })).toBe(10);
    expect((await t.request('GET', `${api}/requests/${id}`, { token: tokens[0] })).body).toMatchObject({
      seconds: 10,
      secondedByMe: true,
    });
  });

  it('lights follow the clock: a request past its deadline is red in the queue and the street view; past 80 % yellow', async () => {
    const redId = (await submit(zhang, { urgent: true, title: '电梯困人' })).body.id;
    const yellowId = (await submit(zhang, { title: '下水道堵了' })).body.id;
    const repo = t.dataSource.getRepository(ResidentRequest);
    // Move these requests back in time (the server runs on the real clock): submitted 3 h / 20 h ago.
    const now = Date.now();
    await repo.update(redId, {
      createdAt: new Date(now - 3 * H),
      acceptDueAt: new Date(now - H),
      deadlineAt: new Date(now - H),
      yellowAt: new Date(now - 1.4 * H),
    });
    await repo.update(yellowId, {
      createdAt: new Date(now - 20 * H),
      acceptDueAt: new Date(now + 4 * H),
      deadlineAt: new Date(now + 4 * H),
      yellowAt: new Date(now - 0.8 * H),
    });
    const red = await t.request('GET', `${api}/requests?light=red`, { token: staffG });
    expect(red.body.items.map((r: { id: number }) => r.id)).toContain(redId);
    expect(red.body.items.every((r: { light: string }) => r.light === 'red')).toBe(true);
    const yellow = await t.request('GET', `${api}/requests?light=yellow`, { token: staffG });
    expect(yellow.body.items.map((r: { id: number }) => r.id)).toContain(yellowId);
    expect(yellow.body.items.map((r: { id: number }) => r.id)).not.toContain(redId);
    expect(yellow.body.items.every((r: { light: string }) => r.light === 'yellow')).toBe(true);
    // The queue puts the most overdue first (the demo's requests are in it too).
    const queue = await t.request('GET', `${api}/requests?status=submitted&limit=100`, { token: staffG });
    const deadlines = queue.body.items.map((r: { deadlineAt: string }) => new Date(r.deadlineAt).getTime());
    expect(deadlines).toEqual([...deadlines].sort((a, b) => a - b));
    const ids = queue.body.items.map((r: { id: number }) => r.id);
    expect(ids.indexOf(redId)).toBeLessThan(ids.indexOf(yellowId));
    const street = await t.request('GET', `${api}/requests?light=red`, { token: admin });
    expect(street.body.items.map((r: { id: number }) => r.id)).toContain(redId);
    expect(
      (await t.request('GET', `${api}/requests?light=red`, { token: staffB })).body.items.map(
        (r: { id: number }) => r.id,
      ),
    ).not.toContain(redId);
    // Accepting late stops the response clock; the request is now on its resolution clock, green.
    const accepted = await act(staffG, redId, 'accept');
    expect(accepted.body.light).toBe('green');
  });

  it('stats: exact rates for a community of its own (hand-computed), staff see theirs, admins the street and each', async () => {
    // Community T with one staff member and three residents, so nothing else lands in its numbers.
    const community = await t.dataSource.getRepository(Community).save({ code: 'T', name: '测试社区' });
    const users = t.dataSource.getRepository(User);
    await users.save(
      users.create({
        role: 'staff',
        status: 'verified',
        volunteer: false,
        communityId: community.id,
        name: '测试社工',
        username: 'staff.t',
        passwordHash: await hashPassword('linli-demo'),
      }),
    );
    const phones = ['13600000001', '13600000002', '13600000003'];
    await users.save(
      phones.map((phone, i) =>
        users.create({
          role: 'resident',
          status: 'verified',
          volunteer: false,
          communityId: community.id,
          name: `T${i}`,
          phone,
        }),
      ),
    );
    const staffT = (await t.loginStaff('staff.t')).token;
    const [r1, r2, r3] = (await Promise.all(phones.map((p) => t.loginResident(p, 'T')))).map((l) => l.token);
    const run = async (token: string, rating: Record<string, unknown> | null, extra: Record<string, unknown> = {}) => {
      const id = (await submit(token, extra)).body.id;
      await act(staffT, id, 'accept');
      await act(staffT, id, 'resolve', { resolution: '已处理' });
      if (rating) expect((await act(token, id, 'rate', rating)).status).toBe(200);
      return id;
    };
    await run(r1, { resolved: true, satisfaction: 'satisfied' });
    await run(r2, { resolved: true, satisfaction: 'basically' }, { category: 'sanitation' });
    await run(r3, { resolved: false, satisfaction: 'dissatisfied' });
    const ignored = await run(r1, null); // resolved, not rated
    await act(staffT, (await submit(r2)).body.id, 'refer', { to: '派出所', reason: '治安案件' });
    const unreasonable = (await submit(r3)).body.id;
    await act(staffT, unreasonable, 'unreasonable', { reason: '无理要求' });
    await act(admin, unreasonable, 'unreasonable/confirm');
    // Response deadlines are 24 h after submission: a period reaching two days ahead holds all of them.
    const from = new Date(Date.now() - 60_000).toISOString();
    const to = new Date(Date.now() + 2 * 24 * H).toISOString();
    const q = `from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
    const mine = await t.request('GET', `${api}/requests/stats?${q}`, { token: staffT });
    expect(mine.status).toBe(200);
    // Response: 5 count (the unreasonable one leaves), all answered in time → 1.
    // Resolution 2/3; satisfaction (1 + 0.9) / 3; composite 0.1 + 0.5·2/3 + 0.4·1.9/3.
    expect(mine.body).toMatchObject({
      submitted: 6,
      unreasonable: 1,
      responseRate: 1,
      resolutionRate: 0.6667,
      satisfactionRate: 0.6333,
      composite: 0.6867,
      counts: {
        responseDue: 5,
        respondedOnTime: 5,
        rated: 3,
        ratedResolved: 2,
        satisfied: 1,
        basically: 1,
        dissatisfied: 1,
      },
      byStatus: { closed: 4, resolved: 1, referred: 1, submitted: 0 },
      byCategory: { repair: 5, sanitation: 1 },
      communities: [],
    });
    expect(mine.body.categories.map((c: { category: string }) => c.category)).toEqual(['repair', 'sanitation']);
    expect(mine.body.categories[1]).toMatchObject({ satisfactionRate: 0.9, resolutionRate: 1 });
    expect(ignored).toBeGreaterThan(0);
    const one = await t.request('GET', `${api}/requests/stats?${q}&communityId=${community.id}`, { token: admin });
    expect(one.body).toMatchObject({ composite: 0.6867, submitted: 6 });
    const street = await t.request('GET', `${api}/requests/stats?${q}`, { token: admin });
    expect(street.body.communities).toHaveLength(3);
    expect(street.body.communities.find((c: { communityId: number }) => c.communityId === community.id)).toMatchObject({
      composite: 0.6867,
      submitted: 6,
    });
    const perCommunity = street.body.communities.map((c: { submitted: number }) => c.submitted);
    expect(perCommunity.reduce((a: number, b: number) => a + b, 0)).toBe(street.body.submitted);
    // Staff of another community never see T in theirs.
    expect(
      (await t.request('GET', `${api}/requests/stats?${q}&communityId=${community.id}`, { token: staffB })).body
        .submitted,
    ).not.toBe(6);
  });

  // Last: it gives two open requests one deadline, to see the tie order.
  it('pages the queue by cursor in its order: open by deadline (ties newest first), then the rest newest first', async () => {
    type Row = { id: number; deadlineAt: string | null };
    const open = (await t.request('GET', `${api}/requests?limit=100`, { token: staffG })).body.items.filter(
      (r: Row) => r.deadlineAt !== null,
    ) as Row[];
    expect(open.length).toBeGreaterThan(2);
    const [a, b] = [...open].sort((x, y) => x.id - y.id);
    await t.dataSource.getRepository(ResidentRequest).update(b.id, { deadlineAt: new Date(a.deadlineAt!) });
    const walk = async (query: string, token: string, limit: number) => {
      const seen: Row[] = [];
      let cursor: string | null = null;
      do {
        const res = await t.request(
          'GET',
          `${api}/requests?limit=${limit}${query}${cursor ? `&cursor=${cursor}` : ''}`,
          { token },
        );
        expect(res.status).toBe(200);
        expect(res.body.items.length).toBeLessThanOrEqual(limit);
        seen.push(...res.body.items);
        cursor = res.body.nextCursor;
      } while (cursor);
      return seen;
    };
    for (const [query, token] of [
      ['', staffG],
      ['', admin],
      ['&status=submitted', staffG],
      ['&status=closed', staffG],
      ['&light=red', staffG],
    ] as const) {
      const all = await walk(query, token, 100);
      const time = (r: Row) => new Date(r.deadlineAt!).getTime();
      const expected = [
        ...all.filter((r) => r.deadlineAt !== null).sort((x, y) => time(x) - time(y) || y.id - x.id),
        ...all.filter((r) => r.deadlineAt === null).sort((x, y) => y.id - x.id),
      ];
      expect(all.map((r) => r.id)).toEqual(expected.map((r) => r.id));
      for (const limit of [1, 2, 3])
        expect((await walk(query, token, limit)).map((r) => r.id)).toEqual(all.map((r) => r.id));
    }
    const tied = (await walk('', staffG, 100)).map((r) => r.id);
    expect(tied.indexOf(b.id)).toBe(tied.indexOf(a.id) - 1);
    const bad = await t.request('GET', `${api}/requests?cursor=${Buffer.from('o20').toString('base64url')}`, {
      token: staffG,
    });
    expect(bad.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
  });
});
