import { In, type DataSource } from 'typeorm';
import { Booking, BookingSlot } from '../src/bookings/booking.entity.js';
import { bookingServices, type BookingOperations } from './support/booking-services.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { runTransaction } from '../src/database/transaction.js';
import { Room } from '../src/rooms/room.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { auditLedger } from '../src/timebank/ledger-audit.js';
import { LedgerTransaction } from '../src/timebank/ledger-transaction.entity.js';
import { LedgerService } from '../src/timebank/ledger.service.js';
import { TimebankAccount } from '../src/timebank/timebank-account.entity.js';
import { TimebankHold } from '../src/timebank/timebank-hold.entity.js';
import { User } from '../src/users/user.entity.js';
import { outcome, tally } from './support/outcomes.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';
import { roomRow } from './support/rooms.js';

const MIN = 60_000;

/**
 * Rooms priced in credits against a real database: the price is held in the booking's own transaction (a refused
 * booking holds nothing), charged to the pool when the booking completes or is a no-show, released when it is
 * rejected or cancelled; concurrent bookings never hold more than the balance; the ledger audit stays clean.
 * On MariaDB the services run on two connections pools, as two server processes would.
 */
describe(`rooms priced in credits on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  // Saturday 2026-11-28 09:00 in Shanghai.
  const clock = new FixedClock(new Date('2026-11-28T01:00:00Z'));
  const ledger = new LedgerService();
  let services: BookingOperations[];
  let community: Community;
  let staff: User;
  let free: Room;
  let priced: Room;
  let approval: Room;
  let phone = 13_200_000_000;

  const data = () => sources[0];
  const on = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
  const book = (who: User, room: Room, hhmm: string, minutes = 60, date = '2026-11-29', i = 0) =>
    services[i % services.length].book(who, {
      roomId: room.id,
      startAt: on(date, hhmm),
      endAt: new Date(on(date, hhmm).getTime() + minutes * MIN),
      purpose: '书法练习',
      attendees: 2,
    });

  async function resident(minutes: number): Promise<User> {
    const users = data().getRepository(User);
    const user = await users.save(
      users.create({
        role: 'resident',
        status: 'verified',
        volunteer: false,
        communityId: community.id,
        name: `居民${phone % 1000}`,
        phone: String(phone++),
        verifiedAt: clock.now(),
      }),
    );
    await runTransaction(data(), async (m) => {
      const account = await ledger.openAccount(m, user);
      if (minutes > 0)
        await ledger.post(m, {
          kind: 'adjustment',
          communityId: community.id,
          fromAccountId: (await ledger.poolOf(m, community.id)).id,
          toAccountId: account.id,
          amount: minutes,
          memo: '测试准备',
        });
    });
    return user;
  }
  async function room(fields: Partial<Room>): Promise<Room> {
    const repo = data().getRepository(Room);
    return repo.save(
      repo.create(roomRow(community.id, { name: '书画室', capacity: 12, priceMinutesPerHour: 0, ...fields })),
    );
  }
  /** Available (the stored balance) and held minutes of a resident. */
  async function money(user: User) {
    const account = await data()
      .getRepository(TimebankAccount)
      .findOneByOrFail({ ownerKey: `user:${user.id}` });
    const holds = await data().getRepository(TimebankHold).findBy({ payerAccountId: account.id, status: 'held' });
    return { available: account.balance, held: holds.reduce((n, h) => n + h.amount, 0) };
  }
  const poolBalance = async () =>
    (
      await data()
        .getRepository(TimebankAccount)
        .findOneByOrFail({ ownerKey: `pool:${community.id}` })
    ).balance;
  const holdOf = (booking: { id: number }) =>
    data()
      .getRepository(TimebankHold)
      .findOneBy({ reference: `booking:${booking.id}` });
  const charges = async (booking: { id: number }) =>
    data()
      .getRepository(LedgerTransaction)
      .countBy({ kind: 'room_charge', reference: `booking:${booking.id}` });
  async function expectCleanAudit() {
    const result = await runTransaction(data(), (m) => auditLedger(m, community.id, clock.now()));
    expect(result.discrepancies).toEqual([]);
    expect(result.ok).toBe(true);
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    sources.push(await createDataSource(options).initialize());
    if (testDatabaseKind === 'mariadb')
      sources.push(await createDataSource({ ...options, migrationsRun: false }).initialize());
    services = sources.map((ds) => bookingServices(ds, clock, ledger).bookings);
    community = await data().getRepository(Community).save({ code: 'P', name: '计价社区' });
    const users = data().getRepository(User);
    staff = await users.save(
      users.create({
        role: 'staff',
        status: 'verified',
        volunteer: false,
        communityId: community.id,
        name: '工作人员',
        username: 'staff.p',
      }),
    );
    free = await room({ name: '多功能厅' });
    priced = await room({ name: '书画室', priceMinutesPerHour: 30 });
    approval = await room({ name: '舞蹈室', priceMinutesPerHour: 20, requiresApproval: true });
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db?.drop();
  });
  beforeEach(() => clock.set(new Date('2026-11-28T01:00:00Z')));

  it('a free room holds nothing; a staff booking of a priced room holds nothing', async () => {
    const a = await resident(100);
    const booking = await book(a, free, '09:00');
    expect(await holdOf(booking)).toBeNull();
    const bystaff = await book(staff, priced, '09:00');
    expect(await holdOf(bystaff)).toBeNull();
    expect(await money(a)).toEqual({ available: 100, held: 0 });
  });

  it('holds the price at booking and releases it when the booking is cancelled', async () => {
    const a = await resident(100);
    const booking = await book(a, priced, '10:00', 90);
    expect(await money(a)).toEqual({ available: 55, held: 45 });
    expect(await holdOf(booking)).toMatchObject({ amount: 45, status: 'held' });
    await services[0].cancel(a, booking.id, undefined);
    expect(await money(a)).toEqual({ available: 100, held: 0 });
    expect(await holdOf(booking)).toMatchObject({ status: 'released' });
    expect(await charges(booking)).toBe(0);
    await expectCleanAudit();
  });

  it('releases the hold when staff reject the booking', async () => {
    const a = await resident(100);
    const booking = await book(a, approval, '10:00', 120);
    expect(booking.status).toBe('pending');
    expect(await money(a)).toEqual({ available: 60, held: 40 });
    await services[0].reject(staff, booking.id, '当天有社区活动');
    expect(await money(a)).toEqual({ available: 100, held: 0 });
    await expectCleanAudit();
  });

  it('refuses a booking the resident cannot pay for, and it leaves no booking, slot or hold behind', async () => {
    const poor = await resident(20);
    const before = { bookings: await data().getRepository(Booking).count(), pool: await poolBalance() };
    expect(await outcome(book(poor, priced, '14:00'))).toBe('INSUFFICIENT_CREDITS');
    expect(await data().getRepository(Booking).count()).toBe(before.bookings);
    expect(
      await data()
        .getRepository(BookingSlot)
        .countBy({ roomId: priced.id, slotStart: on('2026-11-29', '14:00') }),
    ).toBe(0);
    expect(await money(poor)).toEqual({ available: 20, held: 0 });
    // The slot is still free for someone who can pay.
    const rich = await resident(100);
    const paid = await book(rich, priced, '14:00');
    await services[0].cancel(rich, paid.id, undefined);
    await expectCleanAudit();
  });

  it('charges the pool when an approved booking becomes a no-show', async () => {
    const a = await resident(100);
    const booking = await book(a, priced, '16:00');
    const pool = await poolBalance();
    clock.set(new Date(on('2026-11-29', '16:16').getTime()));
    expect(await services[0].markNoShows()).toBeGreaterThanOrEqual(1);
    expect((await data().getRepository(Booking).findOneByOrFail({ id: booking.id })).status).toBe('no_show');
    expect(await money(a)).toEqual({ available: 70, held: 0 });
    expect(await poolBalance()).toBe(pool + 30);
    expect(await holdOf(booking)).toMatchObject({ status: 'charged' });
    expect(await charges(booking)).toBe(1);
    await expectCleanAudit();
  });

  it('charges the pool once when a checked-in booking completes, whichever process completes it', async () => {
    const a = await resident(100);
    const booking = await book(a, priced, '18:00', 60, '2026-11-30');
    clock.set(on('2026-11-30', '17:50'));
    expect((await services[0].checkInAtDoor(a, priced.id)).status).toBe('checked_in');
    const pool = await poolBalance();
    clock.set(on('2026-11-30', '19:00'));
    const runs = await Promise.all([services[0].completeFinished(), services[1 % services.length].completeFinished()]);
    expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
    expect((await data().getRepository(Booking).findOneByOrFail({ id: booking.id })).status).toBe('completed');
    expect(await charges(booking)).toBe(1);
    expect(await money(a)).toEqual({ available: 70, held: 0 });
    expect(await poolBalance()).toBe(pool + 30);
    // A cancel after completion is refused and releases nothing.
    expect(await outcome(services[0].cancel(a, booking.id, undefined))).not.toBe('ok');
    expect(await money(a)).toEqual({ available: 70, held: 0 });
    await expectCleanAudit();
  });

  it('race: 5 concurrent bookings of 30 min of credit each on 100 min hold at most the balance', async () => {
    const a = await resident(100);
    const starts = ['09:00', '11:00', '13:00', '15:00', '17:00'];
    const results = await Promise.all(starts.map((hhmm, i) => outcome(book(a, priced, hhmm, 60, '2026-12-01', i))));
    // The quota allows 2 upcoming bookings per resident: the money never decides more than the rules allow.
    const made = await data().getRepository(Booking).findBy({ userId: a.id });
    const holds = await data()
      .getRepository(TimebankHold)
      .findBy({ reference: In(made.map((b) => `booking:${b.id}`)), status: 'held' });
    expect(holds).toHaveLength(made.length);
    expect(made.length).toBe(tally(results).ok);
    expect(await money(a)).toEqual({ available: 100 - 30 * made.length, held: 30 * made.length });
    expect(
      await data()
        .getRepository(BookingSlot)
        .countBy({ bookingId: In(made.map((b) => b.id).concat(0)) }),
    ).toBe(made.length * 4);
    await expectCleanAudit();
  });

  it('race: concurrent bookings beyond the balance: the ones that cannot pay leave nothing', async () => {
    // 40 min: one booking of 30 fits, a second does not; quota 2 upcoming lets both try.
    const a = await resident(40);
    const results = await Promise.all(
      ['09:00', '12:00'].map((hhmm, i) => outcome(book(a, priced, hhmm, 60, '2026-12-02', i))),
    );
    expect(tally(results)).toEqual({ ok: 1, INSUFFICIENT_CREDITS: 1 });
    expect(await money(a)).toEqual({ available: 10, held: 30 });
    expect(await data().getRepository(Booking).countBy({ userId: a.id })).toBe(1);
    await expectCleanAudit();
  });
});
