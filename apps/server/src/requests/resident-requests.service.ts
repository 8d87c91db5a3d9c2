import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  type Page,
  requestCategoryLabels,
  type RequestDetail,
  type RequestSecondResponse,
  type RequestView,
} from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Building } from '../tenancy/building.entity.js';
import { User } from '../users/user.entity.js';
import type { CreateRequestDto, RateRequestDto, RequestFeedQueryDto } from './dto/requests.dto.js';
import { DAY, requestLink, RequestRecords } from './request-records.js';
import { ResidentRequest, ResidentRequestSecond } from './request.entity.js';
import { checkRating, checkReopen, initialDeadlines, requestVisibleTo, runningClock } from './requests.rules.js';

/** The resident's side: raise a request, read one's own and the public feed, 我也遇到, rate and ask for a redo. */
@Injectable()
export class ResidentRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RequestRecords,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

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
      const settings = await this.records.deadlineSettings(manager, communityId);
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
      await this.records.attachPhotos(manager, viewer, body.photoIds, requestId, null);
      await this.records.event(manager, requestId, 'submitted', viewer, null, now);
      await this.audit.record(manager, {
        actor: viewer,
        communityId,
        action: 'requests.submit',
        targetType: 'request',
        targetId: requestId,
        summary: `居民提交诉求（${requestCategoryLabels[body.category]}${body.urgent ? '，紧急' : ''}）：${body.title}`,
      });
      await this.records.notifyStaff(manager, communityId, null, {
        title: body.urgent ? '新的紧急诉求' : '新的居民诉求',
        body: `「${body.title.trim()}」待受理，请在 ${body.urgent ? settings.acceptHoursUrgent : settings.acceptHoursNormal} 小时内受理。`,
        link: requestLink(requestId),
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
    return this.records.feed(viewer, qb, query);
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
    return this.records.feed(viewer, qb, query);
  }

  async detail(viewer: User, id: number): Promise<RequestDetail> {
    const manager = this.dataSource.manager;
    const r = await manager.findOneBy(ResidentRequest, { id });
    if (!r || !requestVisibleTo(viewer, r)) throw refuse('REQUEST_NOT_FOUND');
    return this.records.toDetail(manager, viewer, r);
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
    return this.records.write(viewer, id, 'owner', async (manager, r, now) => {
      const refusal = checkRating(r);
      if (refusal) throw refuse(refusal);
      await this.records.move(manager, r, 'rate', {
        status: 'closed',
        ratedAt: now,
        ratingResolved: body.resolved,
        satisfaction: body.satisfaction,
        ratingComment: body.comment?.trim() || null,
        closedAt: now,
      });
      const label = { satisfied: '满意', basically: '基本满意', dissatisfied: '不满意' }[body.satisfaction];
      await this.records.event(
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
          link: requestLink(r.id),
        });
    });
  }

  /** 重办: back to in_progress with a fresh resolution deadline; the earlier rating gives way to the next one. */
  async reopen(viewer: User, id: number, reason: string): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'owner', async (manager, r, now) => {
      const refusal = checkReopen(r, now);
      if (refusal) throw refuse(refusal);
      const settings = await this.records.deadlineSettings(manager, r.communityId);
      const resolveDueAt = new Date(now.getTime() + settings.resolveDays * DAY);
      await this.records.move(manager, r, 'reopen', {
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
      await this.records.event(manager, r.id, 'reopened', viewer, reason.trim(), now);
      await this.audit.record(manager, {
        actor: viewer,
        communityId: r.communityId,
        action: 'requests.reopen',
        targetType: 'request',
        targetId: r.id,
        summary: `居民申请重办诉求 #${r.id}：${reason.trim()}`,
      });
      await this.records.notifyStaff(manager, r.communityId, r.assigneeId, {
        title: '诉求申请重办',
        body: `「${r.title}」居民申请重办：${reason.trim()}`,
        link: requestLink(r.id),
      });
    });
  }
}
