import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { GROUP_DEFAULT_WEEKLY_QUOTA_MINUTES, groupKindLabels, type GroupView } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import type { CreateGroupDto, UpdateGroupDto } from './dto/groups.dto.js';
import { fail, visibleGroup } from './group-access.js';
import { groupView } from './group-views.js';
import { GroupMember, InterestGroup } from './group.entity.js';
import { toGroupView } from './groups.mapper.js';
import { checkDecision, checkPropose } from './groups.rules.js';

/** A group's life: residents propose, staff decide and set its room quota. */
@Injectable()
export class GroupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
      const group = await visibleGroup(manager, actor, id);
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
      return groupView(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }));
    });
  }

  /** Staff set the group's room minutes per week. */
  async update(actor: User, id: number, body: UpdateGroupDto): Promise<GroupView> {
    return runTransaction(this.dataSource, async (manager) => {
      const group = await visibleGroup(manager, actor, id);
      await manager.update(InterestGroup, { id }, { weeklyQuotaMinutes: body.weeklyQuotaMinutes });
      await this.audit.record(manager, {
        actor,
        communityId: group.communityId,
        action: 'groups.quota',
        targetType: 'group',
        targetId: id,
        summary: `兴趣小组「${group.name}」每周活动室时长 ${group.weeklyQuotaMinutes} → ${body.weeklyQuotaMinutes} 分钟`,
      });
      return groupView(manager, actor, await manager.findOneByOrFail(InterestGroup, { id }));
    });
  }
}
