import { In } from 'typeorm';
import { Booking, BookingSlot } from '../src/bookings/booking.entity.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { Room } from '../src/rooms/room.entity.js';
import { User } from '../src/users/user.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

/**
 * Two server processes on one database, each running its scheduler: every overdue approved booking is marked
 * no-show exactly once, its slots freed once, its booker notified once.
 */
describe(`two server processes on one ${testDatabaseKind} database`, () => {
  let first: TestApp;
  let second: TestApp;
  beforeAll(async () => {
    first = await startTestApp();
    second = await startTestApp({ sharedDatabase: first.db });
  }, 60_000);
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('mark each overdue booking no-show once', async () => {
    const users = await first.dataSource.getRepository(User).findBy({ phone: In(['13800000001', '13800000002', '13800000003', '13800000004', '13800000005', '13800000006']) });
    const room = await first.dataSource.getRepository(Room).findOneByOrFail({ communityId: users[0].communityId! });
    const quarter = 15 * 60_000;
    const base = Math.floor(Date.now() / quarter) * quarter - 2 * quarter;
    const ids: number[] = [];
    for (const [i, user] of users.entries()) {
      const startAt = new Date(base - i * 4 * quarter);
      const booking = await first.dataSource.getRepository(Booking).save({
        communityId: user.communityId!, roomId: room.id, userId: user.id, startAt, endAt: new Date(startAt.getTime() + 4 * quarter), minutes: 60,
        purpose: '逾期未签到', attendees: 2, status: 'approved', staffBooking: false, reason: null, decidedById: null, decidedAt: null, checkedInAt: null, noShowAt: null,
      });
      await first.dataSource.getRepository(BookingSlot).insert([0, 1, 2, 3].map((k) => ({ roomId: room.id, slotStart: new Date(startAt.getTime() + k * quarter), bookingId: booking.id })));
      ids.push(booking.id);
    }

    // Both schedulers tick every 30 s; wait for them to have run at least once each.
    const deadline = Date.now() + 80_000;
    let statuses: string[] = [];
    while (Date.now() < deadline) {
      statuses = (await first.dataSource.getRepository(Booking).findBy({ id: In(ids) })).map((b) => b.status);
      if (statuses.every((s) => s === 'no_show')) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    expect(statuses).toEqual(ids.map(() => 'no_show'));
    await new Promise((r) => setTimeout(r, 31_000)); // one more tick of each process: still nothing doubled

    expect(await first.dataSource.getRepository(BookingSlot).countBy({ bookingId: In(ids) })).toBe(0);
    const notices = await first.dataSource.getRepository(Notification).findBy({ userId: In(users.map((u) => u.id)), kind: 'booking_no_show' });
    expect(notices.map((n) => n.userId).sort()).toEqual(users.map((u) => u.id).sort());
  }, 150_000);
});
