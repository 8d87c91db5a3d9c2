import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  GROUP_DEFAULT_WEEKLY_QUOTA_MINUTES,
  groupKindLabels,
  type GroupBookingResponse,
  type GroupCalendarEntry,
  type GroupDetail,
  type GroupMemberView,
  type GroupNoticeView,
  type GroupRole,
  type GroupView,
  type Page,
  type Refusal,
} from '@linli/shared-types';
import { DataSource, In, MoreThan, MoreThanOrEqual, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { Booking } from '../bookings/booking.entity.js';
import { COUNTED } from '../bookings/bookings.queries.js';
import { isoWeekOf } from '../bookings/bookings.rules.js';
import { BookingsService, type BookingBudget } from '../bookings/bookings.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { TransactionSql } from '../database/transaction-sql.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { CentreEvent } from '../events/event.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Room } from '../rooms/room.entity.js';
import { User } from '../users/user.entity.js';
import type {
  CreateGroupDto,
  GroupBookingDto,
  GroupNoticeDto,
  GroupQueryDto,
  UpdateGroupDto,
} from './dto/groups.dto.js';
import { GroupMember, GroupNotice, InterestGroup } from './group.entity.js';
import { toCalendarEvent, toGroupMemberView, toGroupNoticeView, toGroupView } from './groups.mapper.js';
import { groupBudgetParams, groupBudgetSql, takeBookingTurnSql, type GroupBudgetRow } from './groups.queries.js';
import {
  canSee,
  checkAddLeader,
  checkDecision,
  checkGroupQuota,
  checkJoin,
  checkLead,
  checkLeave,
  checkPropose,
  seesInside,
} from './groups.rules.js';

const DAY = 86_400_000;
const CALENDAR_DAYS = 56;
const fail = (refusal: Refusal) => refuse(refusal.code);

/** Pending residents read notices and nothing else. */
function assertVerified(user: User): void {
  if (user.role === 'resident' && user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  // ---------- residents propose; staff decide ----------

  async propose(actor: User, body: CreateGroupDto): Promise<GroupView> {
    const refusal = checkPropose(actor);
    if (refusal) throw fail(refusal);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const id = (
          await manager.insert(InterestGroup, {
            communityId: actor.communityId!,
            name: body.name.trim(),
            kind: body.kind,
            description: body.description.trim(),
            memberCap: body.memberCap ?? null,
            memberCount: 1,
            status: 'proposed',
            declineReason: null,
            weeklyQuotaMinutes: GROUP_DEFAULT_WEEKLY_QUOTA_MINUTES,
            proposerId: actor.id,
            decidedById: null,
            decidedAt: null,
            turn: 0,
          })
        ).identifiers[0].id as number;
        await manager.insert(GroupMember, {
          communityId: actor.communityId!,
          groupId: id,
          userId: actor.id,
          role: 'leader',
        });
        return toGroupView(await manager.findOneByOrFail(InterestGroup, { id }), actor, 'leader');
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('GROUP_NAME_TAKEN');
      throw error;
    }
  }

  async approve(actor: User, id: number): Promise<GroupView> {
    return this.decide(actor, id, 'approved', null);
  }

  async decline(actor: User, id: number, reason: string): Promise<GroupView> {
    return this.decide(actor, id, 'declined', reason.trim());
  }

  private async decide(
    actor: User,
    id: number,
    to: 'approved' | 'declined',
    reason: string | null,
  ): Promise<GroupView> {
    return runTransaction(this.dataSource, async (manager) => {
      const group = await this.visible(manager, actor, id);
      const refusal = checkDecision(group.status);
      if (refusal) throw fail(refusal);
      const result = await manager.update(
        InterestGroup,
        { id, status: 'proposed' },
        { status: to, declineReason: reason, decidedById: actor.id, decidedAt: this.clock.now() },
      );
      if (!result.affected) throw refuse('GROUP_NOT_PROPOSED');
      await this.notifications.notify(manager, [group.proposerId], {
        communityId: group.communityId,
        kind: 'group_decision',
        title: to === 'approved' ? `兴趣小组「${group.name}」已成立` : `兴趣小组「${group.name}」未通过`,
        body:
          to === 'approved'
            ? '社区已通过您的兴趣小组申请，邻居们现在可以加入了。您是小组负责人，可以发通知、预约活动室。'
            : `社区未通过您的兴趣小组申请：${reason}`,
        link: `/packages/centre/pages/group/index?id=${id}`,
      });
      await this.audit.record(manager, {
        actor,
        communityId: group.communityId,
        action: to === 'approved' ? 'groups.approve' : 'groups.decline',
        targetType: 'group',
        targetId: id,
        summary: `${to === 'approved' ? '通过' : '未通过'}兴趣小组「${group.name}」（${groupKindLabels[group.kind]}）${reason ? `：${reason}` : ''}`,
      });
      return this.view(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }));
    });
  }

  /** Staff set the group's room minutes per week. */
  async update(actor: User, id: number, body: UpdateGroupDto): Promise<GroupView> {
    return runTransaction(this.dataSource, async (manager) => {
      const group = await this.visible(manager, actor, id);
      await manager.update(InterestGroup, { id }, { weeklyQuotaMinutes: body.weeklyQuotaMinutes });
      await this.audit.record(manager, {
        actor,
        communityId: group.communityId,
        action: 'groups.quota',
        targetType: 'group',
        targetId: id,
        summary: `兴趣小组「${group.name}」每周活动室时长 ${group.weeklyQuotaMinutes} → ${body.weeklyQuotaMinutes} 分钟`,
      });
      return this.view(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }));
    });
  }

  // ---------- reading ----------

  /** Residents: the approved groups of their community and their own; staff: every group of their scope. */
  async list(viewer: User, query: GroupQueryDto): Promise<Page<GroupView>> {
    assertVerified(viewer);
    const staff = viewer.role !== 'resident';
    const limit = query.limit ?? 50;
    const scope = staff ? communityScope(viewer, query.communityId) : viewer.communityId;
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(InterestGroup)
      .createQueryBuilder('g')
      .orderBy('g.id', 'DESC')
      .limit(limit + 1);
    if (scope !== null) qb.andWhere('g.communityId = :scope', { scope });
    if (query.status) qb.andWhere('g.status = :status', { status: query.status });
    if (!staff)
      qb.andWhere(
        "(g.status = 'approved' OR g.proposerId = :me OR g.id IN (SELECT m.groupId FROM group_members m WHERE m.userId = :me))",
        { me: viewer.id },
      );
    if (before) qb.andWhere('g.id < :before', { before });
    return this.page(viewer, await qb.getMany(), limit);
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
    return this.page(viewer, groups, groups.length);
  }

  async get(viewer: User, id: number): Promise<GroupDetail> {
    assertVerified(viewer);
    const manager = this.dataSource.manager;
    const group = await manager.findOneBy(InterestGroup, { id });
    const myRole = await this.roleOf(manager, id, viewer.id);
    if (!group || !canSee(viewer, group, myRole)) throw refuse('GROUP_NOT_FOUND');
    const card = await this.view(manager, viewer, group, myRole);
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
      this.members(manager, id),
      this.notices(manager, id),
      this.calendar(manager, id, now),
      this.weekMinutes(manager, id, now),
    ]);
    return { ...card, members, notices, calendar, weekMinutesUsed };
  }

  // ---------- joining and leaving ----------

  /** The member cap holds under any concurrency: the counter moves only by `WHERE memberCount < memberCap`. */
  async join(actor: User, id: number): Promise<GroupView> {
    assertVerified(actor);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const group = await this.visible(manager, actor, id);
        const refusal = checkJoin(actor, group.status, await this.roleOf(manager, id, actor.id));
        if (refusal) throw fail(refusal);
        const counted = await manager
          .createQueryBuilder()
          .update(InterestGroup)
          .set({ memberCount: () => 'memberCount + 1' })
          .where("id = :id AND status = 'approved' AND (memberCap IS NULL OR memberCount < memberCap)", { id })
          .execute();
        if (!counted.affected) throw refuse('GROUP_FULL');
        await manager.insert(GroupMember, {
          communityId: group.communityId,
          groupId: id,
          userId: actor.id,
          role: 'member',
        });
        return this.view(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }), 'member');
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('GROUP_ALREADY_MEMBER');
      throw error;
    }
  }

  async leave(actor: User, id: number): Promise<GroupView> {
    return runTransaction(this.dataSource, async (manager) => {
      // The group's row first: leaves (and joins) of one group take turns, so two last leaders cannot both leave.
      const turn = await manager
        .createQueryBuilder()
        .update(InterestGroup)
        .set({ memberCount: () => 'memberCount' })
        .where('id = :id', { id })
        .execute();
      if (!turn.affected) throw refuse('GROUP_NOT_FOUND');
      const group = await this.visible(manager, actor, id);
      const myRole = await this.roleOf(manager, id, actor.id);
      const leaders = await manager.countBy(GroupMember, { groupId: id, role: 'leader' });
      const refusal = checkLeave(myRole, leaders, group.memberCount);
      if (refusal) throw fail(refusal);
      const removed = await manager.delete(GroupMember, { groupId: id, userId: actor.id });
      if (!removed.affected) throw fail({ code: 'GROUP_NOT_MEMBER' });
      await manager
        .createQueryBuilder()
        .update(InterestGroup)
        .set({ memberCount: () => 'memberCount - 1' })
        .where('id = :id', { id })
        .execute();
      return this.view(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }), null);
    });
  }

  // ---------- leaders ----------

  async addLeader(actor: User, id: number, userId: number): Promise<GroupMemberView[]> {
    return runTransaction(this.dataSource, async (manager) => {
      const group = await this.visible(manager, actor, id);
      const lead = checkLead(await this.roleOf(manager, id, actor.id), group.status);
      if (lead) throw fail(lead);
      const refusal = checkAddLeader(await this.roleOf(manager, id, userId));
      if (refusal) throw fail(refusal);
      const result = await manager.update(GroupMember, { groupId: id, userId, role: 'member' }, { role: 'leader' });
      if (!result.affected) throw refuse('GROUP_ALREADY_LEADER');
      await this.notifications.notify(manager, [userId], {
        communityId: group.communityId,
        kind: 'group_notice',
        title: `您已成为「${group.name}」的负责人`,
        body: `${actor.name ?? '小组负责人'} 邀请您一起负责小组：发通知、预约活动室、组织活动。`,
        link: `/packages/centre/pages/group/index?id=${id}`,
      });
      return this.members(manager, id);
    });
  }

  /** A leader's notice: kept on the group page and sent to every member's inbox (the author's too is skipped). */
  async postNotice(actor: User, id: number, body: GroupNoticeDto): Promise<GroupNoticeView> {
    return runTransaction(this.dataSource, async (manager) => {
      const group = await this.visible(manager, actor, id);
      const lead = checkLead(await this.roleOf(manager, id, actor.id), group.status);
      if (lead) throw fail(lead);
      const noticeId = (
        await manager.insert(GroupNotice, {
          communityId: group.communityId,
          groupId: id,
          authorId: actor.id,
          title: body.title.trim(),
          body: body.body.trim(),
        })
      ).identifiers[0].id as number;
      const members = await manager.find(GroupMember, { select: { userId: true }, where: { groupId: id } });
      await this.notifications.notify(
        manager,
        members.map((m) => m.userId).filter((u) => u !== actor.id),
        {
          communityId: group.communityId,
          kind: 'group_notice',
          title: `「${group.name}」：${body.title.trim()}`,
          body: body.body.trim(),
          link: `/packages/centre/pages/group/index?id=${id}`,
        },
      );
      return toGroupNoticeView(await manager.findOneByOrFail(GroupNotice, { id: noticeId }), actor);
    });
  }

  /**
   * A leader books a room for the group through the booking rules (slot key, grid, notice, closures), weekly for
   * `weeks` weeks when asked; the minutes count against the group's weekly quota instead of the leader's own.
   */
  async book(actor: User, id: number, body: GroupBookingDto): Promise<GroupBookingResponse> {
    const group = await this.visible(this.dataSource.manager, actor, id);
    const staff = actor.role !== 'resident';
    if (!staff) {
      const lead = checkLead(await this.roleOf(this.dataSource.manager, id, actor.id), group.status);
      if (lead) throw fail(lead);
    }
    const budget: BookingBudget = {
      groupId: id,
      claim: async (sql: TransactionSql, startAt: Date, minutes: number) => {
        const turn = await sql.write(takeBookingTurnSql, [id]);
        if (!turn.affected) throw refuse('GROUP_NOT_APPROVED');
        const [row] = await sql.rows<GroupBudgetRow>(
          groupBudgetSql,
          groupBudgetParams(id, actor.id, isoWeekOf(startAt)),
        );
        if (!staff) {
          const lead = checkLead((row.myRole as GroupRole | null) ?? null, 'approved');
          if (lead) throw fail(lead);
        }
        const quota = checkGroupQuota(Number(row.weekMinutes), minutes, Number(row.weeklyQuotaMinutes));
        if (quota) throw fail(quota);
      },
    };
    const purpose = body.purpose.trim().startsWith(group.name) ? body.purpose : `${group.name}：${body.purpose.trim()}`;
    const result = await this.bookings.recurring(
      actor,
      { ...body, purpose: purpose.slice(0, 200), weeks: body.weeks ?? 1 },
      budget,
    );
    return result;
  }

  // ---------- helpers ----------

  /** The group, or 404 when the caller may not see it (another community's answers as missing). */
  async visible(manager: EntityManager, viewer: User, id: number): Promise<InterestGroup> {
    assertVerified(viewer);
    const group = await manager.findOneBy(InterestGroup, { id });
    if (!group) throw refuse('GROUP_NOT_FOUND');
    const myRole = viewer.role === 'resident' ? await this.roleOf(manager, id, viewer.id) : null;
    if (!canSee(viewer, group, myRole)) throw refuse('GROUP_NOT_FOUND');
    return group;
  }

  async roleOf(manager: EntityManager, groupId: number, userId: number): Promise<GroupRole | null> {
    const member = await manager.findOneBy(GroupMember, { groupId, userId });
    return member?.role ?? null;
  }

  private async members(manager: EntityManager, groupId: number): Promise<GroupMemberView[]> {
    const rows = await manager.find(GroupMember, { where: { groupId }, order: { id: 'ASC' }, take: 500 });
    const users = await this.users(
      manager,
      rows.map((m) => m.userId),
    );
    return rows
      .sort((a, b) => (a.role === b.role ? a.id - b.id : a.role === 'leader' ? -1 : 1))
      .map((m) => toGroupMemberView(m, users.get(m.userId)));
  }

  private async notices(manager: EntityManager, groupId: number): Promise<GroupNoticeView[]> {
    const rows = await manager.find(GroupNotice, { where: { groupId }, order: { id: 'DESC' }, take: 20 });
    const users = await this.users(
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

  private async users(manager: EntityManager, ids: number[]): Promise<Map<number, User>> {
    const unique = [...new Set(ids)];
    return new Map((unique.length ? await manager.findBy(User, { id: In(unique) }) : []).map((u) => [u.id, u]));
  }

  private async view(
    manager: EntityManager,
    viewer: User,
    group: InterestGroup,
    myRole?: GroupRole | null,
  ): Promise<GroupView> {
    const role = myRole === undefined ? await this.roleOf(manager, group.id, viewer.id) : myRole;
    const proposer = await manager.findOneBy(User, { id: group.proposerId });
    return toGroupView(group, proposer ?? undefined, role);
  }

  private async page(viewer: User, rows: InterestGroup[], limit: number): Promise<Page<GroupView>> {
    const manager = this.dataSource.manager;
    const ids = rows.map((g) => g.id);
    const mine = ids.length ? await manager.findBy(GroupMember, { userId: viewer.id, groupId: In(ids) }) : [];
    const roles = new Map(mine.map((m) => [m.groupId, m.role]));
    const users = await this.users(
      manager,
      rows.map((g) => g.proposerId),
    );
    return pageByDescendingId(rows, limit, (g) => toGroupView(g, users.get(g.proposerId), roles.get(g.id) ?? null));
  }
}
