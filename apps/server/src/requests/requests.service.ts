import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  hoursText,
  type Page,
  requestCategoryLabels,
  type RequestAssignee,
  type RequestDetail,
  type RequestEventKind,
  type RequestSecondResponse,
  type RequestStats,
  type RequestView,
  shanghaiShortTime,
} from '@linli/shared-types';
import { DataSource, In, IsNull, LessThanOrEqual, Not, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { HelpRequestsService } from '../help-requests/help-requests.service.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { communityScope } from '../common/tenancy-scope.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { Upload } from '../uploads/upload.entity.js';
import { User } from '../users/user.entity.js';
import type {
  CreateRequestDto,
  ExtendRequestDto,
  RateRequestDto,
  ReferRequestDto,
  RequestFeedQueryDto,
  RequestHelpTaskDto,
  RequestQueueQueryDto,
  RequestStatsQueryDto,
} from './dto/requests.dto.js';
import {
  RequestCommunitySettings,
  RequestStreetSettings,
  ResidentRequest,
  ResidentRequestEvent,
  ResidentRequestSecond,
} from './request.entity.js';
import { toRequestDetail, toRequestEventView, toRequestView, type RequestContext } from './requests.mapper.js';
import {
  allowedFrom,
  autoCloseCutoff,
  checkExtension,
  checkHelpTask,
  checkRating,
  checkReopen,
  checkStatsRange,
  computeSlice,
  countSubmitted,
  defaultDeadlineSettings,
  defaultWeights,
  helpTaskOf,
  initialDeadlines,
  runningClock,
  stoppedClock,
  weeksOf,
  type CompositeWeights,
  type RequestAction,
  type RequestDeadlineSettings,
  type RequestStatsRecord,
} from './requests.rules.js';

const DAY = 86_400_000;
const link = (id: number) => `/packages/requests/pages/detail/index?id=${id}`;

/** Who may read a request: its submitter, staff of its community, admins, and verified neighbours if it is public. */
export function requestVisibleTo(
  viewer: User,
  r: Pick<ResidentRequest, 'userId' | 'communityId' | 'isPublic' | 'unreasonableState'>,
): boolean {
  if (viewer.role === 'admin') return true;
  if (viewer.role === 'staff') return viewer.communityId === r.communityId;
  if (r.userId === viewer.id) return true;
  return (
    r.isPublic &&
    r.unreasonableState !== 'confirmed' &&
    viewer.status === 'verified' &&
    viewer.communityId === r.communityId
  );
}

@Injectable()
export class RequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly helpRequests: HelpRequestsService,
  ) {}

  // ---- settings ----

  async deadlineSettings(manager: EntityManager, communityId: number): Promise<RequestDeadlineSettings> {
    const row = await manager.findOneBy(RequestCommunitySettings, { communityId });
    return row ?? defaultDeadlineSettings;
  }

  async weights(): Promise<CompositeWeights> {
    const row = await this.dataSource.getRepository(RequestStreetSettings).findOneBy({ id: 1 });
    if (!row) return defaultWeights;
    return {
      response: row.weightResponse / 1000,
      resolution: row.weightResolution / 1000,
      satisfaction: row.weightSatisfaction / 1000,
    };
  }

  // ---- resident ----

  async create(viewer: User, body: CreateRequestDto): Promise<RequestDetail> {
    if (viewer.role !== 'resident') throw refuse('FORBIDDEN');
    if (viewer.status !== 'verified' || viewer.communityId === null) throw refuse('RESIDENT_NOT_VERIFIED');
    const communityId = viewer.communityId;
    const id = await runTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      if (body.buildingId !== undefined) {
        const building = await manager.findOneBy(Building, { id: body.buildingId });
        if (!building || building.communityId !== communityId)
          throw refuse('REQUEST_BUILDING_INVALID', undefined, ['buildingId']);
      }
      const settings = await this.deadlineSettings(manager, communityId);
      const { acceptDueAt, resolveDueAt } = initialDeadlines(settings, now, body.urgent);
      const clock = runningClock(now, acceptDueAt);
      const inserted = await manager.insert(ResidentRequest, {
        communityId,
        userId: viewer.id,
        category: body.category,
        title: body.title.trim(),
        description: body.description.trim(),
        buildingId: body.buildingId ?? null,
        place: body.place?.trim() ?? null,
        lat: body.lat ?? null,
        lng: body.lng ?? null,
        urgent: body.urgent,
        isPublic: body.public,
        status: 'submitted',
        acceptDueAt,
        resolveDueAt,
        ...clock,
        phase: 1,
        yellowAlertedPhase: 0,
        redAlertedPhase: 0,
        seconds: 0,
        createdAt: now,
      });
      const requestId = Number(inserted.identifiers[0].id);
      await this.attachPhotos(manager, viewer, body.photoIds, requestId, null);
      await this.event(manager, requestId, 'submitted', viewer, null, now);
      await this.audit.record(manager, {
        actor: viewer,
        communityId,
        action: 'requests.submit',
        targetType: 'request',
        targetId: requestId,
        summary: `居民提交诉求（${requestCategoryLabels[body.category]}${body.urgent ? '，紧急' : ''}）：${body.title}`,
      });
      await this.notifyStaff(manager, communityId, null, {
        title: body.urgent ? '新的紧急诉求' : '新的居民诉求',
        body: `「${body.title.trim()}」待受理，请在 ${body.urgent ? settings.acceptHoursUrgent : settings.acceptHoursNormal} 小时内受理。`,
        link: link(requestId),
      });
      return requestId;
    });
    return this.detail(viewer, id);
  }

  async mine(viewer: User, query: RequestFeedQueryDto): Promise<Page<RequestView>> {
    const qb = this.dataSource
      .getRepository(ResidentRequest)
      .createQueryBuilder('r')
      .where('r.userId = :userId', { userId: viewer.id });
    return this.feed(viewer, qb, query);
  }

  /** Public requests of the caller's community (verified residents; staff see their community's). */
  async publicFeed(viewer: User, query: RequestFeedQueryDto): Promise<Page<RequestView>> {
    if (viewer.role === 'resident' && viewer.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    const qb = this.dataSource
      .getRepository(ResidentRequest)
      .createQueryBuilder('r')
      .where('r.isPublic = :pub', { pub: true })
      .andWhere('(r.unreasonableState IS NULL OR r.unreasonableState <> :confirmed)', { confirmed: 'confirmed' });
    const scope = viewer.role === 'admin' ? null : viewer.communityId;
    if (scope !== null) qb.andWhere('r.communityId = :scope', { scope });
    return this.feed(viewer, qb, query);
  }

  private async feed(
    viewer: User,
    qb: SelectQueryBuilder<ResidentRequest>,
    query: RequestFeedQueryDto,
  ): Promise<Page<RequestView>> {
    const limit = query.limit ?? 20;
    const before = decodeIdCursor(query.cursor);
    if (before) qb.andWhere('r.id < :before', { before });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.category) qb.andWhere('r.category = :category', { category: query.category });
    const rows = await qb
      .orderBy('r.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const ctx = await this.context(this.dataSource.manager, viewer, rows);
    return pageByDescendingId(rows, limit, (r) => toRequestView(r, ctx));
  }

  async detail(viewer: User, id: number): Promise<RequestDetail> {
    const manager = this.dataSource.manager;
    const r = await manager.findOneBy(ResidentRequest, { id });
    if (!r || !requestVisibleTo(viewer, r)) throw refuse('REQUEST_NOT_FOUND');
    return this.toDetail(manager, viewer, r);
  }

  private async toDetail(manager: EntityManager, viewer: User, r: ResidentRequest): Promise<RequestDetail> {
    const events = await manager.find(ResidentRequestEvent, { where: { requestId: r.id }, order: { id: 'ASC' } });
    const eventPhotos = await manager.find(Upload, {
      where: { requestId: r.id, requestEventId: Not(IsNull()) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const ctx = await this.context(
      manager,
      viewer,
      [r],
      events.map((e) => e.actorId).filter((a): a is number => a !== null),
    );
    // A neighbour reading a public request sees staff steps by name, never who of the residents raised or rated it.
    const neighbour = viewer.role === 'resident' && r.userId !== viewer.id;
    const timeline = events.map((e) => {
      const view = toRequestEventView(
        e,
        ctx.users,
        eventPhotos.filter((p) => p.requestEventId === e.id),
      );
      return neighbour && view.actor?.role === 'resident' ? { ...view, actor: null } : view;
    });
    return toRequestDetail(toRequestView(r, ctx), timeline);
  }

  /** 我也遇到: one per resident by the unique key; the count is an increment in the same transaction. */
  async second(viewer: User, id: number): Promise<RequestSecondResponse> {
    if (viewer.role !== 'resident') throw refuse('FORBIDDEN');
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const r = await manager.findOneBy(ResidentRequest, { id });
        if (!r || !requestVisibleTo(viewer, r)) throw refuse('REQUEST_NOT_FOUND');
        if (r.userId === viewer.id) throw refuse('REQUEST_SECOND_OWN');
        if (!r.isPublic) throw refuse('REQUEST_NOT_FOUND');
        await manager.insert(ResidentRequestSecond, { requestId: id, userId: viewer.id, createdAt: this.clock.now() });
        await manager
          .createQueryBuilder()
          .update(ResidentRequest)
          .set({ seconds: () => 'seconds + 1' })
          .where('id = :id', { id })
          .execute();
        const after = await manager.findOneByOrFail(ResidentRequest, { id });
        return { seconds: after.seconds, secondedByMe: true as const };
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('REQUEST_ALREADY_SECONDED');
      throw error;
    }
  }

  async rate(viewer: User, id: number, body: RateRequestDto): Promise<RequestDetail> {
    return this.write(viewer, id, 'owner', async (manager, r, now) => {
      const refusal = checkRating(r);
      if (refusal) throw refusal === 'REQUEST_ALREADY_RATED' ? refuse(refusal) : refuse(refusal);
      await this.move(manager, r, 'rate', {
        status: 'closed',
        ratedAt: now,
        ratingResolved: body.resolved,
        satisfaction: body.satisfaction,
        ratingComment: body.comment?.trim() || null,
        closedAt: now,
      });
      const label = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' }[body.satisfaction];
      await this.event(
        manager,
        r.id,
        'rated',
        viewer,
        `${body.resolved ? '已解决' : '未解决'}，${label}${body.comment?.trim() ? `：${body.comment.trim()}` : ''}`,
        now,
      );
      await this.audit.record(manager, {
        actor: viewer,
        communityId: r.communityId,
        action: 'requests.rate',
        targetType: 'request',
        targetId: r.id,
        summary: `居民评价诉求 #${r.id}：${body.resolved ? '已解决' : '未解决'}，${label}`,
      });
      if (r.assigneeId)
        await this.notifications.notify(manager, [r.assigneeId], {
          communityId: r.communityId,
          kind: 'request_status',
          title: '诉求已评价',
          body: `「${r.title}」居民评价：${body.resolved ? '已解决' : '未解决'}，${label}。`,
          link: link(r.id),
        });
    });
  }

  /** 重办: back to in_progress with a fresh resolution deadline; the earlier rating gives way to the next one. */
  async reopen(viewer: User, id: number, reason: string): Promise<RequestDetail> {
    return this.write(viewer, id, 'owner', async (manager, r, now) => {
      const refusal = checkReopen(r, now);
      if (refusal) throw refusal === 'REQUEST_STATE_CHANGED' ? refuse(refusal) : refuse(refusal);
      const settings = await this.deadlineSettings(manager, r.communityId);
      const resolveDueAt = new Date(now.getTime() + settings.resolveDays * DAY);
      await this.move(manager, r, 'reopen', {
        status: 'in_progress',
        reopenedAt: now,
        resolvedAt: null,
        closedAt: null,
        ratedAt: null,
        ratingResolved: null,
        satisfaction: null,
        ratingComment: null,
        resolveDueAt,
        ...runningClock(now, resolveDueAt),
        phase: r.phase + 1,
      });
      await this.event(manager, r.id, 'reopened', viewer, reason.trim(), now);
      await this.audit.record(manager, {
        actor: viewer,
        communityId: r.communityId,
        action: 'requests.reopen',
        targetType: 'request',
        targetId: r.id,
        summary: `居民申请重办诉求 #${r.id}：${reason.trim()}`,
      });
      await this.notifyStaff(manager, r.communityId, r.assigneeId, {
        title: '诉求申请重办',
        body: `「${r.title}」居民申请重办：${reason.trim()}`,
        link: link(r.id),
      });
    });
  }

  // ---- staff ----

  async queue(viewer: User, query: RequestQueueQueryDto): Promise<Page<RequestView>> {
    const limit = query.limit ?? 20;
    const offset = decodeOffset(query.cursor);
    const now = this.clock.now();
    const scope = communityScope(viewer, query.communityId);
    const qb = this.dataSource.getRepository(ResidentRequest).createQueryBuilder('r');
    if (scope !== null) qb.andWhere('r.communityId = :scope', { scope });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.category) qb.andWhere('r.category = :category', { category: query.category });
    if (query.assigneeId) qb.andWhere('r.assigneeId = :assigneeId', { assigneeId: query.assigneeId });
    if (query.unreasonable) qb.andWhere('r.unreasonableState = :unr', { unr: query.unreasonable });
    // The light of a running clock, in SQL (requests.rules lightOf): red past the deadline, yellow past yellowAt.
    if (query.light === 'red') qb.andWhere('r.deadlineAt IS NOT NULL AND r.deadlineAt < :now', { now });
    if (query.light === 'yellow')
      qb.andWhere('r.deadlineAt IS NOT NULL AND r.deadlineAt >= :now AND r.yellowAt <= :now', { now });
    if (query.light === 'green') qb.andWhere('r.deadlineAt IS NOT NULL AND r.yellowAt > :now', { now });
    // Open requests first, the most overdue (earliest deadline) first; then the rest, newest first.
    const rows = await qb
      .orderBy('CASE WHEN r.deadlineAt IS NULL THEN 1 ELSE 0 END', 'ASC')
      .addOrderBy('r.deadlineAt', 'ASC')
      .addOrderBy('r.id', 'DESC')
      .offset(offset)
      .limit(limit + 1)
      .getMany();
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const ctx = await this.context(this.dataSource.manager, viewer, shown);
    return { items: shown.map((r) => toRequestView(r, ctx)), nextCursor: more ? encodeOffset(offset + limit) : null };
  }

  /** Who may be named assignee (the same test accept applies): active staff of the community, by name. */
  async assignees(viewer: User, communityId?: number): Promise<Page<RequestAssignee>> {
    const scope = communityScope(viewer, communityId);
    const staff = await this.dataSource.getRepository(User).find({
      select: { id: true, name: true, username: true, communityId: true },
      where: { role: 'staff', status: Not('disabled'), ...(scope !== null ? { communityId: scope } : {}) },
      order: { communityId: 'ASC', id: 'ASC' },
    });
    return {
      items: staff
        .filter((s): s is User & { communityId: number } => s.communityId !== null)
        .map((s) => ({ id: s.id, name: s.name ?? s.username, communityId: s.communityId })),
      nextCursor: null,
    };
  }

  async accept(viewer: User, id: number, assigneeId?: number): Promise<RequestDetail> {
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('accept', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      const chosen = assigneeId ?? (viewer.role === 'staff' ? viewer.id : undefined);
      const assignee = chosen ? await manager.findOneBy(User, { id: chosen }) : null;
      if (
        !assignee ||
        assignee.role !== 'staff' ||
        assignee.communityId !== r.communityId ||
        assignee.status === 'disabled'
      )
        throw refuse('REQUEST_ASSIGNEE_INVALID', undefined, ['assigneeId']);
      await this.move(manager, r, 'accept', {
        status: 'accepted',
        assigneeId: assignee.id,
        acceptedAt: now,
        respondedAt: now,
        ...runningClock(r.createdAt, r.resolveDueAt),
        phase: r.phase + 1,
      });
      await this.event(
        manager,
        r.id,
        'accepted',
        viewer,
        `承办人：${assignee.name ?? assignee.username ?? assignee.id}`,
        now,
      );
      await this.staffAudit(
        manager,
        viewer,
        r,
        'requests.accept',
        `受理诉求 #${r.id}，承办人 ${assignee.name ?? assignee.id}`,
      );
      await this.notifyResident(
        manager,
        r,
        '诉求已受理',
        `「${r.title}」已受理，承办人：${assignee.name ?? '社区工作人员'}。`,
      );
      if (assignee.id !== viewer.id)
        await this.notifications.notify(manager, [assignee.id], {
          communityId: r.communityId,
          kind: 'request_status',
          title: '您有新的承办诉求',
          body: `「${r.title}」已分派给您，请在 ${r.resolveDueAt.toISOString().slice(0, 10)} 前办结。`,
          link: link(r.id),
        });
    });
  }

  async progress(viewer: User, id: number, note: string, photoIds?: string[]): Promise<RequestDetail> {
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('progress', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      if (r.status !== 'in_progress') await this.move(manager, r, 'progress', { status: 'in_progress' });
      const eventId = await this.event(manager, r.id, 'progress', viewer, note.trim(), now);
      await this.attachPhotos(manager, viewer, photoIds, r.id, eventId);
      await this.staffAudit(manager, viewer, r, 'requests.progress', `诉求 #${r.id} 处置进展：${note.trim()}`);
      await this.notifyResident(manager, r, '诉求处置进展', `「${r.title}」：${note.trim()}`);
    });
  }

  async resolve(viewer: User, id: number, resolution: string): Promise<RequestDetail> {
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('resolve', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      await this.move(manager, r, 'resolve', {
        status: 'resolved',
        resolvedAt: now,
        resolution: resolution.trim(),
        ...stoppedClock(r, now),
      });
      await this.event(manager, r.id, 'resolved', viewer, resolution.trim(), now);
      await this.staffAudit(manager, viewer, r, 'requests.resolve', `办结诉求 #${r.id}：${resolution.trim()}`);
      await this.notifyResident(
        manager,
        r,
        '诉求已办结',
        `「${r.title}」已办结：${resolution.trim()}。请对办理结果进行评价，7 天内不满意可申请重办。`,
      );
    });
  }

  async refer(viewer: User, id: number, body: ReferRequestDto): Promise<RequestDetail> {
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('refer', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      await this.move(manager, r, 'refer', {
        status: 'referred',
        referredTo: body.to.trim(),
        referReason: body.reason.trim(),
        referredAt: now,
        respondedAt: r.respondedAt ?? now,
        closedAt: now,
        ...stoppedClock(r, now),
      });
      await this.event(manager, r.id, 'referred', viewer, `转至 ${body.to.trim()}：${body.reason.trim()}`, now);
      await this.staffAudit(
        manager,
        viewer,
        r,
        'requests.refer',
        `转办诉求 #${r.id} 至 ${body.to.trim()}：${body.reason.trim()}`,
      );
      await this.notifyResident(
        manager,
        r,
        '诉求已转办',
        `「${r.title}」不属于社区职责范围，已转至 ${body.to.trim()}：${body.reason.trim()}`,
      );
    });
  }

  async extend(viewer: User, id: number, body: ExtendRequestDto): Promise<RequestDetail> {
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      const settings = await this.deadlineSettings(manager, r.communityId);
      const refusal = checkExtension(r, body.days, settings);
      if (refusal) throw refusal === 'REQUEST_STATE_CHANGED' ? refuse(refusal) : refuse(refusal);
      const resolveDueAt = new Date(r.resolveDueAt.getTime() + body.days * DAY);
      await this.move(manager, r, 'extend', {
        extensionDays: body.days,
        extensionReason: body.reason.trim(),
        resolveDueAt,
        ...runningClock(r.reopenedAt ?? r.createdAt, resolveDueAt),
        phase: r.phase + 1,
      });
      await this.event(manager, r.id, 'extended', viewer, `延期 ${body.days} 天：${body.reason.trim()}`, now);
      await this.staffAudit(
        manager,
        viewer,
        r,
        'requests.extend',
        `诉求 #${r.id} 延期 ${body.days} 天：${body.reason.trim()}`,
      );
      await this.notifyResident(
        manager,
        r,
        '诉求办理延期',
        `「${r.title}」延期 ${body.days} 天办理：${body.reason.trim()}`,
      );
    });
  }

  async markUnreasonable(viewer: User, id: number, reason: string): Promise<RequestDetail> {
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      if (r.unreasonableState !== null) throw refuse('REQUEST_ALREADY_UNREASONABLE');
      if (!allowedFrom('markUnreasonable', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      const result = await manager.update(
        ResidentRequest,
        { id: r.id, status: r.status, unreasonableState: IsNull() },
        { unreasonableState: 'marked', unreasonableReason: reason.trim(), unreasonableMarkedAt: now },
      );
      if (!result.affected) throw refuse('REQUEST_STATE_CHANGED');
      await this.event(manager, r.id, 'unreasonable_marked', viewer, reason.trim(), now);
      await this.staffAudit(
        manager,
        viewer,
        r,
        'requests.unreasonable',
        `标记诉求 #${r.id} 为不合理诉求：${reason.trim()}`,
      );
    });
  }

  /** An admin confirms a request marked unreasonable: it closes and leaves the rates. */
  async confirmUnreasonable(viewer: User, id: number): Promise<RequestDetail> {
    if (viewer.role !== 'admin') throw refuse('FORBIDDEN');
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      if (r.unreasonableState !== 'marked') throw refuse('REQUEST_NOT_MARKED_UNREASONABLE');
      const result = await manager.update(
        ResidentRequest,
        { id: r.id, status: r.status, unreasonableState: 'marked' },
        {
          unreasonableState: 'confirmed',
          unreasonableConfirmedAt: now,
          status: 'closed',
          closedAt: r.closedAt ?? now,
          ...(r.deadlineAt ? stoppedClock(r, now) : {}),
        },
      );
      if (!result.affected) throw refuse('REQUEST_STATE_CHANGED');
      await this.event(manager, r.id, 'unreasonable_confirmed', viewer, r.unreasonableReason, now);
      await this.staffAudit(manager, viewer, r, 'requests.unreasonable.confirm', `确认诉求 #${r.id} 为不合理诉求`);
      await this.notifyResident(
        manager,
        r,
        '诉求已关闭',
        `「${r.title}」经街道确认为不合理诉求，已关闭：${r.unreasonableReason ?? ''}`,
      );
    });
  }

  /**
   * 派给志愿者: a help task for the request's resident, paid from the community pool, made by the mutual-help feature
   * inside this transaction; the request links it (once, by a conditional update) and moves to in_progress.
   */
  async helpTask(viewer: User, id: number, body: RequestHelpTaskDto): Promise<RequestDetail> {
    return this.write(viewer, id, 'staff', async (manager, r, now) => {
      const refusal = checkHelpTask(r);
      if (refusal) throw refuse(refusal);
      const building = r.buildingId ? await manager.findOneBy(Building, { id: r.buildingId }) : null;
      const community = await manager.findOneByOrFail(Community, { id: r.communityId });
      const task = helpTaskOf(r, { buildingName: building?.name ?? null, communityName: community.name }, body, now);
      const help = await this.helpRequests.createPoolFundedTask(manager, viewer, { ...task, posterId: r.userId });
      const linked = await manager.update(
        ResidentRequest,
        { id: r.id, status: r.status, helpRequestId: IsNull() },
        { helpRequestId: help.id, status: 'in_progress' },
      );
      if (!linked.affected) throw refuse('REQUEST_STATE_CHANGED');
      const what = `互助任务「${task.title}」，${shanghaiShortTime(task.startAt)} 开始，约 ${task.minutes} 分钟，社区支付 ${hoursText(task.rewardMinutes)} 小时`;
      await this.event(manager, r.id, 'help_task', viewer, what, now);
      await this.staffAudit(manager, viewer, r, 'requests.help_task', `诉求 #${r.id} 派给志愿者：${what}`);
      await this.notifyResident(
        manager,
        r,
        '诉求已派给志愿者',
        `「${r.title}」已发布为邻里互助任务，志愿者接单后会与您联系。`,
      );
    });
  }

  // ---- scheduled ----

  /** Resolved requests without a rating close 7 days after resolution, once each whichever process runs the job. */
  async autoClose(limit = 100): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(ResidentRequest).find({
      select: { id: true },
      where: { status: 'resolved', resolvedAt: LessThanOrEqual(autoCloseCutoff(now)) },
      order: { resolvedAt: 'ASC' },
      take: limit,
    });
    let closed = 0;
    for (const { id } of due) {
      const done = await runTransaction(this.dataSource, async (manager) => {
        const claimed = await manager.update(
          ResidentRequest,
          { id, status: 'resolved', resolvedAt: LessThanOrEqual(autoCloseCutoff(now)) },
          { status: 'closed', closedAt: now },
        );
        if (!claimed.affected) return false;
        const r = await manager.findOneByOrFail(ResidentRequest, { id });
        await this.event(manager, id, 'closed', null, '办结 7 天未评价，自动关闭', now);
        await this.notifyResident(manager, r, '诉求已关闭', `「${r.title}」办结 7 天未评价，已自动关闭。`);
        return true;
      });
      if (done) closed++;
    }
    return closed;
  }

  /**
   * Yellow and red alerts to the assignee and the community's staff: each clock (phase) alerts once per colour,
   * claimed by a conditional update on the alerted phase, so two processes never both send it. A clock found
   * already red sends only the red alert.
   */
  async sendDeadlineAlerts(limit = 200): Promise<number> {
    const now = this.clock.now();
    const repo = this.dataSource.getRepository(ResidentRequest);
    const candidates = await repo
      .createQueryBuilder('r')
      .select(['r.id', 'r.phase'])
      .where('r.deadlineAt IS NOT NULL')
      .andWhere(
        '((r.yellowAt <= :now AND r.yellowAlertedPhase < r.phase) OR (r.deadlineAt < :now AND r.redAlertedPhase < r.phase))',
        { now },
      )
      .orderBy('r.deadlineAt', 'ASC')
      .take(limit)
      .getMany();
    let sent = 0;
    for (const { id } of candidates) {
      sent += await runTransaction(this.dataSource, async (manager) => {
        const r = await manager.findOneBy(ResidentRequest, { id });
        if (!r || !r.deadlineAt || !r.yellowAt) return 0;
        const red = r.deadlineAt.getTime() < now.getTime();
        const colour = red ? 'red' : 'yellow';
        if (red ? r.redAlertedPhase >= r.phase : r.yellowAlertedPhase >= r.phase || r.yellowAt > now) return 0;
        const claim = manager
          .createQueryBuilder()
          .update(ResidentRequest)
          .set(red ? { redAlertedPhase: r.phase, yellowAlertedPhase: r.phase } : { yellowAlertedPhase: r.phase })
          .where('id = :id AND phase = :phase', { id, phase: r.phase })
          .andWhere(red ? 'redAlertedPhase < :phase' : 'yellowAlertedPhase < :phase', { phase: r.phase });
        if (!(await claim.execute()).affected) return 0;
        const what = r.status === 'submitted' ? '受理' : '办结';
        await this.notifyStaff(manager, r.communityId, r.assigneeId, {
          title: colour === 'red' ? `诉求已超期未${what}` : `诉求即将超期`,
          body:
            colour === 'red'
              ? `「${r.title}」已超过${what}时限，请尽快处理。`
              : `「${r.title}」${what}时限已用去 80%，请在 ${shanghaiShortTime(r.deadlineAt)} 前${what}。`,
          link: link(r.id),
          kind: 'request_deadline',
        });
        return 1;
      });
    }
    return sent;
  }

  // ---- statistics ----

  async stats(viewer: User, query: RequestStatsQueryDto): Promise<RequestStats> {
    const now = this.clock.now();
    const to = query.to ? new Date(query.to) : now;
    const from = query.from ? new Date(query.from) : new Date(to.getTime() - 30 * DAY);
    const refusal = checkStatsRange(from, to);
    if (refusal) throw refuse(refusal, undefined, ['from', 'to']);
    const scope = communityScope(viewer, query.communityId);
    const qb = this.dataSource
      .getRepository(ResidentRequest)
      .createQueryBuilder('r')
      .where(
        '((r.createdAt >= :from AND r.createdAt < :to) OR (r.acceptDueAt >= :from AND r.acceptDueAt < :to)' +
          ' OR (r.acceptedAt >= :from AND r.acceptedAt < :to) OR (r.resolvedAt >= :from AND r.resolvedAt < :to)' +
          ' OR (r.ratedAt >= :from AND r.ratedAt < :to))',
        { from, to },
      );
    if (scope !== null) qb.andWhere('r.communityId = :scope', { scope });
    const rows = await qb.getMany();
    const records: RequestStatsRecord[] = rows;
    const weights = await this.weights();
    const redQb = this.dataSource
      .getRepository(ResidentRequest)
      .createQueryBuilder('r')
      .where('r.deadlineAt IS NOT NULL AND r.deadlineAt < :now', { now });
    if (scope !== null) redQb.andWhere('r.communityId = :scope', { scope });
    const communities =
      viewer.role === 'admin' && scope === null
        ? await this.dataSource.getRepository(Community).find({ order: { id: 'ASC' } })
        : [];
    const categories = [...new Set(records.map((r) => r.category))];
    return {
      from: from.toISOString(),
      to: to.toISOString(),
      weights,
      ...computeSlice(records, from, to, weights),
      ...countSubmitted(records, from, to),
      redNow: await redQb.getCount(),
      weeks: weeksOf(from, to).map((w) => ({
        weekStart: w.weekStart.toISOString(),
        ...computeSlice(records, w.from, w.to, weights),
      })),
      categories: categories.sort().map((category) => ({
        category,
        ...computeSlice(
          records.filter((r) => r.category === category),
          from,
          to,
          weights,
        ),
      })),
      communities: communities.map((c) => ({
        communityId: c.id,
        communityName: c.name,
        ...computeSlice(
          records.filter((r) => r.communityId === c.id),
          from,
          to,
          weights,
        ),
      })),
    };
  }

  // ---- helpers ----

  /**
   * One write: load the request inside the transaction, check who may act (owner: its submitter; staff: staff of
   * its community or an admin; another community's request or someone else's answers 404), run `work`, and answer
   * the request as it now stands.
   */
  private async write(
    viewer: User,
    id: number,
    who: 'owner' | 'staff',
    work: (manager: EntityManager, r: ResidentRequest, now: Date) => Promise<void>,
  ): Promise<RequestDetail> {
    if (who === 'staff' && viewer.role === 'resident') throw refuse('FORBIDDEN');
    if (who === 'owner' && viewer.role !== 'resident') throw refuse('FORBIDDEN');
    return runTransaction(this.dataSource, async (manager) => {
      const r = await manager.findOneBy(ResidentRequest, { id });
      const allowed =
        r &&
        (who === 'owner'
          ? r.userId === viewer.id
          : viewer.role === 'admin' || (viewer.role === 'staff' && viewer.communityId === r.communityId));
      if (!r || !allowed) throw refuse('REQUEST_NOT_FOUND');
      await work(manager, r, this.clock.now());
      const after = await manager.findOneByOrFail(ResidentRequest, { id });
      return this.toDetail(manager, viewer, after);
    });
  }

  /** The conditional update of a transition: only from the status read, else someone else got there first (409). */
  private async move(
    manager: EntityManager,
    r: ResidentRequest,
    action: RequestAction,
    changes: Partial<ResidentRequest>,
  ): Promise<void> {
    if (!allowedFrom(action, r.status)) throw refuse('REQUEST_STATE_CHANGED');
    const where =
      action === 'rate' ? { id: r.id, status: r.status, ratedAt: IsNull() } : { id: r.id, status: r.status };
    const result = await manager.update(ResidentRequest, where, changes);
    if (!result.affected) throw refuse(action === 'rate' ? 'REQUEST_ALREADY_RATED' : 'REQUEST_STATE_CHANGED');
    Object.assign(r, changes);
  }

  private async event(
    manager: EntityManager,
    requestId: number,
    kind: RequestEventKind,
    actor: Pick<User, 'id'> | null,
    note: string | null,
    at: Date,
  ): Promise<number> {
    const inserted = await manager.insert(ResidentRequestEvent, {
      requestId,
      kind,
      actorId: actor?.id ?? null,
      note: note?.slice(0, 2000) ?? null,
      createdAt: at,
    });
    return Number(inserted.identifiers[0].id);
  }

  /** Takes the caller's own, unused uploads; any other id refuses the whole write. */
  private async attachPhotos(
    manager: EntityManager,
    viewer: User,
    photoIds: string[] | undefined,
    requestId: number,
    eventId: number | null,
  ): Promise<void> {
    if (!photoIds?.length) return;
    const ids = [...new Set(photoIds)];
    const result = await manager.update(
      Upload,
      { id: In(ids), userId: viewer.id, requestId: IsNull() },
      { requestId, requestEventId: eventId },
    );
    if ((result.affected ?? 0) !== ids.length) throw refuse('REQUEST_PHOTO_INVALID', undefined, ['photoIds']);
  }

  private async staffAudit(
    manager: EntityManager,
    actor: User,
    r: ResidentRequest,
    action: string,
    summary: string,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor,
      communityId: r.communityId,
      action,
      targetType: 'request',
      targetId: r.id,
      summary,
    });
  }

  private async notifyResident(manager: EntityManager, r: ResidentRequest, title: string, body: string): Promise<void> {
    await this.notifications.notify(manager, [r.userId], {
      communityId: r.communityId,
      kind: 'request_status',
      title,
      body,
      link: link(r.id),
    });
  }

  /** The assignee (if any) and every active staff member of the community. */
  private async notifyStaff(
    manager: EntityManager,
    communityId: number,
    assigneeId: number | null,
    message: { title: string; body: string; link: string; kind?: 'request_status' | 'request_deadline' },
  ): Promise<void> {
    const staff = await manager.find(User, {
      select: { id: true },
      where: { communityId, role: 'staff', status: Not('disabled') },
    });
    const ids = [...new Set([...(assigneeId ? [assigneeId] : []), ...staff.map((s) => s.id)])];
    if (!ids.length) return;
    await this.notifications.notify(manager, ids, {
      communityId,
      kind: message.kind ?? 'request_status',
      title: message.title,
      body: message.body,
      link: message.link,
    });
  }

  /** Everything the mapper needs for these rows, in a few bulk reads. */
  private async context(
    manager: EntityManager,
    viewer: User,
    rows: ResidentRequest[],
    extraUserIds: number[] = [],
  ): Promise<RequestContext> {
    const now = this.clock.now();
    const ids = rows.map((r) => r.id);
    const userIds = [
      ...new Set([...rows.flatMap((r) => [r.userId, ...(r.assigneeId ? [r.assigneeId] : [])]), ...extraUserIds]),
    ];
    const users = userIds.length ? await manager.findBy(User, { id: In(userIds) }) : [];
    const buildingIds = [
      ...new Set(
        [...rows.map((r) => r.buildingId), ...users.map((u) => u.buildingId)].filter((b): b is number => b !== null),
      ),
    ];
    const buildings = buildingIds.length ? await manager.findBy(Building, { id: In(buildingIds) }) : [];
    const communityIds = [...new Set(rows.map((r) => r.communityId))];
    const communities = communityIds.length ? await manager.findBy(Community, { id: In(communityIds) }) : [];
    const photos = ids.length
      ? await manager.find(Upload, {
          where: { requestId: In(ids), requestEventId: IsNull() },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    const seconded =
      ids.length && viewer.role === 'resident'
        ? await manager.findBy(ResidentRequestSecond, { requestId: In(ids), userId: viewer.id })
        : [];
    const photoMap = new Map<number, Upload[]>();
    for (const p of photos) photoMap.set(p.requestId!, [...(photoMap.get(p.requestId!) ?? []), p]);
    return {
      viewer,
      now,
      communityNames: new Map(communities.map((c) => [c.id, c.name])),
      buildings: new Map(buildings.map((b) => [b.id, b])),
      users: new Map(users.map((u) => [u.id, u])),
      photos: photoMap,
      secondedByViewer: new Set(seconded.map((s) => s.requestId)),
    };
  }
}

function encodeOffset(offset: number): string {
  return Buffer.from(`o${offset}`).toString('base64url');
}

function decodeOffset(cursor: string | undefined): number {
  if (!cursor) return 0;
  const text = Buffer.from(cursor, 'base64url').toString();
  const offset = /^o\d{1,7}$/.test(text) ? Number(text.slice(1)) : NaN;
  if (!Number.isSafeInteger(offset)) throw refuse('VALIDATION_FAILED', '分页游标无效', ['cursor']);
  return offset;
}
