import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GroupCalendarEntry, GroupDetail, GroupNoticeView, GroupView, Page } from '@linli/shared-types';
import { DataSource, In, MoreThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { Booking } from '../bookings/booking.entity.js';
import { COUNTED } from '../bookings/bookings.queries.js';
import { isoWeekOf } from '../bookings/bookings.rules.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { newestFirst } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { CentreEvent } from '../events/event.entity.js';
import { Room } from '../rooms/room.entity.js';
import type { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import type { GroupQueryDto } from './dto/groups.dto.js';
import { assertVerified, groupRoleOf } from './group-access.js';
import { groupMembers, groupPage, groupView } from './group-views.js';
import { GroupMember, GroupNotice, InterestGroup } from './group.entity.js';
import { toCalendarEvent, toGroupNoticeView } from './groups.mapper.js';
import { canSee, seesInside } from './groups.rules.js';

const DAY = 86_400_000;
const CALENDAR_DAYS = 56;

/** Reading groups: the lists, and a group's page with its members, notices and calendar. */
@Injectable()
export class GroupReadsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Residents: the approved groups of their community and their own; staff: every group of their scope. */
  async list(viewer: User, query: GroupQueryDto): Promise<Page<GroupView>> {
    assertVerified(viewer);
    const staff = viewer.role !== 'resident';
    const limit = query.limit ?? 50;
    const scope = staff ? communityScope(viewer, query.communityId) : viewer.communityId;
    const qb = newestFirst(this.dataSource.getRepository(InterestGroup), 'g', { limit, cursor: query.cursor, scope });
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    if (!staff)
      qb.andWhere(
        "(g.status = 'approved' OR g.proposerId = :me OR g.id IN (SELECT m.groupId FROM group_members m WHERE m.userId = :me))",
        { me: viewer.id },
      );
    return groupPage(this.dataSource.manager, viewer, await qb.getMany(), limit);
  }

  /** The groups the caller belongs to. */
  async mine(viewer: User): Promise<Page<GroupView>> {
    const memberships = await this.dataSource
      .getRepository(GroupMember)
      .find({ where: { userId: viewer.id }, take: 100 });
    if (!memberships.length) return { items: [], nextCursor: null };
    const groups = await this.dataSource
      .getRepository(InterestGroup)
      .find({ where: { id: In(memberships.map((m) => m.groupId)) }, order: { id: 'DESC' } });
    return groupPage(this.dataSource.manager, viewer, groups, groups.length);
  }

  async get(viewer: User, id: number): Promise<GroupDetail> {
    assertVerified(viewer);
    const manager = this.dataSource.manager;
    const group = await manager.findOneBy(InterestGroup, { id });
    const myRole = await groupRoleOf(manager, id, viewer.id);
    if (!group || !canSee(viewer, group, myRole)) throw refuse('GROUP_NOT_FOUND');
    const card = await groupView(manager, viewer, group, myRole);
    const now = this.clock.now();
    if (!seesInside(viewer, myRole))
      return {
        ...card,
        members: null,
        notices: null,
        calendar: await this.openEvents(manager, id, now),
        weekMinutesUsed: null,
      };
    const [members, notices, calendar, weekMinutesUsed] = await Promise.all([
      groupMembers(manager, id),
      this.notices(manager, id),
      this.calendar(manager, id, now),
      this.weekMinutes(manager, id, now),
    ]);
    return { ...card, members, notices, calendar, weekMinutesUsed };
  }

  private async notices(manager: EntityManager, groupId: number): Promise<GroupNoticeView[]> {
    const rows = await manager.find(GroupNotice, { where: { groupId }, order: { id: 'DESC' }, take: 20 });
    const users = await usersById(
      manager,
      rows.map((n) => n.authorId),
    );
    return rows.map((n) => toGroupNoticeView(n, users.get(n.authorId)));
  }

  /** The group's room bookings and events from a week ago to eight weeks ahead, in time order. */
  private async calendar(manager: EntityManager, groupId: number, now: Date): Promise<GroupCalendarEntry[]> {
    const from = new Date(now.getTime() - 7 * DAY);
    const to = new Date(now.getTime() + CALENDAR_DAYS * DAY);
    const bookings = await manager.find(Booking, {
      where: {
        groupId,
        startAt: MoreThanOrEqual(from),
        status: In(['pending', 'approved', 'checked_in', 'completed']),
      },
      order: { startAt: 'ASC' },
      take: 200,
    });
    const rooms = new Map(
      (bookings.length ? await manager.findBy(Room, { id: In([...new Set(bookings.map((b) => b.roomId))]) }) : []).map(
        (r) => [r.id, r],
      ),
    );
    const events = await manager.find(CentreEvent, {
      where: { groupId, startAt: MoreThanOrEqual(from), status: 'open' },
      order: { startAt: 'ASC' },
      take: 200,
    });
    return [
      ...bookings
        .filter((b) => b.startAt < to)
        .map((b) => ({
          kind: 'booking' as const,
          id: b.id,
          title: b.purpose,
          place: rooms.get(b.roomId)?.name ?? '活动室',
          startAt: b.startAt.toISOString(),
          endAt: b.endAt.toISOString(),
          membersOnly: false,
        })),
      ...events.filter((e) => e.startAt < to).map(toCalendarEvent),
    ].sort((a, b) => a.startAt.localeCompare(b.startAt));
  }

  /** What a non-member sees of the calendar: the group's upcoming events open to all residents, not yet ended. */
  private async openEvents(manager: EntityManager, groupId: number, now: Date): Promise<GroupCalendarEntry[]> {
    const events = await manager.find(CentreEvent, {
      where: { groupId, endAt: MoreThan(now), status: 'open', membersOnly: false },
      order: { startAt: 'ASC', id: 'ASC' },
      take: 50,
    });
    return events.map(toCalendarEvent);
  }

  private async weekMinutes(manager: EntityManager, groupId: number, now: Date): Promise<number> {
    const week = isoWeekOf(now);
    const row = await manager
      .createQueryBuilder(Booking, 'b')
      .select('COALESCE(SUM(b.minutes), 0)', 'minutes')
      .where('b.groupId = :groupId AND b.status IN (:...counted) AND b.startAt >= :from AND b.startAt < :to', {
        groupId,
        counted: COUNTED,
        from: week.startAt,
        to: week.endAt,
      })
      .getRawOne<{ minutes: number | string }>();
    return Number(row?.minutes ?? 0);
  }
}
