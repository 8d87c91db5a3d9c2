import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  insideGeofence,
  type ActivityScanResponse,
  type AttendancePurpose,
  type AttendanceSheet,
  type LiveCodeView,
  type MyAttendanceView,
  type PersonalCodeView,
} from '@linli/shared-types';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { lockForUpdate, runTransaction } from '../database/transaction.js';
import { User } from '../users/user.entity.js';
import { activityCode, parseActivityCode, personalCode, resolvePersonalCode } from './activity-codes.js';
import { assertVisible, loadVisible } from './activity-access.js';
import { Activity, ActivitySignup } from './activity.entity.js';
import { toActivityView, toAttendanceRow, toMyAttendanceView } from './activities.mapper.js';
import {
  codeStep,
  inCheckInWindow,
  inCheckOutWindow,
  isValidManualMinutes,
  stepEndsAt,
  stepState,
} from './activities.rules.js';
import type { ManualMinutesDto, RecordAttendanceDto } from './dto/activities.dto.js';

export interface ScanPosition {
  lat?: number;
  lng?: number;
  /** The activity and purpose the volunteer expects, when scanning from an activity's page. */
  activityId?: number;
  purpose?: AttendancePurpose;
}

/** Rotating codes, check-in and check-out (scanned or recorded by staff), the attendance sheet and manual minutes. */
@Injectable()
export class AttendanceService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'secret'>,
  ) {}

  async liveCode(actor: User, id: number, purpose: AttendancePurpose): Promise<LiveCodeView> {
    const activity = await loadVisible(this.dataSource.manager, actor, id);
    if (activity.status !== 'published') throw refuse('ACTIVITY_NOT_PUBLISHED');
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
    if (!parsed.valid) throw refuse('ACTIVITY_CODE_FORGED');
    const state = stepState(parsed.step, codeStep(this.clock.now()));
    if (state === 'future') throw refuse('ACTIVITY_CODE_FORGED');
    if (state === 'stale') throw refuse('ACTIVITY_CODE_STALE');
    if (position.activityId !== undefined && position.activityId !== parsed.activityId)
      throw refuse('ACTIVITY_CODE_WRONG_ACTIVITY');
    if (position.purpose !== undefined && position.purpose !== parsed.purpose)
      throw refuse('ACTIVITY_CODE_WRONG_PURPOSE');
    const result = await runTransaction(this.dataSource, async (manager) => {
      const activity = assertVisible(user, await manager.findOneBy(Activity, { id: parsed.activityId }));
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
      const activity = await loadVisible(manager, actor, id);
      const signups = await manager.find(ActivitySignup, { select: { userId: true }, where: { activityId: id } });
      const step = codeStep(this.clock.now());
      const userId = resolvePersonalCode(
        this.config.secret,
        body.userCode,
        [step, step - 1],
        signups.map((s) => s.userId),
      );
      if (userId === null) throw refuse('ACTIVITY_USER_CODE_INVALID');
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
    if (activity.status !== 'published') throw refuse('ACTIVITY_NOT_PUBLISHED');
    const signup = await lockForUpdate(
      manager,
      manager
        .getRepository(ActivitySignup)
        .createQueryBuilder('s')
        .where('s.activityId = :activityId AND s.userId = :userId', { activityId: activity.id, userId }),
    ).getOne();
    if (!signup) throw refuse('ACTIVITY_NOT_SIGNED_UP');
    const now = this.clock.now();
    if (purpose === 'checkin' && !inCheckInWindow(activity, now)) throw refuse('ACTIVITY_OUTSIDE_CHECKIN_WINDOW');
    if (purpose === 'checkout' && !inCheckOutWindow(activity, now)) throw refuse('ACTIVITY_OUTSIDE_CHECKOUT_WINDOW');
    if (position && activity.geoLatE6 !== null && activity.geoLngE6 !== null && activity.geoRadiusM !== null) {
      if (position.lat === undefined || position.lng === undefined) throw refuse('ACTIVITY_LOCATION_REQUIRED');
      const fence = { lat: activity.geoLatE6 / 1e6, lng: activity.geoLngE6 / 1e6, radiusM: activity.geoRadiusM };
      if (!insideGeofence(fence, { lat: position.lat, lng: position.lng })) throw refuse('ACTIVITY_OUTSIDE_GEOFENCE');
    }
    // The row is ours until commit: its conditional UPDATE cannot miss. If it ever did, fail rather than answer a time not stored.
    const setOnce = async (column: 'checkedInAt' | 'checkedOutAt') => {
      const result = await manager.update(ActivitySignup, { id: signup.id, [column]: IsNull() }, { [column]: now });
      if (!result.affected) throw new Error(`sign-up ${signup.id} changed while locked`);
      return now;
    };
    if (purpose === 'checkin') {
      signup.checkedInAt ??= await setOnce('checkedInAt');
    } else {
      if (!signup.checkedInAt) throw refuse('ACTIVITY_NOT_CHECKED_IN');
      signup.checkedOutAt ??= await setOnce('checkedOutAt');
    }
    return toMyAttendanceView(signup);
  }

  async attendance(actor: User, id: number): Promise<AttendanceSheet> {
    const activity = await loadVisible(this.dataSource.manager, actor, id);
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
      const activity = await loadVisible(manager, actor, id);
      if (activity.status !== 'published') throw refuse('ACTIVITY_MANUAL_NOT_ALLOWED');
      if (!isValidManualMinutes(body.minutes, activity)) throw refuse('ACTIVITY_MANUAL_MINUTES_INVALID');
      const result = await manager.update(
        ActivitySignup,
        { activityId: id, userId, settledAt: IsNull() },
        { manualMinutes: body.minutes, manualReason: body.reason.trim(), manualById: actor.id },
      );
      if (!result.affected) {
        if (await manager.existsBy(ActivitySignup, { activityId: id, userId }))
          throw refuse('ACTIVITY_MANUAL_NOT_ALLOWED');
        throw refuse('ACTIVITY_NOT_SIGNED_UP');
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
}
