import { In, type DataSource } from 'typeorm';
import { Activity, ActivitySignup } from '../../src/activities/activity.entity.js';
import { Booking, BookingSlot } from '../../src/bookings/booking.entity.js';
import { Notification } from '../../src/notifications/notification.entity.js';
import type { Room } from '../../src/rooms/room.entity.js';
import { User } from '../../src/users/user.entity.js';

const MINUTE = 60_000;

/** What the scheduled jobs of several server processes must each do once. */
export interface ScheduledWork {
  /** Residents with an overdue approved booking each (the no-show job's), three of them signed up for each activity. */
  users: User[];
  overdue: number[];
  /** Activities starting within the hour (the reminder job's). */
  reminded: Activity[];
  /** The community's verified residents, who now receive WeChat messages (the outbox's). */
  audience: User[];
}

/** Lays the work out before a run, so that the jobs' ticks fall during the load that follows. */
export async function layOutScheduledWork(
  ds: DataSource,
  users: User[],
  room: Room,
  label: string,
): Promise<ScheduledWork> {
  const communityId = room.communityId;
  const quarter = 15 * MINUTE;
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
      purpose: `${label}逾期未签到`,
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
  const reminded: Activity[] = [];
  for (let i = 0; i < 3; i++) {
    const startAt = new Date(Date.now() + (20 + i * 5) * MINUTE);
    const activity = await ds.getRepository(Activity).save({
      communityId,
      title: `${label}提醒${i}`,
      description: '',
      place: '社区广场',
      geoLatE6: null,
      geoLngE6: null,
      geoRadiusM: null,
      startAt,
      endAt: new Date(startAt.getTime() + 60 * MINUTE),
      signupDeadline: new Date(Date.now() - MINUTE),
      capacity: 10,
      signedUp: 3,
      status: 'published',
      reminderSentAt: null,
      settledAt: null,
      createdById: null,
    });
    await ds
      .getRepository(ActivitySignup)
      .insert(users.slice(i, i + 3).map((u) => ({ communityId, activityId: activity.id, userId: u.id })));
    reminded.push(activity);
  }
  const audience = await ds.getRepository(User).find({ where: { role: 'resident', status: 'verified', communityId } });
  for (const user of audience) await ds.getRepository(User).update(user.id, { openid: `openid-${user.phone}` });
  return { users, overdue, reminded, audience };
}

const remindersOf = async (ds: DataSource, work: ScheduledWork) =>
  (
    await ds.getRepository(Notification).findBy({ kind: 'activity_reminder', userId: In(work.users.map((u) => u.id)) })
  ).filter((n) => work.reminded.some((a) => n.body.includes(`「${a.title}」`)));

/** Every overdue booking marked no-show and at least one reminder per volunteer per activity sent. */
export async function noShowsAndRemindersDone(ds: DataSource, work: ScheduledWork): Promise<boolean> {
  const statuses = (await ds.getRepository(Booking).findBy({ id: In(work.overdue) })).map((b) => b.status);
  return statuses.every((s) => s === 'no_show') && (await remindersOf(ds, work)).length >= 3 * work.reminded.length;
}

/** Each no-show marked once (slots freed, booker told once) and each reminder sent once, whichever process ran it. */
export async function expectNoShowsAndRemindersOnce(ds: DataSource, work: ScheduledWork): Promise<void> {
  expect((await ds.getRepository(Booking).findBy({ id: In(work.overdue) })).map((b) => b.status)).toEqual(
    work.overdue.map(() => 'no_show'),
  );
  expect(await ds.getRepository(BookingSlot).countBy({ bookingId: In(work.overdue) })).toBe(0);
  const noShows = await ds
    .getRepository(Notification)
    .findBy({ userId: In(work.users.map((u) => u.id)), kind: 'booking_no_show' });
  expect(noShows.map((n) => n.userId).sort()).toEqual(work.users.map((u) => u.id).sort());
  const expected = work.reminded.flatMap((a, i) => work.users.slice(i, i + 3).map((u) => `${u.id} ${a.title}`)).sort();
  const titleOf = (body: string) => work.reminded.find((a) => body.includes(`「${a.title}」`))?.title;
  expect((await remindersOf(ds, work)).map((n) => `${n.userId} ${titleOf(n.body)}`).sort()).toEqual(expected);
}
