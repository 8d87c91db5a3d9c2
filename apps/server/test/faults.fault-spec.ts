import { randomUUID } from 'node:crypto';
import { activeBookingStatuses, shanghaiDate } from '@linli/shared-types';
import { Booking, BookingSlot } from '../src/bookings/booking.entity.js';
import { auditLedger } from '../src/timebank/ledger-audit.js';
import { LedgerTransaction } from '../src/timebank/ledger-transaction.entity.js';
import { startOwnMariadb, type OwnMariadb } from './support/own-mariadb.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { createTestDatabase, type TestDatabase } from './support/test-database.js';

const api = '/api/v1';
const daysAhead = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));
const local = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A request that takes longer than this counts as hung. */
const HANG_MS = 20_000;

type Outcome = {
  status: number | 'hung' | 'network';
  code?: string;
  at: number;
  done?: number;
  kind: 'booking' | 'transfer';
  body?: TestResponse['body'];
  key?: string;
  payload?: unknown;
  token?: string;
};

/**
 * Faults (issue 8 item 5): the built server on a MariaDB server of the test's own, which the test crashes
 * (kill -9) in the middle of a booking and transfer load and starts again. Counts of injected faults are logged.
 */
describe('faults: the database crashes under load', () => {
  let mariadb: OwnMariadb;
  let db: TestDatabase;
  let t: TestApp;
  let staffG: string;
  const residents: Array<{ token: string; id: number }> = [];
  let roomId: number;
  let faults = 0;

  beforeAll(async () => {
    mariadb = await startOwnMariadb();
    db = await createTestDatabase('mariadb', mariadb.url);
    t = await startTestApp({ sharedDatabase: db });
    staffG = (await t.loginStaff('staff.g')).token;
    for (const phone of ['13800000001', '13800000002', '13800000005']) {
      const login = await t.loginResident(phone);
      residents.push({ token: login.token, id: login.user.id });
    }
    const room = await t.request('POST', `${api}/rooms`, {
      token: staffG,
      body: { name: '故障演练室', capacity: 10, openTime: '08:00', closeTime: '21:00', facilities: [] },
    });
    expect(room.status).toBe(201);
    roomId = room.body.id;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await mariadb?.destroy();
    console.log(`faults injected by faults.fault-spec: ${faults}`);
  });

  const timed = async (
    kind: Outcome['kind'],
    send: () => Promise<TestResponse>,
    extra: Partial<Outcome> = {},
  ): Promise<Outcome> => {
    const at = Date.now();
    let timeout: NodeJS.Timeout | undefined;
    const timer = new Promise<'hung'>((resolve) => {
      timeout = setTimeout(() => resolve('hung'), HANG_MS);
    });
    try {
      const res = await Promise.race([send(), timer]).finally(() => clearTimeout(timeout));
      if (res === 'hung') return { kind, status: 'hung', at, ...extra };
      return { kind, status: res.status, code: res.body?.code, body: res.body, at, done: Date.now(), ...extra };
    } catch {
      return { kind, status: 'network', at, ...extra };
    }
  };

  let slot = 0;
  /** Staff bookings of one hour each; every slot is asked for twice at once, so the race for it runs during the fault too. */
  const bookNext = () => {
    const k = Math.floor(slot++ / 2);
    const date = daysAhead(1 + Math.floor(k / 13));
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const hour = 8 + (k % 13);
    return timed('booking', () =>
      t.request('POST', `${api}/bookings`, {
        token: staffG,
        body: {
          roomId,
          startAt: local(date, hh(hour)),
          endAt: local(date, hh(hour + 1)),
          purpose: '故障演练',
          attendees: 2,
        },
      }),
    );
  };
  let turn = 0;
  /** One minute around the ring of three residents, each with its own Idempotency-Key. */
  const transferNext = () => {
    const i = turn++ % residents.length;
    const from = residents[i];
    const payload = { toUserId: residents[(i + 1) % residents.length].id, minutes: 1, memo: '故障演练转账' };
    const key = randomUUID();
    return timed(
      'transfer',
      () =>
        t.request('POST', `${api}/timebank/transfers`, {
          token: from.token,
          body: payload,
          headers: { 'idempotency-key': key },
        }),
      { key, payload, token: from.token },
    );
  };

  const health = async () => t.request('GET', `${api}/health`);

  it('kill -9 of MariaDB mid-load: clean 503s, health follows, nothing half-written, serves again without a restart', async () => {
    const outcomes: Outcome[] = [];
    let stop = false;
    const worker = async (next: () => Promise<Outcome>) => {
      while (!stop) outcomes.push(await next());
    };
    const workers = [bookNext, bookNext, bookNext, bookNext, transferNext, transferNext, transferNext].map(worker);

    await sleep(1500);
    const killedAt = Date.now();
    await mariadb.signal('SIGKILL');
    faults++;
    // Health reports the outage within a few seconds.
    let down: TestResponse | undefined;
    for (const deadline = Date.now() + 10_000; Date.now() < deadline; await sleep(200)) {
      down = await health();
      if (down.status === 503) break;
    }
    expect(down?.status).toBe(503);
    expect(down?.body).toMatchObject({ status: 'error', database: { status: 'down', type: 'mysql' } });
    await sleep(3000); // the load keeps coming during the outage
    expect(t.running()).toBe(true);

    const restartedAt = Date.now();
    await mariadb.start();
    let up: TestResponse | undefined;
    for (const deadline = Date.now() + 30_000; Date.now() < deadline; await sleep(200)) {
      up = await health();
      if (up.status === 200) break;
    }
    expect(up?.status).toBe(200);
    const recoveredAt = Date.now();
    await sleep(1000);
    stop = true;
    await Promise.all(workers);

    const tally = (list: Outcome[]) =>
      list.reduce<Record<string, number>>((acc, o) => {
        const k = `${o.kind} ${o.status} ${o.code ?? ''}`.trim();
        acc[k] = (acc[k] ?? 0) + 1;
        return acc;
      }, {});
    console.log(
      `kill -9 fault: ${outcomes.length} requests, health down→up ${recoveredAt - restartedAt} ms after restart`,
      tally(outcomes),
    );
    // Every request was answered: success, a business refusal, or a clean 503 with a stable code. No 500, no hang, no reset.
    const allowed = new Set([
      'booking 201',
      'booking 409 BOOKING_SLOT_TAKEN',
      'transfer 201',
      'booking 503 SERVICE_UNAVAILABLE',
      'transfer 503 SERVICE_UNAVAILABLE',
    ]);
    expect(Object.keys(tally(outcomes)).filter((k) => !allowed.has(k))).toEqual([]);
    const during = outcomes.filter((o) => o.at > killedAt + 500 && o.at < restartedAt);
    expect(during.length).toBeGreaterThan(0);
    expect(during.every((o) => o.status === 503)).toBe(true);
    expect(outcomes.filter((o) => o.at > killedAt && o.status === 503).length).toBeGreaterThan(0);
    expect(outcomes.filter((o) => o.at > recoveredAt + 200).every((o) => o.status !== 503)).toBe(true);
    expect(t.running()).toBe(true);

    // Nothing half-written: every booking holds exactly its cells (and only active ones hold any), no slot without its booking.
    const bookings = await t.dataSource.getRepository(Booking).findBy({ roomId });
    const slots = await t.dataSource.getRepository(BookingSlot).findBy({ roomId });
    for (const booking of bookings) {
      const held = slots.filter((s) => s.bookingId === booking.id).length;
      expect([booking.id, held]).toEqual([
        booking.id,
        (activeBookingStatuses as readonly string[]).includes(booking.status) ? booking.minutes / 15 : 0,
      ]);
    }
    expect(slots.filter((s) => !bookings.some((b) => b.id === s.bookingId))).toEqual([]);
    // Every 201 is in the database.
    const created = outcomes.filter((o) => o.kind === 'booking' && o.status === 201).map((o) => o.body.id);
    expect(bookings.map((b) => b.id)).toEqual(expect.arrayContaining(created));
    const audit = await auditLedger(t.dataSource.manager, null, new Date());
    expect(audit.discrepancies).toEqual([]);
    expect(audit.ok).toBe(true);

    // A transfer that failed with 503 is retried with its key: it happens exactly once (or had happened, and replays).
    const failedTransfers = outcomes.filter((o) => o.kind === 'transfer' && o.status === 503);
    for (const o of failedTransfers) {
      const retry = await t.request('POST', `${api}/timebank/transfers`, {
        token: o.token,
        body: o.payload,
        headers: { 'idempotency-key': o.key! },
      });
      expect(retry.status).toBe(201);
    }
    const keys = outcomes
      .filter((o) => o.kind === 'transfer' && (o.status === 201 || o.status === 503))
      .map((o) => o.key!);
    const rows = await t.dataSource
      .getRepository(LedgerTransaction)
      .createQueryBuilder('t')
      .select('t.idempotencyKey', 'key')
      .addSelect('COUNT(*)', 'n')
      .where('t.kind = :kind', { kind: 'transfer' })
      .andWhere('t.memo = :memo', { memo: '故障演练转账' })
      .groupBy('t.idempotencyKey')
      .getRawMany();
    expect(rows.filter((r) => Number(r.n) !== 1)).toEqual([]);
    expect(rows.map((r) => r.key).sort()).toEqual([...keys].sort());
    expect((await auditLedger(t.dataSource.manager, null, new Date())).ok).toBe(true);

    // And the server takes new work on the same pool, on the first day the load above never reached.
    const freeDay = daysAhead(2 + Math.floor(Math.floor(slot / 2) / 13));
    const booking = await t.request('POST', `${api}/bookings`, {
      token: staffG,
      body: {
        roomId,
        startAt: local(freeDay, '08:00'),
        endAt: local(freeDay, '09:00'),
        purpose: '恢复后',
        attendees: 2,
      },
    });
    expect(booking.status).toBe(201);
  }, 120_000);

  it('kill -STOP of MariaDB for 6 s mid-load (a frozen database): health says down, requests wait and then complete, nothing lost', async () => {
    const outcomes: Outcome[] = [];
    let stop = false;
    const worker = async (next: () => Promise<Outcome>) => {
      while (!stop) outcomes.push(await next());
    };
    const workers = [bookNext, bookNext, transferNext, transferNext].map(worker);
    await sleep(1000);
    const frozenAt = Date.now();
    await mariadb.signal('SIGSTOP');
    faults++;
    let down: TestResponse | undefined;
    for (const deadline = Date.now() + 5000; Date.now() < deadline; await sleep(500)) {
      down = await health();
      if (down.status === 503) break;
    }
    expect(down?.status).toBe(503);
    expect(down?.body).toMatchObject({ database: { status: 'down' } });
    const sentWhileFrozen = Promise.all([bookNext(), bookNext(), transferNext(), transferNext()]);
    await sleep(Math.max(0, frozenAt + 6000 - Date.now()));
    await mariadb.signal('SIGCONT');
    const thawedAt = Date.now();
    let up: TestResponse | undefined;
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(200)) {
      up = await health();
      if (up.status === 200) break;
    }
    expect(up?.status).toBe(200);
    await sleep(1000);
    stop = true;
    await Promise.all(workers);
    outcomes.push(...(await sentWhileFrozen));

    const tally = outcomes.reduce<Record<string, number>>((acc, o) => {
      const k = `${o.kind} ${o.status} ${o.code ?? ''}`.trim();
      acc[k] = (acc[k] ?? 0) + 1;
      return acc;
    }, {});
    const waited = outcomes.filter((o) => o.at < thawedAt && (o.done ?? 0) > thawedAt);
    console.log(
      `kill -STOP fault: ${outcomes.length} requests, ${waited.length} answered only after the thaw, health up ${Date.now() - thawedAt} ms after thaw`,
      tally,
    );
    // Nothing failed: the requests sent into the freeze waited for it to end and then did their work.
    expect(
      Object.keys(tally).filter((k) => !['booking 201', 'booking 409 BOOKING_SLOT_TAKEN', 'transfer 201'].includes(k)),
    ).toEqual([]);
    expect(waited.filter((o) => o.at > frozenAt).length).toBeGreaterThanOrEqual(4);
    expect(t.running()).toBe(true);
    const bookings = await t.dataSource.getRepository(Booking).findBy({ roomId });
    const created = outcomes.filter((o) => o.kind === 'booking' && o.status === 201).map((o) => o.body.id);
    expect(bookings.map((b) => b.id)).toEqual(expect.arrayContaining(created));
    const slots = await t.dataSource.getRepository(BookingSlot).findBy({ roomId });
    expect(slots.filter((s) => !bookings.some((b) => b.id === s.bookingId))).toEqual([]);
    expect((await auditLedger(t.dataSource.manager, null, new Date())).ok).toBe(true);
  }, 90_000);
});
