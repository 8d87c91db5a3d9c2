import { In } from 'typeorm';
import { Notification, OutboxMessage } from '../src/notifications/notification.entity.js';
import { Room } from '../src/rooms/room.entity.js';
import { auditLedger } from '../src/timebank/ledger-audit.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { answerOf, tally } from './support/outcomes.js';
import {
  expectNoShowsAndRemindersOnce,
  layOutScheduledWork,
  noShowsAndRemindersDone,
} from './support/scheduled-work.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Two server processes on one database, each running its scheduler and outbox worker, under mixed load: every
 * overdue approved booking is marked no-show once (slots freed once, booker notified once), every activity
 * reminder goes out once, every outbox message reaches WeChat once, and races across the processes stay exact.
 */
describe(`two server processes on one ${testDatabaseKind} database`, () => {
  let wechat: FakeWechat;
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    wechat = await startFakeWechat();
    const env = {
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: wechat.url,
      WECHAT_TEMPLATE_NOTICE: 'TPL-NOTICE',
      OUTBOX_POLL_MS: '200',
    };
    first = await startTestApp({ env });
    second = await startTestApp({ sharedDatabase: first.db, env });
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
    await wechat?.close();
  });

  it('run each scheduled job once (no-shows, reminders, scheduled notices, outbox) while races across both stay exact', async () => {
    const ds = first.dataSource;
    const users = await ds.getRepository(User).find({
      where: {
        phone: In(['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006']),
      },
      order: { id: 'ASC' },
    });
    const room = await ds.getRepository(Room).findOneByOrFail({ communityId: users[0].communityId! });
    // Overdue approved bookings, activities starting within the hour with three volunteers each, and residents who
    // receive WeChat messages: the no-show, reminder and outbox jobs' work.
    const work = await layOutScheduledWork(ds, users, room, '双进程');
    const { audience } = work;
    const staffG = (await second.loginStaff('staff.g')).token;
    const notice = await second.request('POST', `${api}/notices`, {
      token: staffG,
      body: { title: '双进程停水通知', body: '明天停水', category: 'announcement', requiresAck: true },
    });
    expect((await second.request('POST', `${api}/notices/${notice.body.id}/publish`, { token: staffG })).status).toBe(
      200,
    );
    // And one scheduled a few seconds ahead: the notices job (every 15 s in each process) notifies its audience once.
    const publishAt = new Date(Date.now() + 5000).toISOString().replace('Z', '+00:00');
    const scheduled = await first.request('POST', `${api}/notices`, {
      token: staffG,
      body: { title: '双进程定时通知', body: '定时发布', category: 'announcement', requiresAck: true, publishAt },
    });
    expect(scheduled.status).toBe(201);
    expect((await first.request('POST', `${api}/notices/${scheduled.body.id}/publish`, { token: staffG })).status).toBe(
      200,
    );

    // Mixed load across both processes while the jobs run: one slot raced for, one balance raced for.
    const server = (i: number) => (i % 2 ? second : first);
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const bookings = await Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        server(i).request('POST', `${api}/bookings`, {
          token: staffG,
          body: {
            roomId: room.id,
            startAt: `${day}T10:00:00+08:00`,
            endAt: `${day}T11:00:00+08:00`,
            purpose: '双进程抢订',
            attendees: 2,
          },
        }),
      ),
    );
    expect(tally(bookings.map(answerOf))).toEqual({ 201: 1, '409 BOOKING_SLOT_TAKEN': 39 });
    const [payer, payee] = await Promise.all(['13800000002', '13800000005'].map((p) => first.loginResident(p)));
    const balance = async (token: string) =>
      (await first.request('GET', `${api}/timebank/account`, { token })).body.balance as number;
    const before = await balance(payer.token);
    const transfers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        server(i).request('POST', `${api}/timebank/transfers`, {
          token: payer.token,
          body: { toUserId: payee.user.id, minutes: 30, memo: '双进程转账' },
          headers: { 'idempotency-key': `two-processes-${i}` },
        }),
      ),
    );
    const paid = Math.floor(before / 30);
    expect(tally(transfers.map(answerOf))).toEqual({ 201: paid, '422 INSUFFICIENT_CREDITS': 20 - paid });
    expect(await balance(payer.token)).toBe(before - 30 * paid);

    // Both schedulers tick every 30 s (bookings) and 60 s (reminders); wait for everything to be done.
    const outbox = () => ds.getRepository(OutboxMessage).findBy({ userId: In(audience.map((u) => u.id)) });
    const scheduledInbox = () => ds.getRepository(Notification).findBy({ title: '请确认：双进程定时通知' });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const done =
        (await noShowsAndRemindersDone(ds, work)) &&
        (await scheduledInbox()).length >= audience.length &&
        (await outbox()).every((m) => m.status === 'sent');
      if (done || Date.now() > deadline) break;
      await sleep(1000);
    }
    await sleep(31_000); // one more tick of each process's booking job: still nothing doubled

    await expectNoShowsAndRemindersOnce(ds, work);
    // The scheduled notice notified its audience once, whichever process got there.
    expect((await scheduledInbox()).map((n) => n.userId).sort()).toEqual(audience.map((u) => u.id).sort());
    // Each outbox message (two notices per resident) reached WeChat once.
    const sent = await outbox();
    expect(sent.length).toBe(2 * audience.length);
    expect(sent.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    const received = wechat.received
      .filter((m) => m.data.thing1?.value.includes('双进程停水通知'))
      .map((m) => m.touser)
      .sort();
    expect(received).toEqual(audience.map((u) => `openid-${u.phone}`).sort());
    const receivedScheduled = wechat.received
      .filter((m) => m.data.thing1?.value.includes('双进程定时通知'))
      .map((m) => m.touser)
      .sort();
    expect(receivedScheduled).toEqual(audience.map((u) => `openid-${u.phone}`).sort());
    expect((await auditLedger(ds.manager, null, new Date())).ok).toBe(true);
  }, 180_000);
});
