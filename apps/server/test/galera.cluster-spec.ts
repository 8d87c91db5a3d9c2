import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { activeBookingStatuses, shanghaiDate } from '@linli/shared-types';
import { In } from 'typeorm';
import { Activity, ActivitySignup } from '../src/activities/activity.entity.js';
import { Booking, BookingSlot } from '../src/bookings/booking.entity.js';
import { Notification, OutboxMessage } from '../src/notifications/notification.entity.js';
import { Room } from '../src/rooms/room.entity.js';
import { auditLedger } from '../src/timebank/ledger-audit.js';
import { LedgerTransaction } from '../src/timebank/ledger-transaction.entity.js';
import { TimebankAccount } from '../src/timebank/timebank-account.entity.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { startGaleraCluster, type GaleraCluster } from './support/galera-cluster.js';
import {
  expectNoShowsAndRemindersOnce,
  layOutScheduledWork,
  noShowsAndRemindersDone,
  type ScheduledWork,
} from './support/scheduled-work.js';
import { answerOf, tally } from './support/outcomes.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const api = '/api/v1';
const MIN = 60_000;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const daysAhead = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));
const local = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const here = { lat: 30.6586, lng: 104.0647 };

/**
 * Issue 13: three built Linli processes, one per node of a 3-node MariaDB Galera cluster of the test's own, under the
 * races the single-server suites run, then one node SIGKILLed under load. Every answer is a success or a business
 * refusal (no 5xx) on the nodes that stay; counts of retries (from each process's health) and 5xx are printed.
 */
describe('three servers on a 3-node Galera cluster', () => {
  let cluster: GaleraCluster;
  let wechat: FakeWechat;
  let db: TestDatabase;
  const apps: TestApp[] = [];
  let staffG: string;
  let roomId: number;
  /** Every answer any test got from any process, for the 5xx count. */
  const answers: Array<{ app: number; status: number; code?: string; what: string }> = [];

  /** Request i goes to process i % 3. */
  const on = (i: number) => apps[((i % 3) + 3) % 3];
  const send = async (
    i: number,
    what: string,
    method: string,
    path: string,
    options?: Parameters<TestApp['request']>[2],
  ): Promise<TestResponse> => {
    const response = await on(i).request(method, path, options);
    answers.push({ app: ((i % 3) + 3) % 3, status: response.status, code: response.body?.code, what });
    return response;
  };
  const fiveXx = () => answers.filter((a) => a.status >= 500);

  const transactionCounts = async () =>
    Promise.all(
      apps.map(async (app) => (await app.request('GET', `${api}/health`)).body?.transactions ?? { retried: NaN }),
    );

  beforeAll(async () => {
    const started = Date.now();
    cluster = await startGaleraCluster(3);
    const clusterReady = Date.now();
    wechat = await startFakeWechat();
    // One database on the cluster; each process connects to its own node.
    db = await createTestDatabase('mariadb', cluster.nodes[0].url);
    const name = db.config.type === 'mysql' ? new URL(db.config.url).pathname.slice(1) : '';
    const env = {
      WECHAT_APPID: FAKE_APPID,
      WECHAT_SECRET: FAKE_SECRET,
      WECHAT_API_BASE: wechat.url,
      WECHAT_TEMPLATE_NOTICE: 'TPL-NOTICE',
      OUTBOX_POLL_MS: '300',
      LOG_LEVEL: 'warn',
    };
    // The first process runs the migrations (and seeds the demo); the others start on the migrated schema.
    apps.push(await startTestApp({ sharedDatabase: db, env }));
    for (const node of cluster.nodes.slice(1)) {
      const onNode: TestDatabase = { config: { type: 'mysql', url: `${node.url}/${name}` }, drop: async () => {} };
      apps.push(await startTestApp({ sharedDatabase: onNode, env }));
    }
    console.log(
      `galera: cluster Synced in ${clusterReady - started} ms, three servers up ${Date.now() - clusterReady} ms later`,
    );
    staffG = (await apps[0].loginStaff('staff.g')).token;
    const room = await send(0, 'room', 'POST', `${api}/rooms`, {
      token: staffG,
      body: { name: '集群抢订室', capacity: 10, openTime: '08:00', closeTime: '21:00', facilities: [] },
    });
    expect(room.status).toBe(201);
    roomId = room.body.id;
  }, 240_000);

  afterAll(async () => {
    // The servers' own words about any 5xx, kept for whoever reads a failed run.
    if (fiveXx().some((a) => !(a.what === 'node kill' && a.app === 2 && a.status === 503)))
      for (const [i, app] of apps.entries()) {
        const file = join(tmpdir(), `linli-galera-server${i + 1}.log`);
        writeFileSync(file, app.logs.join(''));
        console.log(`galera: server ${i + 1} log in ${file}`);
      }
    for (const app of apps.reverse()) await app.close().catch(() => undefined);
    await db?.drop().catch(() => undefined);
    await wechat?.close();
    await cluster?.destroy();
  }, 60_000);

  // ---------- the scheduled jobs' work, laid out first so that their ticks run during the races ----------
  let jobs: ScheduledWork;
  let scheduledNoticeId = 0;

  it('lays out the scheduled jobs’ work: overdue bookings, activities about to start, a scheduled notice', async () => {
    const ds = apps[0].dataSource;
    const users = await ds.getRepository(User).find({
      where: { phone: In(['13800000001', '13800000002', '13800000003', '13800000004', '13800000005']) },
      order: { id: 'ASC' },
    });
    const room = await ds
      .getRepository(Room)
      .findOneByOrFail({ communityId: users[0].communityId!, name: '集群抢订室' });
    jobs = await layOutScheduledWork(ds, users, room, '集群');
    // A notice for the residents who can receive WeChat messages, published a few seconds ahead.
    const publishAt = new Date(Date.now() + 5000).toISOString().replace('Z', '+00:00');
    const notice = await send(1, 'notice', 'POST', `${api}/notices`, {
      token: staffG,
      body: { title: '集群定时通知', body: '定时发布', category: 'announcement', requiresAck: true, publishAt },
    });
    expect(notice.status).toBe(201);
    scheduledNoticeId = notice.body.id;
    expect(
      (await send(2, 'notice', 'POST', `${api}/notices/${notice.body.id}/publish`, { token: staffG })).status,
    ).toBe(200);
  });

  it('the slot race: 200 requests for one slot over three servers → exactly 1 booking, 199 × 409', async () => {
    const day = daysAhead(3);
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) =>
        send(i, 'slot race', 'POST', `${api}/bookings`, {
          token: staffG,
          body: { roomId, startAt: local(day, '10:00'), endAt: local(day, '11:00'), purpose: '集群抢订', attendees: 2 },
        }),
      ),
    );
    const counts = tally(results.map(answerOf));
    console.log('galera slot race:', counts);
    expect(counts).toEqual({ 201: 1, '409 BOOKING_SLOT_TAKEN': 199 });
    const booked = await apps[2].dataSource.getRepository(Booking).findBy({ roomId, purpose: '集群抢订' });
    expect(booked).toHaveLength(1);
    expect(await apps[1].dataSource.getRepository(BookingSlot).countBy({ bookingId: booked[0].id })).toBe(4);
  }, 120_000);

  // Volunteers for the sign-up race and the scan crowd, made the way staff make them, over all three servers.
  const volunteers: Array<{ token: string; id: number }> = [];

  it('forty new residents register, are verified and made volunteers over the three servers', async () => {
    const buildings = (await send(0, 'setup', 'GET', `${api}/buildings`, { token: staffG })).body.items;
    const made = await Promise.all(
      Array.from({ length: 40 }, async (_, i) => {
        const phone = `137${String(i).padStart(8, '0')}`;
        const login = await send(i, 'setup', 'POST', `${api}/auth/dev-login`, { body: { phone, community: 'G' } });
        expect(login.status).toBe(200);
        const token = login.body.token as string;
        const id = login.body.user.id as number;
        const me = await send(i + 1, 'setup', 'PATCH', `${api}/me`, {
          token,
          body: {
            name: `集群志愿者${i}`,
            buildingId: buildings[i % buildings.length].id,
            unit: '1',
            room: String(100 + i),
          },
        });
        expect(me.status).toBe(200);
        expect((await send(i + 2, 'setup', 'POST', `${api}/residents/${id}/verify`, { token: staffG })).status).toBe(
          200,
        );
        const volunteer = await send(i, 'setup', 'POST', `${api}/residents/${id}/volunteer`, {
          token: staffG,
          body: { volunteer: true },
        });
        expect(volunteer.status).toBe(200);
        return { token, id };
      }),
    );
    volunteers.push(...made);
  }, 120_000);

  it('a resident’s quota over three servers: 12 bookings of different slots at once → exactly 2 (the most upcoming)', async () => {
    const resident = volunteers[39];
    const day = daysAhead(2);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        send(i, 'quota race', 'POST', `${api}/bookings`, {
          token: resident.token,
          body: {
            roomId,
            startAt: local(day, `${String(8 + i).padStart(2, '0')}:00`),
            endAt: local(day, `${String(8 + i).padStart(2, '0')}:30`),
            purpose: '集群配额',
            attendees: 2,
          },
        }),
      ),
    );
    const counts = tally(results.map(answerOf));
    console.log('galera quota race:', counts);
    expect(counts).toEqual({ 201: 2, '422 BOOKING_QUOTA_ACTIVE': 10 });
    expect(await apps[1].dataSource.getRepository(Booking).countBy({ userId: resident.id })).toBe(2);
  }, 60_000);

  it('one resident, two rooms, the same hour, on two servers at once, ten times → exactly one booking each time', async () => {
    const resident = volunteers[38];
    const second = await send(0, 'setup', 'POST', `${api}/rooms`, {
      token: staffG,
      body: { name: '集群二室', capacity: 10, openTime: '08:00', closeTime: '21:00' },
    });
    expect(second.status).toBe(201);
    const day = daysAhead(4); // day 3 holds the slot race's 10:00 booking in the first room
    const counts: Record<string, number> = {};
    for (let round = 0; round < 10; round++) {
      const hour = String(8 + round).padStart(2, '0');
      const results = await Promise.all(
        [roomId, second.body.id as number].map((room, i) =>
          send(round + i, 'own overlap race', 'POST', `${api}/bookings`, {
            token: resident.token,
            body: {
              roomId: room,
              startAt: local(day, `${hour}:00`),
              endAt: local(day, `${hour}:30`),
              purpose: '两室同时',
              attendees: 2,
            },
          }),
        ),
      );
      for (const answer of results.map(answerOf)) counts[answer] = (counts[answer] ?? 0) + 1;
      const won = results.find((r) => r.status === 201);
      expect(results.map(answerOf).sort()).toEqual(['201', '422 BOOKING_OVERLAPS_OWN']);
      expect(
        (
          await send(round, 'own overlap race', 'POST', `${api}/bookings/${won!.body.id}/cancel`, {
            token: resident.token,
            body: {},
          })
        ).status,
      ).toBe(200);
    }
    console.log('galera own-overlap race:', counts);
  }, 120_000);

  const activity = async (title: string, capacity: number) => {
    const start = new Date(Date.now() + 10 * MIN);
    const created = await send(0, 'setup', 'POST', `${api}/activities`, {
      token: staffG,
      body: {
        title,
        description: '集群测试',
        place: '幸福里敬老院',
        geofence: { ...here, radiusM: 200 },
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + 60 * MIN).toISOString(),
        capacity,
        signupDeadline: new Date(start.getTime() - 5 * MIN).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    expect(
      (await send(1, 'setup', 'POST', `${api}/activities/${created.body.id}/publish`, { token: staffG })).status,
    ).toBe(200);
    return created.body.id as number;
  };

  it('the sign-up race: 40 volunteers (10 of them twice) for 10 places over three servers → exactly 10 signed up', async () => {
    const id = await activity('集群报名竞争', 10);
    const who = [...volunteers, ...volunteers.slice(0, 10)];
    const results = await Promise.all(
      who.map((v, i) => send(i, 'sign-up race', 'POST', `${api}/activities/${id}/signup`, { token: v.token })),
    );
    const counts = tally(results.map(answerOf));
    console.log('galera sign-up race:', counts);
    expect(counts['200']).toBe(10);
    expect(
      Object.keys(counts).filter((k) => !['200', '422 ACTIVITY_FULL', '409 ACTIVITY_ALREADY_SIGNED_UP'].includes(k)),
    ).toEqual([]);
    const winners = new Set(results.flatMap((r, i) => (r.status === 200 ? [who[i].id] : [])));
    expect(winners.size).toBe(10);
    const rows = await apps[1].dataSource.getRepository(ActivitySignup).findBy({ activityId: id });
    expect(rows.map((r) => r.userId).sort()).toEqual([...winners].sort());
    expect((await apps[2].dataSource.getRepository(Activity).findOneByOrFail({ id })).signedUp).toBe(10);
  }, 120_000);

  it('the transfer storm: 60 keys from one account and 20 from two others, each sent twice to two servers → exact, one effect per key, sums unchanged, no 5xx', async () => {
    const ds = apps[0].dataSource;
    const logins = await Promise.all(
      ['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006'].map((p, i) =>
        on(i).loginResident(p),
      ),
    );
    const balance = async (token: string, i: number) =>
      (await send(i, 'balance', 'GET', `${api}/timebank/account`, { token })).body.balance as number;
    const payers = logins.slice(0, 3);
    const payees = logins.slice(3);
    const sumBefore = Number((await ds.getRepository(TimebankAccount).sum('balance')) ?? 0);
    const before = await Promise.all(payers.map((p, i) => balance(p.token, i)));
    expect(before.every((b) => b > 0)).toBe(true);
    // The first payer's balance covers about a third of its 60 keys; the others about half of their 20.
    const keysPer = [60, 20, 20];
    const minutes = before.map((b, i) => Math.max(1, Math.ceil(b / (i === 0 ? 20 : 10))));
    const requests = payers.flatMap((payer, p) =>
      Array.from({ length: keysPer[p] }, (_, k) => ({
        payer,
        p,
        key: randomUUID(),
        body: { toUserId: payees[(p + k) % 3].user.id, minutes: minutes[p], memo: `集群转账${p}` },
        k,
      })),
    );
    const sendOne = (r: (typeof requests)[number], copy: number) =>
      send(r.k + copy + r.p, 'transfer storm', 'POST', `${api}/timebank/transfers`, {
        token: r.payer.token,
        body: r.body,
        headers: { 'idempotency-key': r.key },
      });
    const results = await Promise.all(requests.map((r) => Promise.all([sendOne(r, 0), sendOne(r, 1)])));
    const counts = tally(results.flat().map(answerOf));
    console.log('galera transfer storm:', counts);
    expect(
      results
        .flat()
        .filter((r) => r.status >= 500)
        .map(answerOf),
    ).toEqual([]);
    // The two copies of a key answer the same (the second replays the first, or both were refused).
    for (const [a, b] of results)
      expect([b.status, b.status === 201 ? b.text : b.body.code]).toEqual([
        a.status,
        a.status === 201 ? a.text : a.body.code,
      ]);
    expect(Object.keys(counts).filter((k) => !['201', '422 INSUFFICIENT_CREDITS'].includes(k))).toEqual([]);
    for (const [p, payer] of payers.entries()) {
      const paid = results.filter(([a], i) => requests[i].p === p && a.status === 201).length;
      expect(paid).toBe(Math.min(keysPer[p], Math.floor(before[p] / minutes[p])));
      expect(await balance(payer.token, p + 1)).toBe(before[p] - paid * minutes[p]);
    }
    // One ledger transaction per paid key; money moved, none made or lost.
    const rows = await apps[2].dataSource
      .getRepository(LedgerTransaction)
      .createQueryBuilder('t')
      .select('t.idempotencyKey', 'key')
      .addSelect('COUNT(*)', 'n')
      .where('t.kind = :kind', { kind: 'transfer' })
      .andWhere('t.idempotencyKey IN (:...keys)', { keys: requests.map((r) => r.key) })
      .groupBy('t.idempotencyKey')
      .getRawMany<{ key: string; n: string }>();
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(rows.map((r) => r.key).sort()).toEqual(
      requests
        .filter((_, i) => results[i][0].status === 201)
        .map((r) => r.key)
        .sort(),
    );
    expect(Number((await ds.getRepository(TimebankAccount).sum('balance')) ?? 0)).toBe(sumBefore);
    const audit = await auditLedger(apps[1].dataSource.manager, null, new Date());
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);
  }, 120_000);

  it('the scan crowd: 40 volunteers (10 twice) scan one live code over three servers → each checked in once', async () => {
    const id = await activity('集群签到人潮', 40);
    for (const [i, v] of volunteers.entries())
      expect((await send(i, 'setup', 'POST', `${api}/activities/${id}/signup`, { token: v.token })).status).toBe(200);
    const code = (await send(2, 'setup', 'GET', `${api}/activities/${id}/live-code?purpose=checkin`, { token: staffG }))
      .body.code as string;
    const who = [...volunteers, ...volunteers.slice(0, 10)];
    const results = await Promise.all(
      who.map((v, i) => send(i, 'scan crowd', 'POST', `${api}/scan`, { token: v.token, body: { code, ...here } })),
    );
    console.log('galera scan crowd:', tally(results.map(answerOf)));
    expect(tally(results.map(answerOf))).toEqual({ 200: 50 });
    // A volunteer's two scans answer the same check-in time.
    const at = new Map<number, string>();
    for (const [i, r] of results.entries()) {
      const t = r.body.attendance.checkedInAt as string;
      expect(at.get(who[i].id) ?? t).toBe(t);
      at.set(who[i].id, t);
    }
    const rows = await apps[0].dataSource.getRepository(ActivitySignup).findBy({ activityId: id });
    expect(rows.filter((r) => r.checkedInAt !== null)).toHaveLength(40);
    expect(
      (await send(1, 'setup', 'GET', `${api}/activities/${id}/live-code?purpose=checkin`, { token: staffG })).body
        .checkedIn,
    ).toBe(40);
  }, 120_000);

  it('the scheduled jobs ran once each across the three servers (no-shows, reminders, the scheduled notice, the outbox)', async () => {
    const ds = apps[1].dataSource;
    const outbox = async () =>
      (await ds.getRepository(OutboxMessage).findBy({ userId: In(jobs.audience.map((u) => u.id)) })).filter((m) =>
        m.payload.includes('集群定时通知'),
      );
    const scheduledInbox = () => ds.getRepository(Notification).findBy({ title: '请确认：集群定时通知' });
    for (const deadline = Date.now() + 90_000; Date.now() < deadline; await sleep(1000)) {
      if (
        (await noShowsAndRemindersDone(ds, jobs)) &&
        (await scheduledInbox()).length >= jobs.audience.length &&
        (await outbox()).length > 0 &&
        (await outbox()).every((m) => m.status === 'sent')
      )
        break;
    }
    await expectNoShowsAndRemindersOnce(ds, jobs);
    // Its audience is whoever was verified when the job ran (the new volunteers may be among them): each once.
    const inbox = (await scheduledInbox()).map((n) => n.userId);
    expect(new Set(inbox).size).toBe(inbox.length);
    expect(inbox).toEqual(expect.arrayContaining(jobs.audience.map((u) => u.id)));
    const sent = await outbox();
    expect(sent.map((m) => m.userId).sort()).toEqual(jobs.audience.map((u) => u.id).sort());
    expect(sent.every((m) => m.status === 'sent' && m.attempts === 1)).toBe(true);
    const received = wechat.received.filter((m) => m.data.thing1?.value.includes('集群定时通知')).map((m) => m.touser);
    expect(received.sort()).toEqual(jobs.audience.map((u) => `openid-${u.phone}`).sort());
    expect(scheduledNoticeId).toBeGreaterThan(0);
  }, 120_000);

  it('SIGKILL of one node under load: the other two servers keep serving, the third reports 503 and recovers when the node rejoins, nothing half-written', async () => {
    const victim = 2; // node3, under the third server
    const room = await send(0, 'setup', 'POST', `${api}/rooms`, {
      token: staffG,
      body: { name: '集群故障室', capacity: 10, openTime: '08:00', closeTime: '21:00', facilities: [] },
    });
    expect(room.status).toBe(201);
    const ring = await Promise.all(['13800000004', '13800000005', '13800000006'].map((p, i) => on(i).loginResident(p)));
    type Outcome = {
      app: number;
      kind: 'booking' | 'transfer';
      status: number | 'hung' | 'network';
      code?: string;
      at: number;
      body?: TestResponse['body'];
      key?: string;
      payload?: unknown;
      token?: string;
    };
    const outcomes: Outcome[] = [];
    const timed = async (
      app: number,
      kind: Outcome['kind'],
      go: () => Promise<TestResponse>,
      extra: Partial<Outcome> = {},
    ) => {
      const at = Date.now();
      let timer: NodeJS.Timeout | undefined;
      const hung = new Promise<'hung'>((resolve) => {
        timer = setTimeout(() => resolve('hung'), 20_000);
      });
      try {
        const res = await Promise.race([go(), hung]).finally(() => clearTimeout(timer));
        if (res === 'hung') return { app, kind, status: 'hung' as const, at, ...extra };
        return { app, kind, status: res.status, code: res.body?.code, body: res.body, at, ...extra };
      } catch {
        return { app, kind, status: 'network' as const, at, ...extra };
      }
    };
    let slot = 0;
    /** Every slot is asked for by two servers at once, so the race for it runs through the fault too. */
    const bookNext = () => {
      const n = slot++;
      const k = Math.floor(n / 2);
      const day = daysAhead(20 + Math.floor(k / 13));
      const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
      const app = n % 3;
      return timed(app, 'booking', () =>
        on(app).request('POST', `${api}/bookings`, {
          token: staffG,
          body: {
            roomId: room.body.id,
            startAt: local(day, hh(8 + (k % 13))),
            endAt: local(day, hh(9 + (k % 13))),
            purpose: '集群故障演练',
            attendees: 2,
          },
        }),
      );
    };
    let turn = 0;
    const transferNext = () => {
      const n = turn++;
      const from = ring[n % 3];
      const payload = { toUserId: ring[(n + 1) % 3].user.id, minutes: 1, memo: '集群故障转账' };
      const key = randomUUID();
      const app = (n + Math.floor(n / 3)) % 3;
      return timed(
        app,
        'transfer',
        () =>
          on(app).request('POST', `${api}/timebank/transfers`, {
            token: from.token,
            body: payload,
            headers: { 'idempotency-key': key },
          }),
        { key, payload, token: from.token },
      );
    };
    let stop = false;
    const worker = async (next: () => Promise<Outcome>) => {
      while (!stop) outcomes.push(await next());
    };
    const workers = [bookNext, bookNext, bookNext, transferNext, transferNext, transferNext].map(worker);
    const health = (app: number) => apps[app].request('GET', `${api}/health`);

    await sleep(1500);
    const killedAt = Date.now();
    await cluster.nodes[victim].kill();
    let down: TestResponse | undefined;
    for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(200)) {
      down = await health(victim);
      if (down.status === 503) break;
    }
    expect(down?.status).toBe(503);
    expect(down?.body).toMatchObject({ status: 'error', database: { status: 'down' } });
    const downAfter = Date.now() - killedAt;
    // The two others see a cluster of two, and answer healthy.
    // (Once they have stopped waiting for the lost node: evs.suspect_timeout, 3 s here.)
    for (const app of [0, 1]) {
      let ok: TestResponse | undefined;
      for (const deadline = Date.now() + 15_000; Date.now() < deadline; await sleep(200)) {
        ok = await health(app);
        if (ok.status === 200) break;
      }
      expect(ok?.status).toBe(200);
    }
    await sleep(4000); // the load keeps coming while the node is gone
    expect(await cluster.size()).toBe(2);

    const restartedAt = Date.now();
    await cluster.nodes[victim].start();
    let up: TestResponse | undefined;
    for (const deadline = Date.now() + 60_000; Date.now() < deadline; await sleep(200)) {
      up = await health(victim);
      if (up.status === 200) break;
    }
    expect(up?.status).toBe(200);
    expect(up?.body.database.galera).toEqual({ ready: true, state: 'Synced' });
    const recoveredAt = Date.now();
    await sleep(2000);
    stop = true;
    await Promise.all(workers);
    expect(await cluster.size()).toBe(3);

    const tallyOf = (list: Outcome[]) => tally(list.map((o) => `${o.kind} ${o.status} ${o.code ?? ''}`.trim()));
    console.log(
      `galera node kill: ${outcomes.length} requests; third server's health 503 ${downAfter} ms after the kill, ` +
        `node Synced and health 200 ${recoveredAt - restartedAt} ms after its restart`,
      {
        survivors: tallyOf(outcomes.filter((o) => o.app !== victim)),
        third: tallyOf(outcomes.filter((o) => o.app === victim)),
      },
    );
    const served = new Set(['booking 201', 'booking 409 BOOKING_SLOT_TAKEN', 'transfer 201']);
    // The two servers whose nodes stayed answered everything: successes and business refusals only, nothing hung.
    expect(Object.keys(tallyOf(outcomes.filter((o) => o.app !== victim))).filter((k) => !served.has(k))).toEqual([]);
    const during = outcomes.filter((o) => o.at > killedAt && o.at < restartedAt);
    expect(during.filter((o) => o.app !== victim && o.status === 201).length).toBeGreaterThan(0);
    // The third failed cleanly while its node was gone (503 SERVICE_UNAVAILABLE, never a 500 or a hang)...
    const third = outcomes.filter((o) => o.app === victim);
    expect(
      Object.keys(tallyOf(third)).filter(
        (k) => !served.has(k) && !['booking 503 SERVICE_UNAVAILABLE', 'transfer 503 SERVICE_UNAVAILABLE'].includes(k),
      ),
    ).toEqual([]);
    expect(third.filter((o) => o.at > killedAt + downAfter && o.at < restartedAt).every((o) => o.status === 503)).toBe(
      true,
    );
    // ...and serves again by itself once its node is Synced.
    const after = third.filter((o) => o.at > recoveredAt + 200);
    expect(after.length).toBeGreaterThan(0);
    expect(after.every((o) => o.status !== 503)).toBe(true);
    for (const o of outcomes)
      answers.push({
        app: o.app,
        status: typeof o.status === 'number' ? o.status : 599,
        code: o.code,
        what: 'node kill',
      });

    // Nothing half-written, as every node sees it: each booking holds exactly its cells, no cell without its booking.
    for (const app of apps) {
      const bookings = await app.dataSource.getRepository(Booking).findBy({ roomId: room.body.id });
      const slots = await app.dataSource.getRepository(BookingSlot).findBy({ roomId: room.body.id });
      for (const booking of bookings)
        expect([booking.id, slots.filter((s) => s.bookingId === booking.id).length]).toEqual([
          booking.id,
          (activeBookingStatuses as readonly string[]).includes(booking.status) ? booking.minutes / 15 : 0,
        ]);
      expect(slots.filter((s) => !bookings.some((b) => b.id === s.bookingId))).toEqual([]);
      const created = outcomes.filter((o) => o.kind === 'booking' && o.status === 201).map((o) => o.body.id);
      expect(bookings.map((b) => b.id)).toEqual(expect.arrayContaining(created));
      // Two servers raced for each slot: never two bookings of one hour.
      const starts = bookings.map((b) => b.startAt.toISOString());
      expect(new Set(starts).size).toBe(starts.length);
    }
    // A transfer that failed with 503 is sent again with its key: it happens exactly once (or had, and replays).
    for (const o of outcomes.filter((x) => x.kind === 'transfer' && x.status === 503)) {
      const again = await apps[0].request('POST', `${api}/timebank/transfers`, {
        token: o.token,
        body: o.payload,
        headers: { 'idempotency-key': o.key! },
      });
      expect(again.status).toBe(201);
    }
    const keys = outcomes
      .filter((o) => o.kind === 'transfer' && (o.status === 201 || o.status === 503))
      .map((o) => o.key!);
    const rows = await apps[victim].dataSource
      .getRepository(LedgerTransaction)
      .createQueryBuilder('t')
      .select('t.idempotencyKey', 'key')
      .addSelect('COUNT(*)', 'n')
      .where('t.kind = :kind AND t.memo = :memo', { kind: 'transfer', memo: '集群故障转账' })
      .groupBy('t.idempotencyKey')
      .getRawMany<{ key: string; n: string }>();
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(rows.map((r) => r.key).sort()).toEqual([...keys].sort());
    for (const app of apps) expect((await auditLedger(app.dataSource.manager, null, new Date())).ok).toBe(true);
  }, 180_000);

  it('prints the counts: retries seen by each server, and every 5xx answered', async () => {
    const counts = await transactionCounts();
    const all = answers.filter((a) => a.what !== 'node kill');
    console.log(
      `galera counts: ${answers.length} requests in all, 5xx outside the node kill: ${all.filter((a) => a.status >= 500).length}, ` +
        `5xx from the servers that kept their node: ${answers.filter((a) => a.status >= 500 && !(a.what === 'node kill' && a.app === 2)).length}, ` +
        `503 from the third server while its node was gone: ${answers.filter((a) => a.what === 'node kill' && a.app === 2 && a.status === 503).length}; ` +
        `transactions per server (committed / retried / exhausted): ${counts.map((c) => `${c.committed}/${c.retried}/${c.exhausted}`).join(', ')}`,
    );
    expect(all.filter((a) => a.status >= 500)).toEqual([]);
    expect(counts.every((c) => c.exhausted === 0)).toBe(true);
  });
});
