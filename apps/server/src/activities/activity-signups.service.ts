import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiShortTime, type ActivityView } from '@linli/shared-types';
import { DataSource, IsNull, MoreThan } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { isDuplicateKey, lockForUpdate, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import { loadVisible } from './activity-access.js';
import { Activity, ActivitySignup } from './activity.entity.js';
import { toActivityView } from './activities.mapper.js';
import { REMINDER_BEFORE_MS, checkCancelSignup, checkSignup } from './activities.rules.js';

/** Volunteers signing up and cancelling, and the reminder an hour before start. */
@Injectable()
export class ActivitySignupsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The place is taken by a conditional UPDATE (`signedUp < capacity`) in the same transaction as the sign-up row;
   * the unique (activityId, userId) key refuses a second sign-up. So concurrent sign-ups never exceed the capacity.
   */
  async signup(user: User, id: number): Promise<ActivityView> {
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const activity = await loadVisible(manager, user, id);
        if (await manager.existsBy(ActivitySignup, { activityId: id, userId: user.id }))
          throw refuse('ACTIVITY_ALREADY_SIGNED_UP');
        const refusal = checkSignup({ user, activity, now: this.clock.now() });
        if (refusal) throw refuse(refusal);
        const taken = await manager
          .createQueryBuilder()
          .update(Activity)
          .set({ signedUp: () => 'signedUp + 1' })
          .where("id = :id AND status = 'published' AND signedUp < capacity", { id })
          .execute();
        if (!taken.affected) throw refuse('ACTIVITY_FULL');
        await manager.insert(ActivitySignup, {
          communityId: activity.communityId,
          activityId: id,
          userId: user.id,
          checkedInAt: null,
          checkedOutAt: null,
          manualMinutes: null,
          manualReason: null,
          manualById: null,
          settledAt: null,
          creditedMinutes: null,
          transactionId: null,
        });
        const mine = await manager.findOneByOrFail(ActivitySignup, { activityId: id, userId: user.id });
        return toActivityView(await manager.findOneByOrFail(Activity, { id }), mine);
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('ACTIVITY_ALREADY_SIGNED_UP');
      throw error;
    }
  }

  async cancelSignup(user: User, id: number): Promise<ActivityView> {
    return runTransaction(this.dataSource, async (manager) => {
      const activity = await loadVisible(manager, user, id);
      const signup = await lockForUpdate(
        manager,
        manager
          .createQueryBuilder(ActivitySignup, 's')
          .where('s.activityId = :id AND s.userId = :userId', { id, userId: user.id }),
      ).getOne();
      if (!signup) throw refuse('ACTIVITY_NOT_SIGNED_UP');
      const refusal = checkCancelSignup(activity, signup, this.clock.now());
      if (refusal) throw refuse(refusal);
      const removed = await manager.delete(ActivitySignup, { id: signup.id, checkedInAt: IsNull() });
      if (!removed.affected) throw refuse('ACTIVITY_ALREADY_CHECKED_IN');
      await manager
        .createQueryBuilder()
        .update(Activity)
        .set({ signedUp: () => 'signedUp - 1' })
        .where('id = :id AND signedUp > 0', { id })
        .execute();
      return toActivityView(await manager.findOneByOrFail(Activity, { id }));
    });
  }

  /** Reminds the volunteers 1 h before start; each activity is claimed once (conditional UPDATE of reminderSentAt). */
  async sendReminders(): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(Activity).find({
      where: { status: 'published', reminderSentAt: IsNull(), startAt: MoreThan(now) },
      order: { startAt: 'ASC' },
      take: 100,
    });
    let sent = 0;
    for (const activity of due.filter((a) => a.startAt.getTime() - now.getTime() <= REMINDER_BEFORE_MS)) {
      const claimed = await runTransaction(this.dataSource, async (manager) => {
        const result = await manager.update(
          Activity,
          { id: activity.id, reminderSentAt: IsNull(), status: 'published' },
          { reminderSentAt: now },
        );
        if (!result.affected) return false;
        const signups = await manager.find(ActivitySignup, {
          select: { userId: true },
          where: { activityId: activity.id },
        });
        await this.notifications.notify(
          manager,
          signups.map((s) => s.userId),
          {
            communityId: activity.communityId,
            kind: 'activity_reminder',
            title: '志愿活动即将开始',
            body: `「${activity.title}」将于 ${shanghaiShortTime(activity.startAt)} 在 ${activity.place} 开始，请按时到场签到。`,
            link: `/packages/volunteer/pages/detail/index?id=${activity.id}`,
          },
        );
        return true;
      });
      if (claimed) sent++;
    }
    return sent;
  }
}
