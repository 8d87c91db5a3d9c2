import { shanghaiDate, shanghaiWeekStart, type GroupKind, type Mood } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { Booking, BookingSlot } from '../bookings/booking.entity.js';
import { occupiedCells } from '../bookings/bookings.rules.js';
import { CentreEvent, EventFeedback, EventSignup, EventThanks } from '../events/event.entity.js';
import { GroupMember, GroupNotice, InterestGroup } from '../groups/group.entity.js';
import { Room } from '../rooms/room.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';

const DAY = 86_400_000;
const WEEK = 7 * DAY;
const at = (date: string, hhmm: string) => new Date(`${date}T${hhmm}:00+08:00`);

interface DemoGroup {
  name: string;
  kind: GroupKind;
  description: string;
  memberCap: number | null;
  leader: string;
  /** Phones of the members besides the leader, in the order they joined. */
  members: string[];
  room: string;
  /** ISO weekday (1 = Monday) and local times of the weekly practice. */
  weekday: number;
  from: string;
  to: string;
  practice: string;
  notice: [string, string];
  /** A past event per week for the last weeks: title; moods of the attendees in member order. */
  pastEvents: Array<[string, Mood[]]>;
  upcoming: { title: string; capacity: number; membersOnly: boolean; inDays: number; hhmm: [string, string] };
}

/** The demo street's activity centre (PRODUCT.md "Demo data"): a choir, a calligraphy group and a chess club in G. */
const groups: DemoGroup[] = [
  {
    name: '幸福合唱团',
    kind: 'culture',
    description: '每周二下午在多功能厅练歌，唱红歌、民歌和流行老歌。不识谱也没关系，老团员一对一带。',
    memberCap: 40,
    leader: '13800000007',
    members: ['13800000005', '13800000003', '13800000001', '13800000006'],
    room: '多功能厅',
    weekday: 2,
    from: '15:00',
    to: '16:30',
    practice: '合唱团每周练习',
    notice: ['新年音乐会排练', '12 月起每周二加练半小时，准备新年音乐会的《我和我的祖国》，请大家带上歌本。'],
    pastEvents: [
      ['合唱团公开排练', ['good', 'good', 'ok']],
      ['《茉莉花》二声部学唱', ['good', 'good', 'good', 'ok']],
      ['合唱团迎新会', ['good', 'ok', 'good', 'good', 'bad']],
    ],
    upcoming: { title: '幸福合唱团新年音乐会', capacity: 40, membersOnly: false, inDays: 9, hhmm: ['15:00', '16:30'] },
  },
  {
    name: '墨香书法社',
    kind: 'culture',
    description: '楷书、行书入门与提高，每周四下午在书画室临帖交流，笔墨纸砚社区提供。',
    memberCap: 12,
    leader: '13800000004',
    members: ['13800000002', '13800000008', '13800000005'],
    room: '书画室',
    weekday: 4,
    from: '14:00',
    to: '16:00',
    practice: '书法社临帖交流',
    notice: ['写春联报名', '腊月里为社区孤寡老人写春联，想参加的邻居请在群里接龙。'],
    pastEvents: [
      ['书法作品小展', ['good', 'good']],
      ['楷书基本笔画讲解', ['good', 'ok', 'good']],
    ],
    upcoming: { title: '义写春联送邻里', capacity: 12, membersOnly: false, inDays: 16, hhmm: ['14:00', '16:00'] },
  },
  {
    name: '楚河汉界象棋社',
    kind: 'sport',
    description: '象棋爱好者以棋会友，每周六上午在棋牌室对弈，定期举办友谊赛。',
    memberCap: 16,
    leader: '13800000008',
    members: ['13800000006', '13800000002', '13800000004'],
    room: '棋牌室',
    weekday: 6,
    from: '09:00',
    to: '11:00',
    practice: '象棋社周末对弈',
    notice: ['友谊赛分组', '下周六与滨海社区象棋队友谊赛，抽签分组已贴在棋牌室门口。'],
    pastEvents: [
      ['象棋残局讲座', ['good', 'ok']],
      ['社区象棋擂台赛', ['good', 'good', 'bad', 'good']],
      ['老少棋友对弈', ['good', 'good', 'good']],
    ],
    upcoming: { title: '象棋社内部循环赛', capacity: 8, membersOnly: true, inDays: 4, hhmm: ['09:00', '11:00'] },
  },
];

const thanksWords = ['谢谢您耐心教我！', '有您组织，大家都很开心', '谢谢帮忙搬桌椅', '下次还一起来'];

/** The local date of the given ISO weekday in the week `weeks` from now's (negative: past weeks). */
function weekdayDate(now: Date, weekday: number, weeks: number): string {
  const monday = shanghaiWeekStart(now).getTime();
  return shanghaiDate(new Date(monday + (weekday - 1) * DAY + weeks * WEEK));
}

/** A season of weekly bookings (six weeks back, eight ahead), past events with feedback and thanks, one event to come each. */
export async function seedDemoCentre(manager: EntityManager, now: Date): Promise<void> {
  const community = await manager.findOneByOrFail(Community, { code: 'G' });
  const users = new Map(
    (await manager.findBy(User, { communityId: community.id, role: 'resident' })).map((u) => [u.phone!, u]),
  );
  const rooms = new Map((await manager.findBy(Room, { communityId: community.id })).map((r) => [r.name, r]));
  const staff = await manager.findOneByOrFail(User, { communityId: community.id, role: 'staff' });
  let thanksIndex = 0;

  for (const [index, g] of groups.entries()) {
    const leader = users.get(g.leader)!;
    const room = rooms.get(g.room)!;
    const founded = new Date(now.getTime() - (60 + index * 10) * DAY);
    const groupId = (
      await manager.insert(InterestGroup, {
        communityId: community.id,
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
    const people = [leader, ...g.members.map((p) => users.get(p)!)];
    for (const [i, person] of people.entries()) {
      await manager.insert(GroupMember, {
        communityId: community.id,
        groupId,
        userId: person.id,
        role: i === 0 ? 'leader' : 'member',
        // Members joined one by one over the weeks: the report's "met someone new" has a history.
        createdAt: new Date(founded.getTime() + (i === 0 ? 0 : (i * 9 + 2) * DAY)),
      });
    }
    await manager.insert(GroupNotice, {
      communityId: community.id,
      groupId,
      authorId: leader.id,
      title: g.notice[0],
      body: g.notice[1],
      createdAt: new Date(now.getTime() - 2 * DAY),
    });

    // The season: one booking a week; a week whose cells are already taken (another demo booking) is skipped.
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
          communityId: community.id,
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

    // Past events in the practice of the last weeks: members came, most left feedback, some thanked.
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
          communityId: community.id,
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
          communityId: community.id,
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
          communityId: community.id,
          eventId,
          fromUserId: thanker.id,
          toUserId: leader.id,
          words: thanksWords[thanksIndex++ % thanksWords.length],
          createdAt: new Date(endAt.getTime() + 2 * 3_600_000),
        });
      }
    }

    // One event to come, open for sign-up.
    const date = shanghaiDate(new Date(now.getTime() + g.upcoming.inDays * DAY));
    await manager.insert(CentreEvent, {
      communityId: community.id,
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

  // A community event run by staff a fortnight ago, open to all.
  const date = shanghaiDate(new Date(now.getTime() - 14 * DAY));
  const startAt = at(date, '18:30');
  const endAt = at(date, '20:30');
  const everyone = [...users.values()].filter((u) => u.status === 'verified');
  const eventId = await insertHeldEvent(
    manager,
    {
      communityId: community.id,
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
        communityId: community.id,
        eventId,
        userId: person.id,
        mood: n % 4 === 0 ? 'good' : 'ok',
        words: n === 0 ? '各家拿手菜都尝到了，下次还要办！' : null,
        createdAt: new Date(endAt.getTime() + 3_600_000),
      });
  }
  await manager.insert(EventThanks, {
    communityId: community.id,
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
