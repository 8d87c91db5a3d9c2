import type { DataSource } from 'typeorm';
import { loadConfig } from '../src/common/app-config.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { Notification, OutboxMessage } from '../src/notifications/notification.entity.js';
import { MAX_DELIVERY_ATTEMPTS } from '../src/notifications/notifications.rules.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { OutboxWorker } from '../src/notifications/outbox.worker.js';
import { WechatSubscribeClient, type WechatSubscribePayload } from '../src/notifications/wechat-subscribe.client.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const payload: WechatSubscribePayload = {
  template: 'notice',
  page: 'pages/notice-detail/index?id=1',
  data: { thing1: { value: '停水通知' } },
};

/** Two DataSources stand for two server processes sharing one database. */
describe(`outbox delivery on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let a: DataSource;
  let b: DataSource;
  let wechat: FakeWechat;
  const clock = new FixedClock(new Date('2026-11-28T02:00:00Z'));
  let config: ReturnType<typeof loadConfig>;
  const users = new Map<string, number>();

  const worker = (ds: DataSource, c = config) => new OutboxWorker(ds, clock, new WechatSubscribeClient(c, clock), c);
  /** `count` messages to one user (notify itself sends one per user and call). */
  const enqueue = async (openidKey: string, count = 1) => {
    const service = new NotificationsService(a, clock);
    for (let i = 0; i < count; i++) {
      await a.transaction((manager) =>
        service.notify(manager, [users.get(openidKey)!], {
          communityId: 1,
          kind: 'notice_ack_required',
          title: '请确认：停水',
          body: '明天停水',
          link: null,
          wechat: payload,
        }),
      );
    }
  };
  const pending = () => a.getRepository(OutboxMessage).countBy({ status: 'pending' });

  beforeAll(async () => {
    wechat = await startFakeWechat();
    config = loadConfig({
      LINLI_DEMO: '1',
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: wechat.url,
      WECHAT_TEMPLATE_NOTICE: 'TPL-NOTICE',
    });
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    a = await createDataSource(options).initialize();
    b = await createDataSource({ ...options, migrationsRun: false }).initialize();
    for (const key of ['alice', 'refuser', 'busy', 'broken', 'bob']) {
      const user = await a.getRepository(User).save({
        role: 'resident',
        status: 'verified',
        volunteer: false,
        communityId: 1,
        phone: `1380000${users.size}`,
        openid: `openid-${key}`,
      });
      users.set(key, user.id);
    }
    const noOpenid = await a.getRepository(User).save({
      role: 'resident',
      status: 'verified',
      volunteer: false,
      communityId: 1,
      phone: '13899999999',
      openid: null,
    });
    users.set('none', noOpenid.id);
  });
  afterAll(async () => {
    await a?.destroy();
    await b?.destroy();
    await db?.drop();
    await wechat?.close();
  });
  beforeEach(async () => {
    await a.getRepository(OutboxMessage).clear();
    wechat.delivered.length = 0;
  });

  it('notify writes inbox rows for everyone and outbox rows only for users WeChat can reach', async () => {
    const service = new NotificationsService(a, clock);
    await a.transaction((manager) =>
      service.notify(manager, [users.get('alice')!, users.get('none')!, users.get('alice')!], {
        communityId: 1,
        kind: 'notice_ack_required',
        title: '请确认：停水',
        body: '明天停水',
        link: '/pages/notice-detail/index?id=1',
        wechat: payload,
      }),
    );
    expect(await a.getRepository(Notification).countBy({ title: '请确认：停水' })).toBe(2);
    const outbox = await a.getRepository(OutboxMessage).find();
    expect(outbox.map((m) => [m.userId, m.status, m.attempts])).toEqual([[users.get('alice'), 'pending', 0]]);
    expect(JSON.parse(outbox[0].payload)).toEqual(payload);
  });

  it('a rolled-back transaction leaves neither inbox nor outbox rows', async () => {
    const service = new NotificationsService(a, clock);
    const before = await a.getRepository(Notification).count();
    await expect(
      a.transaction(async (manager) => {
        await service.notify(manager, [users.get('alice')!], {
          communityId: 1,
          kind: 'notice_ack_required',
          title: '回滚',
          body: '',
          link: null,
          wechat: payload,
        });
        throw new Error('the cause failed');
      }),
    ).rejects.toThrow('the cause failed');
    expect(await a.getRepository(Notification).count()).toBe(before);
    expect(await a.getRepository(OutboxMessage).count()).toBe(0);
  });

  it('two processes claiming at once never take the same message', async () => {
    await enqueue('alice', 60);
    const workers = [worker(a), worker(b), worker(a), worker(b)];
    for (const w of workers) w.batchSize = 20;
    const ids: number[] = [];
    // Rounds of simultaneous claims until everything is taken: racers may come away empty, never with a taken message.
    for (let round = 0; round < 20 && ids.length < 60; round++) {
      const claims = await Promise.all(workers.map((w) => w.claim()));
      ids.push(...claims.flatMap((c) => c.messages.map((m) => m.id)));
    }
    expect(ids.length).toBe(60);
    expect(new Set(ids).size).toBe(60);
    const rows = await a.getRepository(OutboxMessage).find();
    expect(rows.every((r) => r.attempts === 1 && r.lockedBy !== null)).toBe(true);
    // leased rows are not claimed again until the lease ends
    expect((await worker(b).claim()).messages).toEqual([]);
    clock.advance(workers[0].leaseMs + 1);
    expect((await worker(b).claim(100)).messages).toHaveLength(60);
  });

  it('two processes running whole batches deliver every message exactly once, with one cached token each', async () => {
    await enqueue('alice', 25);
    await enqueue('bob', 5);
    const [wa, wb] = [worker(a), worker(b)];
    const tokensBefore = wechat.tokens.length;
    for (let round = 0; round < 5; round++) await Promise.all([wa.runOnce(), wb.runOnce()]);
    expect(await a.getRepository(OutboxMessage).countBy({ status: 'sent' })).toBe(30);
    expect(wechat.delivered).toHaveLength(30);
    expect(wechat.delivered[0]).toMatchObject({
      touser: expect.stringMatching(/^openid-(alice|bob)$/),
      template_id: 'TPL-NOTICE',
      page: payload.page,
      data: payload.data,
    });
    expect(wechat.tokens.length - tokensBefore).toBeLessThanOrEqual(2);
    const sent = await a.getRepository(OutboxMessage).find();
    expect(sent.every((m) => m.sentAt && m.lockedBy === null && m.attempts === 1)).toBe(true);
  });

  it('a message left "sending" by a process that died is marked unknown once its lease ends, and never sent again', async () => {
    await enqueue('alice', 2);
    const [inFlight, waiting] = await a.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
    const dead = worker(a);
    expect((await dead.claim()).messages).toHaveLength(2);
    // The dead process had put the first one on the wire; the second was still waiting in its batch.
    await a.getRepository(OutboxMessage).update(inFlight.id, { status: 'sending' });
    const other = worker(b);
    expect(await other.runOnce()).toMatchObject({ claimed: 0 }); // both still leased
    expect((await a.getRepository(OutboxMessage).findOneByOrFail({ id: inFlight.id })).status).toBe('sending');
    clock.advance(dead.leaseMs + 1);
    expect(await other.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    const rows = await a.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => [r.id, r.status, r.lockedBy])).toEqual([
      [inFlight.id, 'unknown', null],
      [waiting.id, 'sent', null],
    ]);
    expect(rows[0].lastError).toContain('outcome unknown');
    expect(wechat.delivered).toHaveLength(1);
    clock.advance(dead.leaseMs + 1);
    expect(await other.runOnce()).toMatchObject({ claimed: 0 });
  });

  it('a request WeChat never answers (timeout) is marked unknown and not sent again; an unreachable WeChat is retried', async () => {
    await enqueue('bob');
    wechat.holdFor.add('openid-bob');
    const received = wechat.received.length;
    try {
      expect(await worker(a).runOnce()).toMatchObject({ claimed: 1, unknown: 1 });
    } finally {
      wechat.holdFor.clear();
    }
    const row = await a.getRepository(OutboxMessage).findOneByOrFail({ userId: users.get('bob') });
    expect(row).toMatchObject({ status: 'unknown', lockedBy: null, attempts: 1 });
    expect(row.lastError).toContain('outcome unknown');
    clock.advance(3_600_000);
    expect(await worker(a).runOnce()).toMatchObject({ claimed: 0 });
    expect(wechat.received.length - received).toBe(1);
    // Nothing listening: the message never left, so it waits for another try.
    await enqueue('alice');
    const closed = loadConfig({
      LINLI_DEMO: '1',
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: 'http://127.0.0.1:9',
      WECHAT_TEMPLATE_NOTICE: 'TPL-NOTICE',
    });
    expect(await worker(a, closed).runOnce()).toMatchObject({ claimed: 1, retried: 1 });
    expect(await a.getRepository(OutboxMessage).findOneByOrFail({ userId: users.get('alice') })).toMatchObject({
      status: 'pending',
      attempts: 1,
    });
  }, 20_000);

  it('a process whose lease ran out before it reached a message leaves it to the one that took it over', async () => {
    await enqueue('alice');
    const slow = worker(a);
    const { messages } = await slow.claim();
    clock.advance(slow.leaseMs + 1);
    expect(await worker(b).runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    // The slow process now tries to start its (former) message: the conditional update finds it taken.
    const started = await a
      .getRepository(OutboxMessage)
      .update({ id: messages[0].id, lockedBy: `${slow.workerId}:1`, status: 'pending' }, { status: 'sending' });
    expect(started.affected).toBe(0);
    expect(wechat.delivered).toHaveLength(1);
  });

  it('fetches a new token when WeChat says the cached one is no longer valid', async () => {
    const w = worker(a);
    await enqueue('alice');
    await w.runOnce();
    wechat.revokeTokens();
    await enqueue('alice');
    const tokens = wechat.tokens.length;
    expect(await w.runOnce()).toMatchObject({ claimed: 1, sent: 1 });
    expect(wechat.tokens.length).toBe(tokens + 1);
  });

  it('skips users who declined the subscription or have no openid, without retrying', async () => {
    await enqueue('refuser');
    const orphan = await a.getRepository(OutboxMessage).save({
      channel: 'wechat_subscribe',
      userId: users.get('none')!,
      payload: JSON.stringify(payload),
      status: 'pending',
      attempts: 0,
      nextAttemptAt: clock.now(),
    });
    expect(await worker(a).runOnce()).toMatchObject({ claimed: 2, skipped: 2 });
    const rows = await a.getRepository(OutboxMessage).find({ order: { id: 'ASC' } });
    expect(rows.map((r) => r.status)).toEqual(['skipped', 'skipped']);
    expect(rows[0].lastError).toContain('43101');
    expect(rows.find((r) => r.id === orphan.id)?.lastError).toBe('no openid');
  });

  it('retries with exponential backoff, then gives up after the fifth attempt', async () => {
    await enqueue('busy');
    await enqueue('broken');
    const w = worker(a);
    const waits: number[] = [];
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      const summary = await w.runOnce();
      expect(summary.claimed).toBe(2);
      const rows = await a.getRepository(OutboxMessage).find();
      expect(rows.every((r) => r.attempts === attempt)).toBe(true);
      if (attempt < MAX_DELIVERY_ATTEMPTS) {
        expect(rows.every((r) => r.status === 'pending')).toBe(true);
        const wait = rows[0].nextAttemptAt.getTime() - clock.now().getTime();
        waits.push(wait);
        expect((await w.runOnce()).claimed).toBe(0); // not due yet
        clock.advance(wait);
      }
    }
    expect(waits).toEqual([60_000, 120_000, 240_000, 480_000]);
    const rows = await a.getRepository(OutboxMessage).find();
    expect(rows.map((r) => r.status)).toEqual(['failed', 'failed']);
    expect(rows.map((r) => r.lastError).sort()).toEqual(
      [expect.stringContaining('-1'), expect.stringContaining('502')].sort(),
    );
    expect(await pending()).toBe(0);
  });

  it('is off until WeChat and the template are configured: messages wait, nothing is sent', async () => {
    await enqueue('alice');
    const off = loadConfig({
      LINLI_DEMO: '1',
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: wechat.url,
    });
    expect(new WechatSubscribeClient(off, clock).enabled).toBe(false);
    expect(await worker(a, off).runOnce()).toMatchObject({ claimed: 0 });
    expect(await pending()).toBe(1);
    expect(wechat.delivered).toHaveLength(0);
    expect(await worker(a).runOnce()).toMatchObject({ sent: 1 });
  });
});
