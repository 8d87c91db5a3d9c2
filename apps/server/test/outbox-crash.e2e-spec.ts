import { In } from 'typeorm';
import { Notification, OutboxMessage } from '../src/notifications/notification.entity.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(what: string, ok: () => Promise<boolean> | boolean, ms = 20_000): Promise<void> {
  for (const deadline = Date.now() + ms; !(await ok()); await sleep(100)) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
  }
}

/**
 * kill -9 of the server between the commit of a "请确认" notice and the delivery of its WeChat messages, one of
 * them in flight (WeChat has it, its answer has not come back): a second server delivers the rest, each exactly once.
 */
describe(`outbox across a server crash on ${testDatabaseKind}`, () => {
  let wechat: FakeWechat;
  let db: TestDatabase;
  let first: TestApp;
  let second: TestApp | undefined;

  beforeAll(async () => {
    wechat = await startFakeWechat();
    db = await createTestDatabase();
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await db?.drop();
    await wechat?.close();
  });

  it('delivers every message exactly once: none lost, none twice, the one in flight at the crash marked unknown', async () => {
    const env = {
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: wechat.url,
      WECHAT_TEMPLATE_NOTICE: 'TPL-NOTICE',
      OUTBOX_POLL_MS: '200',
      OUTBOX_LEASE_MS: '2000',
    };
    first = await startTestApp({ sharedDatabase: db, env });
    const users = first.dataSource.getRepository(User);
    const audience = await users.find({
      where: {
        role: 'resident',
        status: 'verified',
        communityId: (await users.findOneByOrFail({ phone: '13800000001' })).communityId!,
      },
      order: { id: 'ASC' },
    });
    expect(audience.length).toBeGreaterThanOrEqual(5);
    for (const user of audience) await users.update(user.id, { openid: `openid-${user.phone}` });
    const held = `openid-${audience[1].phone}`; // the second message: one goes out before it, the rest wait behind it
    wechat.holdFor.add(held);

    const staff = (await first.loginStaff('staff.g')).token;
    const created = await first.request('POST', '/api/v1/notices', {
      token: staff,
      body: { title: '明日停水，请确认', body: '明天 8:00—12:00 停水', category: 'announcement', requiresAck: true },
    });
    expect(created.status).toBe(201);
    expect((await first.request('POST', `/api/v1/notices/${created.body.id}/publish`, { token: staff })).status).toBe(
      200,
    );

    await until('the held message to reach WeChat', () => wechat.received.some((m) => m.touser === held));
    process.kill(first.pid, 'SIGKILL');
    await until('the first server to die', () => !first.running());
    wechat.holdFor.clear(); // WeChat answers again: a resend of the held message would be delivered a second time
    const outbox = () =>
      first.dataSource
        .getRepository(OutboxMessage)
        .find({ where: { userId: In(audience.map((u) => u.id)) }, order: { id: 'ASC' } });
    const atCrash = await outbox();
    expect(atCrash).toHaveLength(audience.length);
    expect(atCrash.filter((m) => m.status === 'sent').length).toBeLessThan(audience.length - 1); // some had not gone out yet

    second = await startTestApp({ sharedDatabase: db, env });
    await until('every message to be settled', async () =>
      (await outbox()).every((m) => m.status !== 'pending' && m.status !== 'sending'),
    );
    await sleep(1000); // a second delivery would show up by now

    const counts = new Map<string, number>();
    for (const m of wechat.received) counts.set(m.touser, (counts.get(m.touser) ?? 0) + 1);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(audience.map((u) => [`openid-${u.phone}`, 1])));
    const rows = await outbox();
    expect(rows.map((m) => [m.userId, m.status])).toEqual(
      audience.map((u) => [u.id, `openid-${u.phone}` === held ? 'unknown' : 'sent']),
    );
    // The inbox has the notice for everyone, the held one included.
    const inbox = await first.dataSource
      .getRepository(Notification)
      .findBy({ userId: In(audience.map((u) => u.id)), title: '请确认：明日停水，请确认' });
    expect(inbox.map((n) => n.userId).sort()).toEqual(audience.map((u) => u.id).sort());
  }, 90_000);
});
