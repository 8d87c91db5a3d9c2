import { randomUUID } from 'node:crypto';
import { activeBookingStatuses, shanghaiDate } from '@linli/shared-types';
import { Booking, BookingSlot } from '../src/bookings/booking.entity.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { auditLedger } from '../src/timebank/ledger-audit.js';
import { LedgerTransaction } from '../src/timebank/ledger-transaction.entity.js';
import { startTestApp } from './support/test-app.js';
import { createTestDatabase, testDatabaseKind } from './support/test-database.js';

describe(`server lifecycle on ${testDatabaseKind}`, () => {
  it('answers requests in flight when SIGTERM arrives, then exits cleanly', async () => {
    const t = await startTestApp();
    // Logins hash with argon2, so these are still being served when the signal lands.
    // A request the server never took (refused, or reset on a keep-alive connection it was closing) counts as refused.
    const inFlight = Array.from({ length: 6 }, () =>
      t.request('POST', '/api/v1/auth/login', { body: { username: 'staff.g', password: 'linli-demo' } }).then(
        (r) => r.status as number | 'refused',
        () => 'refused' as const,
      ),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    const code = await t.close();
    const statuses = await Promise.all(inFlight);
    expect(code).toBe(0);
    // Requests taken before the signal got their full answer; later ones were refused or told 503, never cut off midway.
    expect(statuses.filter((s) => s === 200).length).toBeGreaterThan(0);
    expect(statuses).toEqual(statuses.map((s) => (s === 200 || s === 503 || s === 'refused' ? s : 'unexpected')));
  });

  it('drains a load of bookings and transfers on SIGTERM: everything taken is answered and committed whole', async () => {
    const db = await createTestDatabase();
    const t = await startTestApp({ sharedDatabase: db });
    const staff = (await t.loginStaff('staff.g')).token;
    const residents = await Promise.all(['13800000001', '13800000002', '13800000005'].map((p) => t.loginResident(p)));
    const room = await t.request('POST', '/api/v1/rooms', {
      token: staff,
      body: { name: '停机演练室', capacity: 10, openTime: '08:00', closeTime: '21:00', facilities: [] },
    });
    expect(room.status).toBe(201);
    type Outcome = {
      kind: 'booking' | 'transfer';
      status: number | 'refused';
      at: number;
      done?: number;
      id?: number;
      key?: string;
    };
    const outcomes: Outcome[] = [];
    let stop = false;
    let n = 0;
    const hh = (h: number) => `${String(h).padStart(2, '0')}:00`;
    const book = async (): Promise<Outcome> => {
      const k = n++;
      const date = shanghaiDate(new Date(Date.now() + (1 + Math.floor(k / 13)) * 86_400_000));
      const at = Date.now();
      const res = await t
        .request('POST', '/api/v1/bookings', {
          token: staff,
          body: {
            roomId: room.body.id,
            startAt: `${date}T${hh(8 + (k % 13))}:00+08:00`,
            endAt: `${date}T${hh(9 + (k % 13))}:00+08:00`,
            purpose: '停机演练',
            attendees: 2,
          },
        })
        .then(
          (r) => r,
          () => null,
        );
      return { kind: 'booking', status: res?.status ?? 'refused', at, id: res?.body?.id };
    };
    const transfer = async (): Promise<Outcome> => {
      const i = n++ % 3;
      const key = randomUUID();
      const at = Date.now();
      const res = await t
        .request('POST', '/api/v1/timebank/transfers', {
          token: residents[i].token,
          body: { toUserId: residents[(i + 1) % 3].user.id, minutes: 1, memo: '停机演练' },
          headers: { 'idempotency-key': key },
        })
        .then(
          (r) => r,
          () => null,
        );
      return { kind: 'transfer', status: res?.status ?? 'refused', at, key };
    };
    const worker = async (next: () => Promise<Outcome>) => {
      while (!stop) {
        const outcome = await next();
        outcomes.push({ ...outcome, done: Date.now() });
        if (outcome.status === 'refused' || outcome.status === 503) return;
      }
    };
    const workers = [book, book, book, transfer, transfer, transfer].map(worker);
    await new Promise((resolve) => setTimeout(resolve, 700));
    const signalledAt = Date.now();
    const code = await t.close();
    stop = true;
    await Promise.all(workers);
    expect(code).toBe(0);

    const before = outcomes.filter((o) => o.at < signalledAt - 50);
    expect(before.length).toBeGreaterThan(5);
    // Requests the server had taken before the signal were answered in full; none was cut off or failed.
    expect(before.filter((o) => o.status !== 201)).toEqual([]);
    // Some were mid-way when the signal came, and still completed.
    expect(
      outcomes.filter((o) => o.at < signalledAt && o.done! > signalledAt && o.status === 201).length,
    ).toBeGreaterThan(0);
    expect(outcomes.every((o) => o.status === 201 || o.status === 503 || o.status === 'refused')).toBe(true);

    const ds = await createDataSource({
      ...(await resolveDataSourceOptions(db.config)),
      migrationsRun: false,
    }).initialize();
    try {
      const bookings = await ds.getRepository(Booking).findBy({ roomId: room.body.id });
      expect(bookings.map((b) => b.id).sort()).toEqual(
        outcomes
          .filter((o) => o.kind === 'booking' && o.status === 201)
          .map((o) => o.id)
          .sort(),
      );
      const slots = await ds.getRepository(BookingSlot).findBy({ roomId: room.body.id });
      for (const b of bookings)
        expect(slots.filter((s) => s.bookingId === b.id).length).toBe(
          (activeBookingStatuses as readonly string[]).includes(b.status) ? b.minutes / 15 : 0,
        );
      const transfers = await ds.getRepository(LedgerTransaction).findBy({ memo: '停机演练' });
      expect(transfers.map((tx) => tx.idempotencyKey).sort()).toEqual(
        outcomes
          .filter((o) => o.kind === 'transfer' && o.status === 201)
          .map((o) => o.key)
          .sort(),
      );
      expect((await auditLedger(ds.manager, null, new Date())).ok).toBe(true);
    } finally {
      await ds.destroy();
      await db.drop();
    }
  }, 60_000);

  it('refuses to start outside demo mode without LINLI_SECRET, saying why', async () => {
    await expect(startTestApp({ env: { LINLI_DEMO: '0' } })).rejects.toThrow(/LINLI_SECRET is required/);
  });
});
