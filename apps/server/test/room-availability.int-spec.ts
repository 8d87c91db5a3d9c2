import { shanghaiMidnight, slotGrid, slotState, type RoomAvailability } from '@linli/shared-types';
import { Brackets, type DataSource } from 'typeorm';
import { BookingSlot } from '../src/bookings/booking.entity.js';
import { AppException } from '../src/common/app-exception.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { Room, RoomClosure } from '../src/rooms/room.entity.js';
import { roomVisibleTo } from '../src/rooms/rooms.rules.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { bookingServices } from './support/booking-services.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';
import { roomRow } from './support/rooms.js';

const DAY = 86_400_000;
const CELL = 15 * 60_000;
/** Local date and hh:mm as a UTC instant. */
const local = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/**
 * A room's day is read in one statement; its answer is the one the entity reads gave (the room, its closures and
 * its booked cells, each through TypeORM, then slotGrid and slotState), for every viewer, room, date and moment.
 */
describe(`room availability on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  const clock = new FixedClock(local('2026-11-30', '10:10'));
  let rooms: ReturnType<typeof bookingServices>['rooms'];
  const viewers: User[] = [];
  const roomIds: number[] = [];

  /** What availability answered before the one-statement read (kept here as the reference). */
  async function reference(viewer: User, roomId: number, date: string): Promise<RoomAvailability | string> {
    if (viewer.role === 'resident' && viewer.status !== 'verified') return 'RESIDENT_NOT_VERIFIED';
    const room = await ds.manager.findOneBy(Room, { id: roomId });
    if (!room || !roomVisibleTo(viewer, room)) return 'ROOM_NOT_FOUND';
    const midnight = shanghaiMidnight(date);
    if (!midnight) return 'VALIDATION_FAILED';
    const dayEnd = new Date(midnight.getTime() + DAY);
    const closed = await ds
      .getRepository(RoomClosure)
      .createQueryBuilder('c')
      .where('c.communityId = :communityId', { communityId: room.communityId })
      .andWhere(new Brackets((w) => w.where('c.roomId = :roomId', { roomId: room.id }).orWhere('c.roomId IS NULL')))
      .andWhere('c.startAt < :to AND c.endAt > :from', { from: midnight, to: dayEnd })
      .getMany();
    const cells = await ds
      .getRepository(BookingSlot)
      .createQueryBuilder('s')
      .where('s.roomId = :roomId AND s.slotStart >= :from AND s.slotStart < :to', {
        roomId: room.id,
        from: midnight,
        to: dayEnd,
      })
      .getMany();
    const facts = {
      now: clock.now(),
      closed,
      taken: cells.map((c) => ({ startAt: c.slotStart, endAt: new Date(c.slotStart.getTime() + CELL) })),
    };
    return {
      roomId: room.id,
      date,
      slotMinutes: room.slotMinutes,
      slots: slotGrid(room, date).map((slot) => ({
        startAt: slot.startAt.toISOString(),
        endAt: slot.endAt.toISOString(),
        state: slotState(slot, facts),
      })),
    };
  }

  async function answer(viewer: User, roomId: number, date: string): Promise<RoomAvailability | string> {
    try {
      return await rooms.availability(viewer, roomId, date);
    } catch (error) {
      if (error instanceof AppException) return error.code;
      throw error;
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(await resolveDataSourceOptions(db.config)).initialize();
    rooms = bookingServices(ds, clock).rooms;
    const [a, b] = await ds.getRepository(Community).save([
      { code: 'A', name: '甲社区' },
      { code: 'B', name: '乙社区' },
    ]);
    const users = ds.getRepository(User);
    let phone = 13_200_000_000;
    const user = (fields: Partial<User>) =>
      users.save(
        users.create({ volunteer: false, name: '某人', phone: String(phone++), verifiedAt: clock.now(), ...fields }),
      );
    viewers.push(
      await user({ role: 'resident', status: 'verified', communityId: a.id }),
      await user({ role: 'resident', status: 'pending', communityId: a.id, verifiedAt: null }),
      await user({ role: 'resident', status: 'verified', communityId: b.id }),
      await user({ role: 'staff', status: 'verified', communityId: a.id, username: 'staff.a', phone: null }),
      await user({ role: 'admin', status: 'verified', communityId: null, username: 'admin.x', phone: null }),
    );
    const room = (communityId: number, fields: Partial<Room>) =>
      ds.getRepository(Room).save(roomRow(communityId, fields));
    const hall = await room(a.id, {});
    const quiet = await room(a.id, { openTime: '07:15', closeTime: '22:00', slotMinutes: 15 });
    const shut = await room(a.id, { active: false, slotMinutes: 60, openTime: '09:00' });
    const theirs = await room(b.id, {});
    roomIds.push(hall.id, quiet.id, shut.id, theirs.id, theirs.id + 100);
    const closure = (communityId: number, roomId: number | null, from: Date, to: Date) => ({
      communityId,
      roomId,
      startAt: from,
      endAt: to,
      reason: '闭馆',
      createdById: null,
    });
    await ds
      .getRepository(RoomClosure)
      .save([
        closure(a.id, hall.id, local('2026-11-30', '11:00'), local('2026-11-30', '12:10')),
        closure(a.id, null, local('2026-12-01', '18:00'), local('2026-12-02', '09:30')),
        closure(a.id, quiet.id, local('2026-11-29', '00:00'), local('2026-12-03', '00:00')),
        closure(b.id, null, local('2026-11-30', '00:00'), local('2026-12-01', '00:00')),
        closure(a.id, hall.id, local('2026-11-30', '20:59'), local('2026-11-30', '21:00')),
      ]);
    const cells = (roomId: number, date: string, from: string, count: number) =>
      Array.from({ length: count }, (_, i) => ({
        roomId,
        slotStart: new Date(local(date, from).getTime() + i * CELL),
        bookingId: 1,
      }));
    await ds
      .getRepository(BookingSlot)
      .save([
        ...cells(hall.id, '2026-11-30', '09:45', 3),
        ...cells(hall.id, '2026-11-30', '14:15', 1),
        ...cells(hall.id, '2026-12-01', '08:30', 4),
        ...cells(hall.id, '2026-12-01', '23:45', 2),
        ...cells(shut.id, '2026-11-30', '10:00', 8),
        ...cells(theirs.id, '2026-11-30', '15:00', 2),
        ...cells(quiet.id, '2026-12-03', '07:15', 5),
      ]);
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('answers as the entity reads did, for each viewer, room, date and moment', async () => {
    const dates = ['2026-11-29', '2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-02-30'];
    let compared = 0;
    const states = new Set<string>();
    for (const now of [local('2026-11-30', '10:10'), local('2026-11-28', '00:00'), local('2026-12-01', '08:30')]) {
      clock.set(now);
      for (const viewer of viewers)
        for (const roomId of roomIds)
          for (const date of dates) {
            const expected = await reference(viewer, roomId, date);
            expect({ viewer: viewer.id, roomId, date, answer: await answer(viewer, roomId, date) }).toEqual({
              viewer: viewer.id,
              roomId,
              date,
              answer: expected,
            });
            if (typeof expected === 'string') states.add(expected);
            else for (const slot of expected.slots) states.add(slot.state);
            compared++;
          }
    }
    expect(compared).toBe(3 * 5 * 5 * 6);
    expect([...states].sort()).toEqual(
      ['RESIDENT_NOT_VERIFIED', 'ROOM_NOT_FOUND', 'VALIDATION_FAILED', 'closed', 'free', 'past', 'taken'].sort(),
    );
  });
});
