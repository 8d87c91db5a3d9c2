import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { SettleActivityResponse } from '@linli/shared-types';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { lockForUpdate, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { User } from '../users/user.entity.js';
import { loadVisible } from './activity-access.js';
import { Activity, ActivitySignup } from './activity.entity.js';
import { minutesToCredit, toActivityView } from './activities.mapper.js';
import { canSettle } from './activities.rules.js';

/** Settlement: each volunteer's minutes credited once from the community pool into the time bank. */
@Injectable()
export class SettlementService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /**
   * Credits each volunteer in a transaction of their own: claim the sign-up (`settledAt IS NULL` → now), post the
   * minutes from the community pool, notify. A second settle, concurrent or later, claims nothing and credits nothing.
   */
  async settle(actor: User, id: number): Promise<SettleActivityResponse> {
    const activity = await loadVisible(this.dataSource.manager, actor, id);
    const refusal = canSettle(activity, this.clock.now());
    if (refusal) throw refuse(refusal);
    const pending = await this.dataSource
      .getRepository(ActivitySignup)
      .find({ where: { activityId: id, settledAt: IsNull() }, order: { id: 'ASC' } });
    let credited = 0;
    let creditedMinutes = 0;
    for (const candidate of pending) {
      const minutes = await runTransaction(this.dataSource, (manager) =>
        this.settleOne(manager, actor, activity, candidate.id),
      );
      if (minutes !== null && minutes > 0) {
        credited++;
        creditedMinutes += minutes;
      }
    }
    const alreadySettled =
      (await this.dataSource.getRepository(ActivitySignup).countBy({ activityId: id })) - pending.length;
    await runTransaction(this.dataSource, async (manager) => {
      const moved = await manager.update(
        Activity,
        { id, status: 'published' },
        { status: 'settled', settledAt: this.clock.now() },
      );
      if (moved.affected || credited) {
        await this.audit.record(manager, {
          actor,
          communityId: activity.communityId,
          action: 'activities.settle',
          targetType: 'activity',
          targetId: id,
          summary: `结算志愿活动「${activity.title}」：${credited} 人，共 ${creditedMinutes} 分钟`,
        });
      }
    });
    const fresh = await this.dataSource.getRepository(Activity).findOneByOrFail({ id });
    return { activity: toActivityView(fresh), credited, creditedMinutes, alreadySettled };
  }

  /** One volunteer: null when another settlement claimed them first. */
  private async settleOne(
    manager: EntityManager,
    actor: User,
    activity: Activity,
    signupId: number,
  ): Promise<number | null> {
    // The claim is the first write: on MySQL it locks the row, and a concurrent settler waits and then finds it taken.
    const signup = await lockForUpdate(
      manager,
      manager.createQueryBuilder(ActivitySignup, 's').where('s.id = :signupId', { signupId }),
    ).getOneOrFail();
    if (signup.settledAt) return null;
    const minutes = minutesToCredit(activity, signup);
    const claimed = await manager.update(
      ActivitySignup,
      { id: signupId, settledAt: IsNull() },
      { settledAt: this.clock.now(), creditedMinutes: minutes },
    );
    if (!claimed.affected) return null;
    if (minutes <= 0) return 0;
    const volunteer = await manager.findOneByOrFail(User, { id: signup.userId });
    const account = await this.ledger.openAccount(manager, volunteer);
    const pool = await this.ledger.poolOf(manager, activity.communityId);
    const transaction = await this.ledger.post(manager, {
      kind: 'service_credit',
      communityId: activity.communityId,
      fromAccountId: pool.id,
      toAccountId: account.id,
      amount: minutes,
      memo: `志愿服务：${activity.title}`,
      reference: `activity:${activity.id}:user:${signup.userId}`,
      actorId: actor.id,
    });
    await manager.update(ActivitySignup, { id: signupId }, { transactionId: transaction.id });
    await this.notifications.notify(manager, [signup.userId], {
      communityId: activity.communityId,
      kind: 'credits_received',
      title: '时间积分已到账',
      body: `感谢参加「${activity.title}」，${minutes} 分钟服务时长已存入您的时间银行。`,
      link: '/packages/timebank/pages/index',
    });
    return minutes;
  }
}
