import { shanghaiDate, shanghaiWeekStart } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { Booking, BookingSlot } from '../bookings/booking.entity.js';
import { occupiedCells } from '../bookings/bookings.rules.js';
import { CentreEvent, EventFeedback, EventSignup, EventThanks } from '../events/event.entity.js';
import { GroupMember, GroupNotice, InterestGroup } from '../groups/group.entity.js';
import { Room } from '../rooms/room.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import { groups, thanksWords, type DemoGroup } from './demo-centre.data.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

/** The local date of the given ISO weekday in the week `weeks` from now's (negative: past weeks). */
function weekdayDate(now: Date, weekday: number, weeks: number): string {
  const monday = shanghaiWeekStart(now).getTime();
  return shanghaiDate(new Date(monday + (weekday - 1) * DAY + weeks * WEEK));
}

/** What every part of the centre's seeding works in: community G at one moment. */
interface CentreSeeding {
  manager: EntityManager;
  now: Date;
  communityId: number;
  staff: User;
}

/** A demo group as seeded: its id, its people (the leader first) and the room it practises in. */
interface SeededGroup {
  groupId: number;
  leader: User;
  people: User[];
  room: Room;
}

/** A season of weekly bookings (six weeks back, eight ahead), past events with feedback and thanks, one event to come each. */
export async function seedDemoCentre(manager: EntityManager, now: Date): Promise<void> {
  const community = await manager.findOneByOrFail(Community, { code: 'G' });
  const users = new Map(
    (await manager.findBy(User, { communityId: community.id, role: 'resident' })).map((u) => [u.phone!, u]),
  );
  const rooms = new Map((await manager.findBy(Room, { communityId: community.id })).map((r) => [r.name, r]));
  const staff = await manager.findOneByOrFail(User, { communityId: community.id, role: 'staff' });
  const seeding: CentreSeeding = { manager, now, communityId: community.id, staff };
  let thanksIndex = 0;
  const nextThanks = () => thanksWords[thanksIndex++ % thanksWords.length];
  for (const [index, g] of groups.entries()) {
    const people = [users.get(g.leader)!, ...g.members.map((p) => users.get(p)!)];
    const groupId = await seedGroup(seeding, g, index, people);
    const group: SeededGroup = { groupId, leader: people[0], people, room: rooms.get(g.room)! };
    const bookingByWeek = await seedSeason(seeding, g, group);
    await seedPastEvents(seeding, g, group, bookingByWeek, nextThanks);
    await seedUpcomingEvent(seeding, g, group);
  }
  await seedStreetFeast(
    seeding,
    [...users.values()].filter((u) => u.status === 'verified'),
  );
}

/** The approved group with its people (the leader first), joined over the weeks since it was founded, and its latest notice. */
async function seedGroup(
  { manager, now, communityId, staff }: CentreSeeding,
  g: DemoGroup,
  index: number,
  people: User[],
): Promise<number> {
  const leader = people[0];
  const founded = new Date(now.getTime() - (60 + index * 10) * DAY);
  const groupId = (
    await manager.insert(InterestGroup, {
      communityId,
      name: g.name,
      kind: g.kind,
      description: g.description,
      memberCap: g.memberCap,
      memberCount: 1 + g.members.length,
      status: 'approved',
      declineReason: null,
      weeklyQuotaMinutes: 240,
      proposerId: leader.id,
      decidedById: staff.id,
      decidedAt: new Date(founded.getTime() + DAY),
      turn: 0,
      createdAt: founded,
    })
  ).identifiers[0].id as number;
  for (const [i, person] of people.entries()) {
    await manager.insert(GroupMember, {
      communityId,
      groupId,
      userId: person.id,
      role: i === 0 ? 'leader' : 'member',
      // Members joined one by one over the weeks: the report's "met someone new" has a history.
      createdAt: new Date(founded.getTime() + (i === 0 ? 0 : (i * 9 + 2) * DAY)),
    });
  }
  await manager.insert(GroupNotice, {
    communityId,
    groupId,
    authorId: leader.id,
    title: g.notice[0],
    body: g.notice[1],
    createdAt: new Date(now.getTime() - 2 * DAY),
  });

  return groupId;
}

/** The season: one booking a week; a week whose cells are already taken (another demo booking) is skipped. */
async function seedSeason(
  { manager, now, communityId }: CentreSeeding,
  g: DemoGroup,
  { groupId, leader, people, room }: SeededGroup,
): Promise<Map<number, number>> {
  const bookingByWeek = new Map<number, number>();
  for (let week = -6; week <= 8; week++) {
    const date = weekdayDate(now, g.weekday, week);
    const startAt = at(date, g.from);
    const endAt = at(date, g.to);
    if (startAt.getTime() < now.getTime() && endAt.getTime() > now.getTime()) continue;
    const cells = occupiedCells(startAt, endAt);
    if (await manager.countBy(BookingSlot, { roomId: room.id, slotStart: In(cells) })) continue;
    const past = endAt.getTime() <= now.getTime();
    const id = (
      await manager.insert(Booking, {
        communityId,
        roomId: room.id,
        userId: leader.id,
        startAt,
        endAt,
        minutes: (endAt.getTime() - startAt.getTime()) / 60_000,
        purpose: `${g.name}：${g.practice}`,
        attendees: people.length,
        status: past ? 'completed' : 'approved',
        staffBooking: false,
        groupId,
        reason: null,
        decidedById: null,
        decidedAt: null,
        checkedInAt: past ? new Date(startAt.getTime() - 5 * 60_000) : null,
        noShowAt: null,
        // Booked before it was used: a past practice was booked days ahead, not at seeding time.
        createdAt: new Date(Math.min(now.getTime(), startAt.getTime()) - 2 * DAY),
      })
    ).identifiers[0].id as number;
    if (!past)
      await manager.insert(
        BookingSlot,
        cells.map((slotStart) => ({ roomId: room.id, slotStart, bookingId: id })),
      );
    bookingByWeek.set(week, id);
  }

  return bookingByWeek;
}

/** Past events in the practice of the last weeks: members came, most left feedback, some thanked. */
async function seedPastEvents(
  { manager, now, communityId }: CentreSeeding,
  g: DemoGroup,
  { groupId, leader, people, room }: SeededGroup,
  bookingByWeek: Map<number, number>,
  nextThanks: () => string,
): Promise<void> {
  for (const [i, [title, moods]] of g.pastEvents.entries()) {
    const week = -(i + 1);
    const date = weekdayDate(now, g.weekday, week);
    const startAt = at(date, g.from);
    const endAt = at(date, g.to);
    if (endAt.getTime() > now.getTime()) continue;
    const attendees = people.slice(0, Math.min(people.length, moods.length + 1));
    const eventId = await insertHeldEvent(
      manager,
      {
        communityId,
        groupId,
        title,
        kind: g.kind,
        startAt,
        endAt,
        place: room.name,
        bookingId: bookingByWeek.get(week) ?? null,
        roomId: room.id,
        capacity: 20,
        organiserId: leader.id,
        createdAt: new Date(startAt.getTime() - 5 * DAY),
      },
      attendees.map((person, n) => ({
        userId: person.id,
        checkedInAt: new Date(startAt.getTime() + (n - 2) * 60_000),
        createdAt: new Date(startAt.getTime() - (4 - n / 10) * DAY),
      })),
    );
    for (const [n, mood] of moods.entries()) {
      const person = attendees[n + 1];
      if (!person) continue;
      await manager.insert(EventFeedback, {
        communityId,
        eventId,
        userId: person.id,
        mood,
        words:
          mood === 'bad' ? '场地有点挤，希望下次换个大一点的房间' : mood === 'good' ? '很开心，认识了新邻居' : null,
        createdAt: new Date(endAt.getTime() + (n + 1) * 3_600_000),
      });
    }
    const thanker = attendees[1];
    if (thanker) {
      await manager.insert(EventThanks, {
        communityId,
        eventId,
        fromUserId: thanker.id,
        toUserId: leader.id,
        words: nextThanks(),
        createdAt: new Date(endAt.getTime() + 2 * 3_600_000),
      });
    }
  }
}

/** One event to come, open for sign-up. */
async function seedUpcomingEvent(
  { manager, now, communityId }: CentreSeeding,
  g: DemoGroup,
  { groupId, leader, room }: SeededGroup,
): Promise<void> {
  const date = shanghaiDate(new Date(now.getTime() + g.upcoming.inDays * DAY));
  await manager.insert(CentreEvent, {
    communityId,
    groupId,
    title: g.upcoming.title,
    kind: g.kind,
    startAt: at(date, g.upcoming.hhmm[0]),
    endAt: at(date, g.upcoming.hhmm[1]),
    place: room.name,
    bookingId: null,
    roomId: null,
    capacity: g.upcoming.capacity,
    signedUp: 0,
    queueTurn: 0,
    membersOnly: g.upcoming.membersOnly,
    status: 'open',
    organiserId: leader.id,
  });
}

/** A community event run by staff a fortnight ago, open to all. */
async function seedStreetFeast({ manager, now, communityId, staff }: CentreSeeding, everyone: User[]): Promise<void> {
  const date = shanghaiDate(new Date(now.getTime() - 14 * DAY));
  const startAt = at(date, '18:30');
  const endAt = at(date, '20:30');
  const eventId = await insertHeldEvent(
    manager,
    {
      communityId,
      groupId: null,
      title: '邻里百家宴',
      kind: 'mutual_aid',
      startAt,
      endAt,
      place: '社区广场',
      bookingId: null,
      roomId: null,
      capacity: 60,
      organiserId: staff.id,
      createdAt: new Date(startAt.getTime() - 10 * DAY),
    },
    everyone.map((person, n) => ({
      userId: person.id,
      checkedInAt: startAt,
      createdAt: new Date(startAt.getTime() - (7 - n / 10) * DAY),
    })),
  );
  for (const [n, person] of everyone.entries()) {
    if (n % 2 === 0)
      await manager.insert(EventFeedback, {
        communityId,
        eventId,
        userId: person.id,
        mood: n % 4 === 0 ? 'good' : 'ok',
        words: n === 0 ? '各家拿手菜都尝到了，下次还要办！' : null,
        createdAt: new Date(endAt.getTime() + 3_600_000),
      });
  }
  await manager.insert(EventThanks, {
    communityId,
    eventId,
    fromUserId: everyone[0].id,
    toUserId: staff.id,
    words: '谢谢社区组织百家宴，邻居们都熟络了',
    createdAt: new Date(endAt.getTime() + 3_600_000),
  });
}

/** A past event open to all whose attendees, in the order given, each held a place and checked in. */
async function insertHeldEvent(
  manager: EntityManager,
  event: Pick<
    CentreEvent,
    | 'communityId'
    | 'groupId'
    | 'title'
    | 'kind'
    | 'startAt'
    | 'endAt'
    | 'place'
    | 'bookingId'
    | 'roomId'
    | 'capacity'
    | 'organiserId'
    | 'createdAt'
  >,
  attendees: Array<{ userId: number; checkedInAt: Date; createdAt: Date }>,
): Promise<number> {
  const eventId = (
    await manager.insert(CentreEvent, {
      ...event,
      signedUp: attendees.length,
      queueTurn: attendees.length,
      membersOnly: false,
      status: 'open',
    })
  ).identifiers[0].id as number;
  for (const [n, attendee] of attendees.entries())
    await manager.insert(EventSignup, {
      communityId: event.communityId,
      eventId,
      ...attendee,
      status: 'signed_up',
      queueNo: n + 1,
      promotedAt: null,
    });
  return eventId;
}
