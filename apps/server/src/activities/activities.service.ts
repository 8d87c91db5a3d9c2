import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type ActivityScanResponse,
  type ActivityView,
  type AttendancePurpose,
  type AttendanceSheet,
  insideGeofence,
  type LiveCodeView,
  type MyAttendanceView,
  type Page,
  type PersonalCodeView,
  type SettleActivityResponse,
  shanghaiShortTime,
} from '@linli/shared-types';
import { DataSource, In, IsNull, MoreThan, Not, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { AppException, conflict, forbidden, notFound, refused } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { isDuplicateKey, lockForUpdate, runTransaction } from '../database/transaction.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { TransactionSql } from '../database/transaction-sql.js';
import { User } from '../users/user.entity.js';
import { activityCode, parseActivityCode, personalCode, resolvePersonalCode } from './activity-codes.js';
import { Activity, ActivitySignup } from './activity.entity.js';
import { minutesToCredit, toActivityView, toAttendanceRow, toMyAttendanceView } from './activities.mapper.js';
import {
  activitySql,
  lockedSignupSql,
  setCheckedInSql,
  setCheckedOutSql,
  toActivity,
  toAttendanceSignup,
  type ActivityRow,
  type SignupRow,
} from './activities.queries.js';
import {
  REMINDER_BEFORE_MS,
  canSettle,
  canTransition,
  checkActivityTimes,
  checkCancelActivity,
  checkCancelSignup,
  checkSignup,
  codeStep,
  inCheckInWindow,
  inCheckOutWindow,
  isEditable,
  isValidManualMinutes,
  stepEndsAt,
  stepState,
} from './activities.rules.js';
import type {
  ActivityQueryDto,
  CreateActivityDto,
  ManualMinutesDto,
  RecordAttendanceDto,
  UpdateActivityDto,
} from './dto/activities.dto.js';

const isStaff = (user: User) => user.role !== 'resident';

/** Pending residents read notices and nothing else: the community's activities are for verified residents. */
function assertNotPending(user: User): void {
  if (!isStaff(user) && user.status !== 'verified') throw forbidden('RESIDENT_NOT_VERIFIED');
}

export interface ScanPosition {
  lat?: number;
  lng?: number;
  /** The activity and purpose the volunteer expects, when scanning from an activity's page. */
  activityId?: number;
  purpose?: AttendancePurpose;
}

@Injectable()
export class ActivitiesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'secret'>,
  ) {}

  // ---------- reading ----------

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
    return pageByDescendingId(rows, limit, (a) => toActivityView(a, byActivity.get(a.id) ?? null));
  }

  async get(user: User, id: number): Promise<ActivityView> {
    const activity = await this.visible(this.dataSource.manager, user, id);
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

  /** Another community's activity, or a draft shown to a resident, is answered as missing. */
  private async visible(manager: EntityManager, user: User, id: number, lock = false): Promise<Activity> {
    const qb = manager.createQueryBuilder(Activity, 'a').where('a.id = :id', { id });
    return this.assertVisible(user, await (lock ? lockForUpdate(manager, qb) : qb).getOne());
  }

  private assertVisible(user: User, activity: Activity | null): Activity {
    assertNotPending(user);
    if (!activity) throw notFound('ACTIVITY_NOT_FOUND');
    if (user.role !== 'admin' && activity.communityId !== user.communityId) throw notFound('ACTIVITY_NOT_FOUND');
    if (!isStaff(user) && activity.status === 'draft') throw notFound('ACTIVITY_NOT_FOUND');
    return activity;
  }

  // ---------- staff: create, edit, publish ----------

  async create(actor: User, body: CreateActivityDto): Promise<ActivityView> {
    const communityId = actor.communityId;
    if (communityId === null) throw forbidden();
    const times = {
      startAt: new Date(body.startAt),
      endAt: new Date(body.endAt),
      signupDeadline: new Date(body.signupDeadline),
    };
    const refusal = checkActivityTimes(times, this.clock.now());
    if (refusal) throw refused(refusal);
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
      const activity = await this.visible(manager, actor, id, true);
      if (!isEditable(activity.status)) throw refused('ACTIVITY_NOT_EDITABLE');
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
        if (refusal) throw refused(refusal);
      }
      if (next.capacity < activity.signedUp) throw refused('ACTIVITY_CAPACITY_INVALID');
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
      const activity = await this.visible(manager, actor, id);
      if (!canTransition(activity.status, 'published'))
        throw refused(activity.status === 'published' ? 'ACTIVITY_NOT_DRAFT' : 'ACTIVITY_NOT_EDITABLE');
      if (activity.startAt <= this.clock.now()) throw refused('ACTIVITY_TIME_INVALID');
      const result = await manager.update(Activity, { id, status: 'draft' }, { status: 'published' });
      if (!result.affected) throw refused('ACTIVITY_NOT_DRAFT');
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
      const activity = await this.visible(manager, actor, id, true);
      const refusal = checkCancelActivity(activity, this.clock.now());
      if (refusal) throw refused(refusal);
      const result = await manager.update(Activity, { id, status: activity.status }, { status: 'cancelled' });
      if (!result.affected) throw refused('ACTIVITY_NOT_EDITABLE');
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

  // ---------- volunteers: sign up, cancel ----------

  /**
   * The place is taken by a conditional UPDATE (`signedUp < capacity`) in the same transaction as the sign-up row;
   * the unique (activityId, userId) key refuses a second sign-up. So concurrent sign-ups never exceed the capacity.
   */
  async signup(user: User, id: number): Promise<ActivityView> {
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const activity = await this.visible(manager, user, id);
        if (await manager.existsBy(ActivitySignup, { activityId: id, userId: user.id }))
          throw conflict('ACTIVITY_ALREADY_SIGNED_UP');
        const refusal = checkSignup({ user, activity, now: this.clock.now() });
        if (refusal) throw refused(refusal);
        const taken = await manager
          .createQueryBuilder()
          .update(Activity)
          .set({ signedUp: () => 'signedUp + 1' })
          .where("id = :id AND status = 'published' AND signedUp < capacity", { id })
          .execute();
        if (!taken.affected) throw refused('ACTIVITY_FULL');
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
      if (isDuplicateKey(error)) throw conflict('ACTIVITY_ALREADY_SIGNED_UP');
      throw error;
    }
  }

  async cancelSignup(user: User, id: number): Promise<ActivityView> {
    return runTransaction(this.dataSource, async (manager) => {
      const activity = await this.visible(manager, user, id);
      const signup = await lockForUpdate(
        manager,
        manager
          .createQueryBuilder(ActivitySignup, 's')
          .where('s.activityId = :id AND s.userId = :userId', { id, userId: user.id }),
      ).getOne();
      if (!signup) throw refused('ACTIVITY_NOT_SIGNED_UP');
      const refusal = checkCancelSignup(activity, signup, this.clock.now());
      if (refusal) throw refused(refusal);
      const removed = await manager.delete(ActivitySignup, { id: signup.id, checkedInAt: IsNull() });
      if (!removed.affected) throw refused('ACTIVITY_ALREADY_CHECKED_IN');
      await manager
        .createQueryBuilder()
        .update(Activity)
        .set({ signedUp: () => 'signedUp - 1' })
        .where('id = :id AND signedUp > 0', { id })
        .execute();
      return toActivityView(await manager.findOneByOrFail(Activity, { id }));
    });
  }

  // ---------- rotating codes and attendance ----------

  async liveCode(actor: User, id: number, purpose: AttendancePurpose): Promise<LiveCodeView> {
    const activity = await this.visible(this.dataSource.manager, actor, id);
    if (activity.status !== 'published') throw refused('ACTIVITY_NOT_PUBLISHED');
    const step = codeStep(this.clock.now());
    const checkedIn = await this.dataSource
      .getRepository(ActivitySignup)
      .count({ where: { activityId: id, checkedInAt: Not(IsNull()) } });
    return {
      activityId: id,
      purpose,
      code: activityCode(this.config.secret, id, purpose, step),
      step,
      expiresAt: stepEndsAt(step).toISOString(),
      checkedIn,
    };
  }

  personalCode(user: User): PersonalCodeView {
    const step = codeStep(this.clock.now());
    return { ...personalCode(this.config.secret, user.id, step), step, expiresAt: stepEndsAt(step).toISOString() };
  }

  /** POST scan with an activity code: the caller checks in or out. */
  async scan(user: User, code: string, position: ScanPosition): Promise<ActivityScanResponse> {
    const parsed = parseActivityCode(this.config.secret, code);
    if (!parsed.valid) throw refused('ACTIVITY_CODE_FORGED');
    const state = stepState(parsed.step, codeStep(this.clock.now()));
    if (state === 'future') throw refused('ACTIVITY_CODE_FORGED');
    if (state === 'stale') throw refused('ACTIVITY_CODE_STALE');
    if (position.activityId !== undefined && position.activityId !== parsed.activityId)
      throw refused('ACTIVITY_CODE_WRONG_ACTIVITY');
    if (position.purpose !== undefined && position.purpose !== parsed.purpose)
      throw refused('ACTIVITY_CODE_WRONG_PURPOSE');
    const result = await runTransaction(this.dataSource, async (manager) => {
      const [row] = await new TransactionSql(manager).rows<ActivityRow>(activitySql, [parsed.activityId]);
      const activity = this.assertVisible(user, row ? toActivity(row) : null);
      const attendance = await this.attend(manager, activity, user.id, parsed.purpose, position);
      return { activity, attendance };
    });
    return {
      kind: parsed.purpose === 'checkin' ? 'activity_checkin' : 'activity_checkout',
      activity: toActivityView(result.activity, null),
      attendance: result.attendance,
    };
  }

  /** Staff record a volunteer's attendance from their personal code (the phone cannot scan). */
  async recordAttendance(actor: User, id: number, body: RecordAttendanceDto): Promise<MyAttendanceView> {
    return runTransaction(this.dataSource, async (manager) => {
      const activity = await this.visible(manager, actor, id);
      const signups = await manager.find(ActivitySignup, { select: { userId: true }, where: { activityId: id } });
      const step = codeStep(this.clock.now());
      const userId = resolvePersonalCode(
        this.config.secret,
        body.userCode,
        [step, step - 1],
        signups.map((s) => s.userId),
      );
      if (userId === null) throw refused('ACTIVITY_USER_CODE_INVALID');
      const attendance = await this.attend(manager, activity, userId, body.action, null);
      const volunteer = await manager.findOneBy(User, { id: userId });
      await this.audit.record(manager, {
        actor,
        communityId: activity.communityId,
        action: `activities.${body.action}`,
        targetType: 'activity',
        targetId: id,
        summary: `${body.action === 'checkin' ? '代为签到' : '代为签退'}：${volunteer?.name ?? userId}（个人码）`,
      });
      return attendance;
    });
  }

  /**
   * Checks a signed-up volunteer in or out. The first scan sets the time (a conditional UPDATE on the null column);
   * later scans change nothing and answer the same record. `position` null: staff recorded it, no geofence.
   * The sign-up is read with a lock (MySQL) before anything else: a concurrent scan of the same volunteer waits for
   * it, then reads the time that scan committed, so the answer is that row plus what this transaction writes.
   */
  private async attend(
    manager: EntityManager,
    activity: Activity,
    userId: number,
    purpose: AttendancePurpose,
    position: ScanPosition | null,
  ): Promise<MyAttendanceView> {
    if (activity.status !== 'published') throw refused('ACTIVITY_NOT_PUBLISHED');
    const sql = new TransactionSql(manager);
    const [row] = await sql.rows<SignupRow>(lockedSignupSql(sql.forUpdate), [activity.id, userId]);
    if (!row) throw refused('ACTIVITY_NOT_SIGNED_UP');
    const signup = toAttendanceSignup(row);
    const now = this.clock.now();
    if (purpose === 'checkin' && !inCheckInWindow(activity, now)) throw refused('ACTIVITY_OUTSIDE_CHECKIN_WINDOW');
    if (purpose === 'checkout' && !inCheckOutWindow(activity, now)) throw refused('ACTIVITY_OUTSIDE_CHECKOUT_WINDOW');
    if (position && activity.geoLatE6 !== null && activity.geoLngE6 !== null && activity.geoRadiusM !== null) {
      if (position.lat === undefined || position.lng === undefined) throw refused('ACTIVITY_LOCATION_REQUIRED');
      const fence = { lat: activity.geoLatE6 / 1e6, lng: activity.geoLngE6 / 1e6, radiusM: activity.geoRadiusM };
      if (!insideGeofence(fence, { lat: position.lat, lng: position.lng })) throw refused('ACTIVITY_OUTSIDE_GEOFENCE');
    }
    // The row is ours until commit: its conditional UPDATE cannot miss. If it ever did, fail rather than answer a time not stored.
    const setOnce = async (statement: string) => {
      if (!(await sql.write(statement, [now, signup.id])).affected)
        throw new Error(`sign-up ${signup.id} changed while locked`);
      return now;
    };
    if (purpose === 'checkin') {
      signup.checkedInAt ??= await setOnce(setCheckedInSql);
    } else {
      if (!signup.checkedInAt) throw refused('ACTIVITY_NOT_CHECKED_IN');
      signup.checkedOutAt ??= await setOnce(setCheckedOutSql);
    }
    return toMyAttendanceView(signup);
  }

  // ---------- settlement ----------

  async attendance(actor: User, id: number): Promise<AttendanceSheet> {
    const activity = await this.visible(this.dataSource.manager, actor, id);
    const signups = await this.dataSource
      .getRepository(ActivitySignup)
      .find({ where: { activityId: id }, order: { id: 'ASC' } });
    const users = signups.length
      ? await this.dataSource.getRepository(User).findBy({ id: In(signups.map((s) => s.userId)) })
      : [];
    const byId = new Map(users.map((u) => [u.id, u]));
    const rows = signups.map((s) => toAttendanceRow(activity, s, byId.get(s.userId)));
    return { activity: toActivityView(activity), rows, totalMinutes: rows.reduce((sum, r) => sum + r.minutes, 0) };
  }

  /** Minutes for a volunteer whose check-out is missing (or wrong), with a reason; recorded as manual and audited. */
  async setManualMinutes(actor: User, id: number, userId: number, body: ManualMinutesDto): Promise<AttendanceSheet> {
    await runTransaction(this.dataSource, async (manager) => {
      const activity = await this.visible(manager, actor, id);
      if (activity.status !== 'published') throw refused('ACTIVITY_MANUAL_NOT_ALLOWED');
      if (!isValidManualMinutes(body.minutes, activity)) throw new AppException('ACTIVITY_MANUAL_MINUTES_INVALID', 422);
      const result = await manager.update(
        ActivitySignup,
        { activityId: id, userId, settledAt: IsNull() },
        { manualMinutes: body.minutes, manualReason: body.reason.trim(), manualById: actor.id },
      );
      if (!result.affected) {
        if (await manager.existsBy(ActivitySignup, { activityId: id, userId }))
          throw refused('ACTIVITY_MANUAL_NOT_ALLOWED');
        throw notFound('ACTIVITY_NOT_SIGNED_UP');
      }
      const volunteer = await manager.findOneBy(User, { id: userId });
      await this.audit.record(manager, {
        actor,
        communityId: activity.communityId,
        action: 'activities.manual_minutes',
        targetType: 'activity',
        targetId: id,
        summary: `补录 ${volunteer?.name ?? userId} 服务时长 ${body.minutes} 分钟：${body.reason.trim()}`,
      });
    });
    return this.attendance(actor, id);
  }

  /**
   * Credits each volunteer in a transaction of their own: claim the sign-up (`settledAt IS NULL` → now), post the
   * minutes from the community pool, notify. A second settle, concurrent or later, claims nothing and credits nothing.
   */
  async settle(actor: User, id: number): Promise<SettleActivityResponse> {
    const activity = await this.visible(this.dataSource.manager, actor, id);
    const refusal = canSettle(activity, this.clock.now());
    if (refusal) throw refused(refusal);
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

  // ---------- reminders ----------

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

function geofenceColumns(fence: { lat: number; lng: number; radiusM: number } | null | undefined) {
  if (!fence) return { geoLatE6: null, geoLngE6: null, geoRadiusM: null };
  return { geoLatE6: Math.round(fence.lat * 1e6), geoLngE6: Math.round(fence.lng * 1e6), geoRadiusM: fence.radiusM };
}
