import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { shanghaiShortTime, type ActivityView, type Page } from '@linli/shared-types';
import { DataSource, In } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { withCommunityNames } from '../tenancy/community-names.js';
import { runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import type { User } from '../users/user.entity.js';
import { assertNotPending, isStaff, loadVisible } from './activity-access.js';
import { Activity, ActivitySignup } from './activity.entity.js';
import { toActivityView } from './activities.mapper.js';
import { canTransition, checkActivityTimes, checkCancelActivity, isEditable } from './activities.rules.js';
import type { ActivityQueryDto, CreateActivityDto, UpdateActivityDto } from './dto/activities.dto.js';

/** Activities themselves: what each viewer may read, and staff creating, editing, publishing and calling them off. */
@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Residents see the published and settled activities of their community; staff see all of theirs. */
  async list(user: User, query: ActivityQueryDto): Promise<Page<ActivityView>> {
    assertNotPending(user);
    const limit = query.limit ?? 20;
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Activity)
      .createQueryBuilder('a')
      .orderBy('a.id', 'DESC')
      .limit(limit + 1);
    const scope = isStaff(user) ? communityScope(user, query.communityId) : user.communityId;
    if (scope !== null) qb.andWhere('a.communityId = :scope', { scope });
    else if (!isStaff(user)) return { items: [], nextCursor: null };
    if (!isStaff(user)) qb.andWhere('a.status IN (:...visible)', { visible: ['published', 'settled'] });
    if (query.status) qb.andWhere('a.status = :status', { status: query.status });
    if (before) qb.andWhere('a.id < :before', { before });
    const rows = await qb.getMany();
    const mine = rows.length
      ? await this.dataSource
          .getRepository(ActivitySignup)
          .findBy({ userId: user.id, activityId: In(rows.map((r) => r.id)) })
      : [];
    const byActivity = new Map(mine.map((s) => [s.activityId, s]));
    const page = pageByDescendingId(rows, limit, (a) => toActivityView(a, byActivity.get(a.id) ?? null));
    return isStaff(user) ? withCommunityNames(this.dataSource.manager, page) : page;
  }

  async get(user: User, id: number): Promise<ActivityView> {
    const activity = await loadVisible(this.dataSource.manager, user, id);
    const mine = await this.dataSource.getRepository(ActivitySignup).findOneBy({ activityId: id, userId: user.id });
    return toActivityView(activity, mine);
  }

  /** My sign-ups, soonest first, with check-in state. */
  async mine(user: User): Promise<Page<ActivityView>> {
    const signups = await this.dataSource
      .getRepository(ActivitySignup)
      .find({ where: { userId: user.id }, order: { id: 'DESC' }, take: 100 });
    if (!signups.length) return { items: [], nextCursor: null };
    const activities = await this.dataSource
      .getRepository(Activity)
      .find({ where: { id: In(signups.map((s) => s.activityId)) }, order: { startAt: 'DESC' } });
    const byActivity = new Map(signups.map((s) => [s.activityId, s]));
    return { items: activities.map((a) => toActivityView(a, byActivity.get(a.id) ?? null)), nextCursor: null };
  }

  // ---------- staff: create, edit, publish, cancel ----------

  async create(actor: User, body: CreateActivityDto): Promise<ActivityView> {
    const communityId = actor.communityId;
    if (communityId === null) throw refuse('FORBIDDEN');
    const times = {
      startAt: new Date(body.startAt),
      endAt: new Date(body.endAt),
      signupDeadline: new Date(body.signupDeadline),
    };
    const refusal = checkActivityTimes(times, this.clock.now());
    if (refusal) throw refuse(refusal);
    return runTransaction(this.dataSource, async (manager) => {
      const id = (
        await manager.insert(Activity, {
          communityId,
          title: body.title.trim(),
          description: body.description,
          place: body.place.trim(),
          ...geofenceColumns(body.geofence),
          ...times,
          capacity: body.capacity,
          signedUp: 0,
          status: 'draft',
          reminderSentAt: null,
          settledAt: null,
          createdById: actor.id,
        })
      ).identifiers[0].id as number;
      await this.audit.record(manager, {
        actor,
        communityId,
        action: 'activities.create',
        targetType: 'activity',
        targetId: id,
        summary: `创建志愿活动「${body.title.trim()}」${shanghaiShortTime(times.startAt)}`,
      });
      return toActivityView(await manager.findOneByOrFail(Activity, { id }));
    });
  }

  async update(actor: User, id: number, body: UpdateActivityDto): Promise<ActivityView> {
    return runTransaction(this.dataSource, async (manager) => {
      const activity = await loadVisible(manager, actor, id, true);
      if (!isEditable(activity.status)) throw refuse('ACTIVITY_NOT_EDITABLE');
      const next = {
        title: body.title?.trim() ?? activity.title,
        description: body.description ?? activity.description,
        place: body.place?.trim() ?? activity.place,
        ...(body.geofence !== undefined ? geofenceColumns(body.geofence) : {}),
        startAt: body.startAt ? new Date(body.startAt) : activity.startAt,
        endAt: body.endAt ? new Date(body.endAt) : activity.endAt,
        signupDeadline: body.signupDeadline ? new Date(body.signupDeadline) : activity.signupDeadline,
        capacity: body.capacity ?? activity.capacity,
      };
      if (body.startAt || body.endAt || body.signupDeadline) {
        const refusal = checkActivityTimes(next, this.clock.now());
        if (refusal) throw refuse(refusal);
      }
      if (next.capacity < activity.signedUp) throw refuse('ACTIVITY_CAPACITY_INVALID');
      // Moving the start re-arms the reminder.
      const reminder = next.startAt.getTime() !== activity.startAt.getTime() ? { reminderSentAt: null } : {};
      await manager.update(Activity, { id }, { ...next, ...reminder });
      await this.audit.record(manager, {
        actor,
        communityId: activity.communityId,
        action: 'activities.update',
        targetType: 'activity',
        targetId: id,
        summary: `修改志愿活动「${next.title}」：${Object.keys(body).join(', ')}`,
      });
      return toActivityView(await manager.findOneByOrFail(Activity, { id }));
    });
  }

  async publish(actor: User, id: number): Promise<ActivityView> {
    return runTransaction(this.dataSource, async (manager) => {
      const activity = await loadVisible(manager, actor, id);
      if (!canTransition(activity.status, 'published'))
        throw refuse(activity.status === 'published' ? 'ACTIVITY_NOT_DRAFT' : 'ACTIVITY_NOT_EDITABLE');
      if (activity.startAt <= this.clock.now()) throw refuse('ACTIVITY_TIME_INVALID');
      const result = await manager.update(Activity, { id, status: 'draft' }, { status: 'published' });
      if (!result.affected) throw refuse('ACTIVITY_NOT_DRAFT');
      await this.audit.record(manager, {
        actor,
        communityId: activity.communityId,
        action: 'activities.publish',
        targetType: 'activity',
        targetId: id,
        summary: `发布志愿活动「${activity.title}」`,
      });
      return toActivityView(await manager.findOneByOrFail(Activity, { id }));
    });
  }

  /** Calls the activity off; the volunteers signed up are told. Nothing was credited yet (that happens at settlement). */
  async cancel(actor: User, id: number, reason: string): Promise<ActivityView> {
    return runTransaction(this.dataSource, async (manager) => {
      const activity = await loadVisible(manager, actor, id, true);
      const refusal = checkCancelActivity(activity, this.clock.now());
      if (refusal) throw refuse(refusal);
      const result = await manager.update(Activity, { id, status: activity.status }, { status: 'cancelled' });
      if (!result.affected) throw refuse('ACTIVITY_NOT_EDITABLE');
      const signups = await manager.find(ActivitySignup, { select: { userId: true }, where: { activityId: id } });
      if (signups.length) {
        await this.notifications.notify(
          manager,
          signups.map((s) => s.userId),
          {
            communityId: activity.communityId,
            kind: 'activity_cancelled',
            title: '志愿活动已取消',
            body: `很抱歉，「${activity.title}」（${shanghaiShortTime(activity.startAt)}）已取消：${reason}`,
            link: `/packages/volunteer/pages/detail/index?id=${id}`,
          },
        );
      }
      await this.audit.record(manager, {
        actor,
        communityId: activity.communityId,
        action: 'activities.cancel',
        targetType: 'activity',
        targetId: id,
        summary: `取消志愿活动「${activity.title}」：${reason}`,
      });
      return toActivityView(await manager.findOneByOrFail(Activity, { id }));
    });
  }
}

function geofenceColumns(fence: { lat: number; lng: number; radiusM: number } | null | undefined) {
  if (!fence) return { geoLatE6: null, geoLngE6: null, geoRadiusM: null };
  return { geoLatE6: Math.round(fence.lat * 1e6), geoLngE6: Math.round(fence.lng * 1e6), geoRadiusM: fence.radiusM };
}
