import { In } from 'typeorm';
import { Activity, ActivitySignup } from '../src/activities/activity.entity.js';
import { Booking, BookingSlot } from '../src/bookings/booking.entity.js';
import { Notification, OutboxMessage } from '../src/notifications/notification.entity.js';
import { Room } from '../src/rooms/room.entity.js';
import { auditLedger } from '../src/timebank/ledger-audit.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { answerOf, tally } from './support/outcomes.js';
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
    const communityId = users[0].communityId!;
    const room = await ds.getRepository(Room).findOneByOrFail({ communityId });

    // Overdue approved bookings: the no-show job's work.
    const quarter = 15 * 60_000;
    const base = Math.floor(Date.now() / quarter) * quarter - 2 * quarter;
    const overdue: number[] = [];
    for (const [i, user] of users.entries()) {
      const startAt = new Date(base - i * 4 * quarter);
      const booking = await ds.getRepository(Booking).save({
        communityId,
        roomId: room.id,
        userId: user.id,
        startAt,
        endAt: new Date(startAt.getTime() + 4 * quarter),
        minutes: 60,
        purpose: '逾期未签到',
        attendees: 2,
        status: 'approved',
        staffBooking: false,
        reason: null,
        decidedById: null,
        decidedAt: null,
        checkedInAt: null,
        noShowAt: null,
      });
      await ds.getRepository(BookingSlot).insert(
        [0, 1, 2, 3].map((k) => ({
          roomId: room.id,
          slotStart: new Date(startAt.getTime() + k * quarter),
          bookingId: booking.id,
        })),
      );
      overdue.push(booking.id);
    }
    // Activities starting within the hour, three volunteers each: the reminder job's work.
    const activities: Activity[] = [];
    for (let i = 0; i < 3; i++) {
      const startAt = new Date(Date.now() + (20 + i * 5) * 60_000);
      activities.push(
        await ds.getRepository(Activity).save({
          communityId,
          title: `双进程提醒${i}`,
          description: '',
          place: '社区广场',
          geoLatE6: null,
          geoLngE6: null,
          geoRadiusM: null,
          startAt,
          endAt: new Date(startAt.getTime() + 3_600_000),
          signupDeadline: new Date(Date.now() - 60_000),
          capacity: 10,
          signedUp: 3,
          status: 'published',
          reminderSentAt: null,
          settledAt: null,
          createdById: null,
        }),
      );
      await ds
        .getRepository(ActivitySignup)
        .insert(users.slice(i, i + 3).map((u) => ({ communityId, activityId: activities[i].id, userId: u.id })));
    }
    // A "请确认" notice for residents who can receive WeChat messages: the outbox's work, published through the second process.
    const audience = await ds
      .getRepository(User)
      .find({ where: { role: 'resident', status: 'verified', communityId } });
    for (const user of audience) await ds.getRepository(User).update(user.id, { openid: `openid-${user.phone}` });
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
    const reminders = () =>
      ds.getRepository(Notification).findBy({ kind: 'activity_reminder', title: '志愿活动即将开始' });
    const outbox = () => ds.getRepository(OutboxMessage).findBy({ userId: In(audience.map((u) => u.id)) });
    const scheduledInbox = () => ds.getRepository(Notification).findBy({ title: '请确认：双进程定时通知' });
    const deadline = Date.now() + 90_000;
    for (;;) {
      const statuses = (await ds.getRepository(Booking).findBy({ id: In(overdue) })).map((b) => b.status);
      const done =
        statuses.every((s) => s === 'no_show') &&
        (await reminders()).length >= 9 &&
        (await scheduledInbox()).length >= audience.length &&
        (await outbox()).every((m) => m.status === 'sent');
      if (done || Date.now() > deadline) break;
      await sleep(1000);
    }
    await sleep(31_000); // one more tick of each process's booking job: still nothing doubled

    expect((await ds.getRepository(Booking).findBy({ id: In(overdue) })).map((b) => b.status)).toEqual(
      overdue.map(() => 'no_show'),
    );
    expect(await ds.getRepository(BookingSlot).countBy({ bookingId: In(overdue) })).toBe(0);
    const noShows = await ds
      .getRepository(Notification)
      .findBy({ userId: In(users.map((u) => u.id)), kind: 'booking_no_show' });
    expect(noShows.map((n) => n.userId).sort()).toEqual(users.map((u) => u.id).sort());
    // One reminder per volunteer per activity, whichever process sent it.
    const expected = activities.flatMap((a, i) => users.slice(i, i + 3).map((u) => `${u.id} ${a.title}`)).sort();
    expect(
      (await reminders()).map((n) => `${n.userId} ${activities.find((a) => n.body.includes(a.title))?.title}`).sort(),
    ).toEqual(expected);
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
