import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { GroupBookingResponse, GroupMemberView, GroupNoticeView, GroupRole } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { isoWeekOf } from '../bookings/bookings.rules.js';
import { BookingsService, type BookingBudget } from '../bookings/bookings.service.js';
import { refuse } from '../common/app-exception.js';
import type { TransactionSql } from '../database/transaction-sql.js';
import { runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import type { GroupBookingDto, GroupNoticeDto } from './dto/groups.dto.js';
import { fail, groupRoleOf, visibleGroup } from './group-access.js';
import { groupMembers } from './group-views.js';
import { GroupMember, GroupNotice } from './group.entity.js';
import { toGroupNoticeView } from './groups.mapper.js';
import { groupBudgetParams, groupBudgetSql, takeBookingTurnSql, type GroupBudgetRow } from './groups.queries.js';
import { checkAddLeader, checkGroupQuota, checkLead } from './groups.rules.js';

/** What a group's leaders do: add leaders, post notices, book rooms on the group's weekly quota. */
@Injectable()
export class GroupLeadersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bookings: BookingsService,
    private readonly notifications: NotificationsService,
  ) {}

  async addLeader(actor: User, id: number, userId: number): Promise<GroupMemberView[]> {
    return runTransaction(this.dataSource, async (manager) => {
      const group = await visibleGroup(manager, actor, id);
      const lead = checkLead(await groupRoleOf(manager, id, actor.id), group.status);
      if (lead) throw fail(lead);
      const refusal = checkAddLeader(await groupRoleOf(manager, id, userId));
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
      return groupMembers(manager, id);
    });
  }

  /** A leader's notice: kept on the group page and sent to every member's inbox (the author's too is skipped). */
  async postNotice(actor: User, id: number, body: GroupNoticeDto): Promise<GroupNoticeView> {
    return runTransaction(this.dataSource, async (manager) => {
      const group = await visibleGroup(manager, actor, id);
      const lead = checkLead(await groupRoleOf(manager, id, actor.id), group.status);
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
    const group = await visibleGroup(this.dataSource.manager, actor, id);
    const staff = actor.role !== 'resident';
    if (!staff) {
      const lead = checkLead(await groupRoleOf(this.dataSource.manager, id, actor.id), group.status);
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
}
