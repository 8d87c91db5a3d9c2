import type { DataSource } from 'typeorm';
import { Booking, BookingSlot, BookingSuspension } from '../src/bookings/booking.entity.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { Room } from '../src/rooms/room.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { bookingServices } from './support/booking-services.js';
import { outcome, tally } from './support/outcomes.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';
import { roomRow } from './support/rooms.js';

const MIN = 60_000;

/**
 * Bookings against a real database. On MariaDB two DataSources stand for two server processes on one database;
 * on SQLite one process serves (PRODUCT.md "Scaling out").
 */
describe(`bookings under concurrency on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  // Saturday 2026-11-28 09:00 in Shanghai.
  const clock = new FixedClock(new Date('2026-11-28T01:00:00Z'));
  let services: Array<ReturnType<typeof bookingServices>>;
  let community: Community;
  let other: Community;
  let staff: User;
  let hall: Room;
  let studio: Room;
  let phone = 13_100_000_000;

  const data = () => sources[0];
  const service = (i: number) => services[i % services.length].bookings;
  // Sunday 2026-11-29 local hh:mm as a UTC instant.
  const sunday = (hhmm: string) => new Date(`2026-11-29T${hhmm}:00+08:00`);
  const request = (room: Room, from: string, to: string) => ({
    roomId: room.id,
    startAt: sunday(from),
    endAt: sunday(to),
    purpose: '合唱排练',
    attendees: 5,
  });

  async function resident(communityId = community.id): Promise<User> {
    const users = data().getRepository(User);
    return users.save(
      users.create({
        role: 'resident',
        status: 'verified',
        volunteer: false,
        communityId,
        name: `居民${phone % 1000}`,
        phone: String(phone++),
        verifiedAt: clock.now(),
      }),
    );
  }
  async function room(fields: Partial<Room>): Promise<Room> {
    const repo = data().getRepository(Room);
    return repo.save(repo.create(roomRow(community.id, { name: '多功能厅', capacity: 40, ...fields })));
  }
  const counts = async () => ({
    bookings: await data().getRepository(Booking).count(),
    slots: await data().getRepository(BookingSlot).count(),
  });

  /** Every active booking owns exactly its cells, and no two active bookings of a room overlap. */
  async function assertNoDoubleBooking(): Promise<void> {
    const active = await data()
      .getRepository(Booking)
      .find({
        where: [{ status: 'pending' }, { status: 'approved' }, { status: 'checked_in' }],
        order: { startAt: 'ASC' },
      });
    const slots = await data().getRepository(BookingSlot).find();
    const expectedCells = active.reduce((n, b) => n + b.minutes / 15, 0);
    expect(slots).toHaveLength(expectedCells);
    for (const b of active) expect(slots.filter((s) => s.bookingId === b.id)).toHaveLength(b.minutes / 15);
    const byRoom = new Map<number, Booking[]>();
    for (const b of active) byRoom.set(b.roomId, [...(byRoom.get(b.roomId) ?? []), b]);
    for (const list of byRoom.values()) {
      for (let i = 1; i < list.length; i++)
        expect(list[i].startAt.getTime()).toBeGreaterThanOrEqual(list[i - 1].endAt.getTime());
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    sources.push(await createDataSource(options).initialize());
    if (testDatabaseKind === 'mariadb')
      sources.push(await createDataSource({ ...options, migrationsRun: false }).initialize());
    services = sources.map((ds) => bookingServices(ds, clock));
    community = await data().getRepository(Community).save({ code: 'T', name: '测试社区' });
    other = await data().getRepository(Community).save({ code: 'U', name: '另一社区' });
    const users = data().getRepository(User);
    staff = await users.save(
      users.create({
        role: 'staff',
        status: 'verified',
        volunteer: false,
        communityId: community.id,
        name: '工作人员',
        username: 'staff.t',
      }),
    );
    hall = await room({ name: '多功能厅' });
    studio = await room({ name: '书画室', capacity: 12, requiresApproval: true });
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db?.drop();
  });

  it('50 residents book the same slot at once: exactly one booking, 49 clean BOOKING_SLOT_TAKEN, one set of slot rows', async () => {
    const people = await Promise.all(Array.from({ length: 50 }, () => resident()));
    const results = await Promise.all(
      people.map((p, i) => outcome(service(i).book(p, request(hall, '10:00', '11:00')))),
    );
    expect(tally(results)).toEqual({ ok: 1, BOOKING_SLOT_TAKEN: 49 });
    const bookings = await data()
      .getRepository(Booking)
      .findBy({ roomId: hall.id, startAt: sunday('10:00') });
    expect(bookings).toHaveLength(1);
    const slots = await data().getRepository(BookingSlot).findBy({ roomId: hall.id });
    expect(slots.map((s) => s.slotStart.toISOString()).sort()).toEqual(
      ['10:00', '10:15', '10:30', '10:45'].map((t) => sunday(t).toISOString()),
    );
    expect(new Set(slots.map((s) => s.bookingId))).toEqual(new Set([bookings[0].id]));
    await assertNoDoubleBooking();
  });

  it('200 staff bookings of the same slot at once: exactly one', async () => {
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => outcome(service(i).book(staff, request(hall, '12:00', '13:00')))),
    );
    expect(tally(results)).toEqual({ ok: 1, BOOKING_SLOT_TAKEN: 199 });
    expect(
      await data()
        .getRepository(Booking)
        .countBy({ roomId: hall.id, startAt: sunday('12:00') }),
    ).toBe(1);
    await assertNoDoubleBooking();
  });

  it('overlapping ranges racing: never two active bookings on one cell', async () => {
    let seed = 7;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const jobs = Array.from({ length: 60 }, (_, i) => {
      const startHalfHours = 28 + random(12); // 14:00 … 19:30
      const length = 1 + random(4);
      const from = sunday('00:00').getTime() + startHalfHours * 30 * MIN;
      return outcome(
        service(i).book(staff, {
          roomId: hall.id,
          startAt: new Date(from),
          endAt: new Date(from + length * 30 * MIN),
          purpose: '重叠测试',
          attendees: 3,
        }),
      );
    });
    const results = tally(await Promise.all(jobs));
    expect(Object.keys(results).sort()).toEqual(['BOOKING_SLOT_TAKEN', 'ok']);
    await assertNoDoubleBooking();
  });

  it('cancelling frees the slot at once: another resident books it', async () => {
    const [a, b] = [await resident(), await resident()];
    const first = await service(0).book(a, request(hall, '09:00', '09:30'));
    expect(await outcome(service(1).book(b, request(hall, '09:00', '09:30')))).toBe('BOOKING_SLOT_TAKEN');
    const cancelled = await service(0).cancel(a, first.id, undefined);
    expect(cancelled.status).toBe('cancelled');
    expect(await data().getRepository(BookingSlot).countBy({ bookingId: first.id })).toBe(0);
    expect(await outcome(service(1).book(b, request(hall, '09:00', '09:30')))).toBe('ok');
    // Cancelling twice, or somebody else's booking, is refused.
    expect(await outcome(service(0).cancel(a, first.id, undefined))).toBe('BOOKING_NOT_CANCELLABLE');
    const theirs = await data().getRepository(Booking).findOneByOrFail({ userId: b.id });
    expect(await outcome(service(0).cancel(a, theirs.id, undefined))).toBe('BOOKING_NOT_FOUND');
    await assertNoDoubleBooking();
  });

  it('approval: pending holds the slot; rejection frees it and tells the booker; staff cancellation needs a reason', async () => {
    const [a, b] = [await resident(), await resident()];
    const pending = await service(0).book(a, request(studio, '15:00', '16:00'));
    expect(pending.status).toBe('pending');
    expect(await outcome(service(1).book(b, request(studio, '15:30', '16:30')))).toBe('BOOKING_SLOT_TAKEN');
    const rejected = await service(0).reject(staff, pending.id, '当天有社区活动');
    expect(rejected).toMatchObject({ status: 'rejected', reason: '当天有社区活动' });
    expect(await outcome(service(1).reject(staff, pending.id, '再拒一次'))).toBe('BOOKING_NOT_PENDING');
    expect(await data().getRepository(Notification).countBy({ userId: a.id, kind: 'booking_decision' })).toBe(1);
    const second = await service(1).book(b, request(studio, '15:30', '16:30'));
    const approved = await service(0).approve(staff, second.id);
    expect(approved.status).toBe('approved');
    expect(await outcome(service(0).cancel(staff, second.id, undefined))).toBe('BOOKING_REASON_REQUIRED');
    expect((await service(0).cancel(staff, second.id, '场地临时维修')).status).toBe('cancelled');
    expect(await data().getRepository(Notification).countBy({ userId: b.id, kind: 'booking_decision' })).toBe(2);
    const outsider = await data()
      .getRepository(User)
      .save({
        role: 'staff',
        status: 'verified',
        volunteer: false,
        communityId: other.id,
        name: '外社区',
        username: 'staff.u',
      } as User);
    expect(await outcome(service(0).approve(outsider, second.id))).toBe('BOOKING_NOT_FOUND');
    expect(await outcome(service(0).book(outsider, request(hall, '20:00', '20:30')))).toBe('ROOM_NOT_FOUND');
    await assertNoDoubleBooking();
  });

  it('approve, reject and the booker cancelling, racing on one pending booking: one decision, state and slots agree', async () => {
    const hours = ['09:00', '10:00', '11:00', '12:00', '13:00', '14:00'];
    for (const [i, from] of hours.entries()) {
      const booker = await resident();
      const to = `${String(Number(from.slice(0, 2)) + 1).padStart(2, '0')}:00`;
      const pending = await service(0).book(booker, request(studio, from, to));
      expect(pending.status).toBe('pending');
      const [approve, reject, cancel] = await Promise.all([
        outcome(service(i).approve(staff, pending.id)),
        outcome(service(i + 1).reject(staff, pending.id, '时段已另有安排')),
        outcome(service(i).cancel(booker, pending.id, undefined)),
      ]);
      // One staff decision at most; a lost race is a clean refusal, never an error.
      expect([approve, reject].filter((o) => o === 'ok').length).toBeLessThanOrEqual(1);
      expect(['ok', 'BOOKING_NOT_PENDING']).toContain(approve);
      expect(['ok', 'BOOKING_NOT_PENDING']).toContain(reject);
      expect(['ok', 'BOOKING_NOT_CANCELLABLE']).toContain(cancel);
      const stored = await data().getRepository(Booking).findOneByOrFail({ id: pending.id });
      // The booker may cancel an approved booking, so approve + cancel may both succeed; reject excludes both others.
      const expected = cancel === 'ok' ? 'cancelled' : approve === 'ok' ? 'approved' : 'rejected';
      if (reject === 'ok') expect([approve, cancel]).toEqual(['BOOKING_NOT_PENDING', 'BOOKING_NOT_CANCELLABLE']);
      expect([approve, reject, cancel].some((o) => o === 'ok')).toBe(true);
      expect(stored.status).toBe(expected);
      expect(await data().getRepository(BookingSlot).countBy({ bookingId: pending.id })).toBe(
        expected === 'approved' ? 4 : 0,
      );
      // The booker hears of each staff decision that took effect, once.
      const decisions = [approve, reject].filter((o) => o === 'ok').length;
      expect(await data().getRepository(Notification).countBy({ userId: booker.id, kind: 'booking_decision' })).toBe(
        decisions,
      );
    }
    await assertNoDoubleBooking();
  });

  it('quota, window and rule refusals change nothing', async () => {
    const a = await resident();
    await service(0).book(a, request(hall, '08:30', '09:00'));
    await service(0).book(a, { ...request(hall, '09:00', '09:30'), roomId: studio.id });
    const before = await counts();
    const refusals = await Promise.all([
      outcome(service(0).book(a, request(hall, '20:00', '20:30'))), // a third upcoming booking
      outcome(
        service(0).book(await resident(), {
          ...request(hall, '10:00', '10:30'),
          startAt: new Date('2026-12-05T02:00:00Z'),
          endAt: new Date('2026-12-05T02:30:00Z'),
        }),
      ),
      outcome(
        service(0).book(await resident(), {
          ...request(hall, '10:00', '10:30'),
          startAt: new Date('2026-11-28T01:30:00Z'),
          endAt: new Date('2026-11-28T02:00:00Z'),
        }),
      ),
      outcome(service(0).book(await resident(), request(hall, '07:00', '08:00'))),
      outcome(service(0).book(await resident(), request(hall, '13:00', '16:30'))),
      outcome(service(0).book(await resident(), { ...request(hall, '20:00', '20:30'), attendees: 41 })),
    ]);
    expect(refusals).toEqual([
      'BOOKING_QUOTA_ACTIVE',
      'BOOKING_TOO_FAR',
      'BOOKING_TOO_SOON',
      'BOOKING_OFF_GRID',
      'BOOKING_TOO_LONG',
      'BOOKING_ATTENDEES_INVALID',
    ]);
    expect(await counts()).toEqual(before);
  });

  it('one resident booking two rooms for the same time from two processes at once: one wins, every time', async () => {
    const rooms = [await room({ name: '甲室' }), await room({ name: '乙室' })];
    const wednesday = (hhmm: string) => new Date(`2026-12-02T${hhmm}:00+08:00`);
    for (const hour of ['09', '11', '13', '15', '17', '19']) {
      const a = await resident();
      const results = await Promise.all(
        rooms.map((r, i) =>
          outcome(
            service(i).book(a, {
              roomId: r.id,
              startAt: wednesday(`${hour}:00`),
              endAt: wednesday(`${hour}:30`),
              purpose: '两室同时',
              attendees: 2,
            }),
          ),
        ),
      );
      expect(tally(results)).toEqual({ ok: 1, BOOKING_OVERLAPS_OWN: 1 });
      expect(await data().getRepository(Booking).countBy({ userId: a.id })).toBe(1);
    }
    await assertNoDoubleBooking();
  });

  it('weekly minutes: at most 240 per ISO week, counted in local time', async () => {
    const a = await resident();
    // Monday 30 Nov and Tuesday 1 Dec local: the next ISO week, 180 + 60 minutes.
    const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
    const book = (date: string, from: string, to: string) =>
      service(0).book(a, {
        roomId: studio.id,
        startAt: at(date, from),
        endAt: at(date, to),
        purpose: '周配额',
        attendees: 2,
      });
    expect(await outcome(book('2026-11-30', '09:00', '12:00'))).toBe('ok');
    const before = await counts();
    expect(await outcome(book('2026-12-01', '09:00', '10:30'))).toBe('BOOKING_QUOTA_WEEKLY');
    expect(await counts()).toEqual(before);
    expect(await outcome(book('2026-12-01', '09:00', '10:00'))).toBe('ok');
  });

  it('a closure refuses bookings that overlap it', async () => {
    const closure = await services[0].rooms.addClosure(staff, hall.id, {
      startAt: '2026-11-30T08:30:00+08:00',
      endAt: '2026-11-30T12:00:00+08:00',
      reason: '设备检修',
    });
    expect(closure.roomId).toBe(hall.id);
    const before = await counts();
    const at = (hhmm: string) => new Date(`2026-11-30T${hhmm}:00+08:00`);
    expect(
      await outcome(
        service(0).book(await resident(), {
          roomId: hall.id,
          startAt: at('11:30'),
          endAt: at('12:30'),
          purpose: '闭馆',
          attendees: 2,
        }),
      ),
    ).toBe('BOOKING_CLOSED');
    expect(await counts()).toEqual(before);
    expect(
      await outcome(
        service(0).book(await resident(), {
          roomId: hall.id,
          startAt: at('12:00'),
          endAt: at('12:30'),
          purpose: '闭馆后',
          attendees: 2,
        }),
      ),
    ).toBe('ok');
    const availability = await services[0].rooms.availability(staff, hall.id, '2026-11-30');
    const state = (hhmm: string) => availability.slots.find((s) => s.startAt === at(hhmm).toISOString())?.state;
    expect([state('08:30'), state('11:30'), state('12:00'), state('12:30')]).toEqual([
      'closed',
      'closed',
      'taken',
      'free',
    ]);
  });

  it('the answer to a booking is the booking as read back (built from what the transaction wrote, not re-read)', async () => {
    clock.set(new Date('2026-11-28T01:00:00Z'));
    const a = await resident();
    const mine = await service(0).book(a, { ...request(hall, '17:00', '18:00'), purpose: '  读书会  ' });
    const byStaff = await service(1).book(staff, request(studio, '18:00', '19:00'));
    expect(mine).toMatchObject({
      status: 'approved',
      staffBooking: false,
      purpose: '读书会',
      booker: { id: a.id, name: a.name },
      room: { id: hall.id, name: hall.name },
    });
    expect(byStaff).toMatchObject({
      status: 'approved',
      staffBooking: true,
      booker: { id: staff.id },
      room: { id: studio.id, name: studio.name },
    });
    expect((await service(0).mine(a, {})).items[0]).toEqual(mine);
    expect((await service(0).mine(staff, {})).items[0]).toEqual(byStaff);
  });

  describe('clock-driven jobs', () => {
    const on = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);
    const bookAt = (who: User, date: string, hhmm: string, minutes = 30) =>
      service(0).book(who, {
        roomId: hall.id,
        startAt: on(date, hhmm),
        endAt: new Date(on(date, hhmm).getTime() + minutes * MIN),
        purpose: '时钟测试',
        attendees: 2,
      });

    // Bookings of the tests above are long past by now: sweep them first, so each test counts its own.
    beforeAll(async () => {
      clock.set(on('2026-12-06', '09:00'));
      await service(0).markNoShows(1000);
    });

    it('the no-show job run by two processes at once marks each booking once, frees its slots and notifies once', async () => {
      const people = await Promise.all(Array.from({ length: 5 }, () => resident()));
      clock.set(on('2026-12-06', '09:00'));
      const booked = await Promise.all(
        people.map((p, i) => bookAt(p, '2026-12-07', `${String(9 + i).padStart(2, '0')}:00`)),
      );
      // 13:14: the bookings of 09:00–12:00 are past their 15 minutes of grace, 13:00 is not yet.
      clock.set(on('2026-12-07', '13:14'));
      const runs = await Promise.all([service(0).markNoShows(), service(1).markNoShows(), service(0).markNoShows()]);
      expect(runs.reduce((a, b) => a + b, 0)).toBe(4);
      const statuses = await data()
        .getRepository(Booking)
        .find({ where: booked.map((b) => ({ id: b.id })), order: { startAt: 'ASC' } });
      expect(statuses.map((b) => b.status)).toEqual(['no_show', 'no_show', 'no_show', 'no_show', 'approved']);
      for (const [i, p] of people.entries()) {
        expect(await data().getRepository(Notification).countBy({ userId: p.id, kind: 'booking_no_show' })).toBe(
          i < 4 ? 1 : 0,
        );
        expect(await data().getRepository(BookingSlot).countBy({ bookingId: booked[i].id })).toBe(i < 4 ? 0 : 2);
      }
      clock.set(on('2026-12-07', '13:15'));
      expect((await Promise.all([service(0).markNoShows(), service(1).markNoShows()])).reduce((a, b) => a + b, 0)).toBe(
        1,
      );
      await assertNoDoubleBooking();
    });

    it('door check-in: the booker, from 15 min before to 15 min after start, once; staff on behalf until the end', async () => {
      const [a, b] = [await resident(), await resident()];
      clock.set(on('2026-12-09', '08:00'));
      const mine = await bookAt(a, '2026-12-09', '10:00');
      const theirs = await bookAt(b, '2026-12-09', '11:00');
      clock.set(on('2026-12-09', '09:44'));
      expect(await outcome(service(0).checkInAtDoor(a, hall.id))).toBe('BOOKING_NO_CHECKIN');
      clock.set(on('2026-12-09', '09:45'));
      expect(await outcome(service(0).checkInAtDoor(b, hall.id))).toBe('BOOKING_NO_CHECKIN');
      const [first, again] = await Promise.all([
        service(0).checkInAtDoor(a, hall.id),
        service(1).checkInAtDoor(a, hall.id),
      ]);
      expect([first.status, again.status, first.id === mine.id && again.id === mine.id]).toEqual([
        'checked_in',
        'checked_in',
        true,
      ]);
      // Both answers are the stored booking (built in the transaction, after the row lock, not re-read).
      const stored = (await service(0).mine(a, {})).items.find((x) => x.id === mine.id);
      expect([first, again]).toEqual([stored, stored]);
      clock.set(on('2026-12-09', '11:16'));
      expect(await outcome(service(0).checkInAtDoor(b, hall.id))).toBe('BOOKING_NO_CHECKIN');
      expect((await service(0).checkInByStaff(staff, theirs.id)).status).toBe('checked_in');
      expect(await service(0).markNoShows()).toBe(0);
    });

    it('checked-in bookings are completed after their end, once', async () => {
      const a = await resident();
      clock.set(on('2026-12-08', '09:00'));
      const booking = await bookAt(a, '2026-12-08', '15:00', 60);
      await data()
        .getRepository(Booking)
        .update({ id: booking.id }, { status: 'checked_in', checkedInAt: on('2026-12-08', '14:50') });
      clock.set(on('2026-12-08', '15:59'));
      expect(await service(0).completeFinished()).toBe(0);
      clock.set(on('2026-12-08', '16:00'));
      const runs = await Promise.all([service(0).completeFinished(), service(1).completeFinished()]);
      expect(runs.reduce((x, y) => x + y, 0)).toBe(1);
      expect((await data().getRepository(Booking).findOneByOrFail({ id: booking.id })).status).toBe('completed');
      await service(0).markNoShows();
      expect((await data().getRepository(Booking).findOneByOrFail({ id: booking.id })).status).toBe('completed');
    });

    it('3 no-shows within 30 days suspend booking for 14 days; staff can lift it', async () => {
      const a = await resident();
      for (const date of ['2026-12-10', '2026-12-12', '2026-12-14']) {
        clock.set(on(date, '08:00'));
        await bookAt(a, date, '10:00');
        clock.set(on(date, '10:20'));
        expect(await service(0).markNoShows()).toBe(1);
      }
      const suspensions = await data().getRepository(BookingSuspension).findBy({ userId: a.id });
      expect(suspensions).toHaveLength(1);
      expect(suspensions[0].until.toISOString()).toBe(
        new Date(on('2026-12-14', '10:20').getTime() + 14 * 86_400_000).toISOString(),
      );
      clock.set(on('2026-12-15', '08:00'));
      const before = await counts();
      expect(await outcome(bookAt(a, '2026-12-16', '10:00'))).toBe('BOOKING_SUSPENDED');
      expect(await counts()).toEqual(before);
      expect(await services[0].bookings.liftSuspension(staff, a.id)).toEqual({ lifted: 1 });
      expect(await outcome(bookAt(a, '2026-12-16', '10:00'))).toBe('ok');
    });
  });
});
