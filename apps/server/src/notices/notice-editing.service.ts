import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NoticeSummary, NoticeView, Page, Refusal } from '@linli/shared-types';
import { DataSource, In, Not, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { assertInCommunity, communityOfNewRecord, communityScope } from '../common/tenancy-scope.js';
import { runTransaction } from '../database/transaction.js';
import { wechatTime } from '../notifications/notifications.rules.js';
import { Building } from '../tenancy/building.entity.js';
import { withCommunityNames } from '../tenancy/community-names.js';
import type { User } from '../users/user.entity.js';
import type { CreateNoticeDto, NoticeManageQueryDto, UpdateNoticeDto } from './dto/notices.dto.js';
import { Notice, NoticeBuilding } from './notice.entity.js';
import { NoticeAudience } from './notice-audience.service.js';
import { NoticeUnread } from './notice-unread.js';
import { toNoticeSummary, toNoticeView } from './notices.mapper.js';
import { NOTICE_LIST_COLUMNS } from './notices.queries.js';
import {
  checkBodySize,
  checkNoticeTimes,
  checkTransition,
  effectivePublishAt,
  excerptOf,
  noticeStatusAt,
  type NoticeAction,
} from './notices.rules.js';

const fail = (refusal: Refusal) => refuse(refusal.code);
const toDate = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

/**
 * Staff write notices: the list they manage, drafting, editing, publishing (now or scheduled) and archiving. Each
 * change of what a community sees makes its residents' unread counts stale in the same transaction (notice-unread.ts).
 */
@Injectable()
export class NoticeEditingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly audience: NoticeAudience,
    private readonly unread: NoticeUnread,
    private readonly clock: Clock,
  ) {}

  async manage(viewer: User, query: NoticeManageQueryDto): Promise<Page<NoticeSummary>> {
    const limit = query.limit ?? 20;
    const now = this.clock.now();
    const scope = communityScope(viewer, query.communityId);
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Notice)
      .createQueryBuilder('n')
      .select(NOTICE_LIST_COLUMNS)
      .orderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (scope !== null) qb.andWhere('n.communityId = :scope', { scope });
    if (before) qb.andWhere('n.id < :before', { before });
    if (query.status === 'draft' || query.status === 'archived')
      qb.andWhere('n.status = :status', { status: query.status });
    if (query.status === 'scheduled') qb.andWhere("n.status = 'published' AND n.publishAt > :now", { now });
    if (query.status === 'published') qb.andWhere("n.status = 'published' AND n.publishAt <= :now", { now });
    const page = pageByDescendingId(await qb.getMany(), limit, (n) => toNoticeSummary(n, now));
    return withCommunityNames(this.dataSource.manager, page);
  }

  async create(actor: User, input: CreateNoticeDto): Promise<NoticeView> {
    const now = this.clock.now();
    const communityId = communityOfNewRecord(actor, input.communityId);
    if (communityId === null) throw refuse('VALIDATION_FAILED', '请选择社区', ['communityId']);
    const publishAt = toDate(input.publishAt);
    const expiresAt = toDate(input.expiresAt);
    const refusal = checkBodySize(input.body) ?? checkNoticeTimes(publishAt, expiresAt, now);
    if (refusal) throw fail(refusal);
    const buildingIds = input.audienceBuildingIds ?? [];
    return runTransaction(this.dataSource, async (manager) => {
      await this.assertBuildingsOf(manager, communityId, buildingIds);
      const notice = await manager.save(
        manager.create(Notice, {
          communityId,
          authorId: actor.id,
          title: input.title.trim(),
          body: input.body,
          excerpt: excerptOf(input.body),
          category: input.category,
          pinned: input.pinned ?? false,
          requiresAck: input.requiresAck ?? false,
          wholeCommunity: buildingIds.length === 0,
          audienceBuildingIds: [...buildingIds].sort((a, b) => a - b),
          status: 'draft',
          publishAt,
          expiresAt,
          archivedAt: null,
          notifyDueAt: null,
          updatedAt: now,
        }),
      );
      if (buildingIds.length)
        await manager.insert(
          NoticeBuilding,
          buildingIds.map((buildingId) => ({ noticeId: notice.id, buildingId })),
        );
      await this.audit.record(manager, {
        actor,
        communityId,
        action: 'notice.create',
        targetType: 'notice',
        targetId: notice.id,
        summary: `起草公告《${notice.title}》`,
      });
      return toNoticeView(await manager.findOneByOrFail(Notice, { id: notice.id }), now);
    });
  }

  /** Drafts and scheduled notices may change; a visible one may not (residents may already have confirmed it). */
  async update(actor: User, id: number, change: UpdateNoticeDto): Promise<NoticeView> {
    const now = this.clock.now();
    return runTransaction(this.dataSource, async (manager) => {
      const notice = await this.loadFor(manager, actor, id, 'edit', now);
      const before = { status: notice.status, updatedAt: notice.updatedAt };
      if (change.title !== undefined) notice.title = change.title.trim();
      if (change.body !== undefined) {
        const tooLong = checkBodySize(change.body);
        if (tooLong) throw fail(tooLong);
        notice.body = change.body;
        notice.excerpt = excerptOf(change.body);
      }
      if (change.category !== undefined) notice.category = change.category;
      if (change.pinned !== undefined) notice.pinned = change.pinned;
      if (change.requiresAck !== undefined) notice.requiresAck = change.requiresAck;
      if (change.publishAt !== undefined) notice.publishAt = toDate(change.publishAt);
      if (change.expiresAt !== undefined) notice.expiresAt = toDate(change.expiresAt);
      const timeRefusal = checkNoticeTimes(notice.publishAt, notice.expiresAt, now);
      if (timeRefusal) throw fail(timeRefusal);
      if (notice.status === 'published') {
        // A scheduled notice moved to now (or the past) becomes visible at once.
        notice.publishAt = effectivePublishAt(notice.publishAt, now);
      }
      const buildingIds = change.audienceBuildingIds;
      if (buildingIds !== undefined) {
        await this.assertBuildingsOf(manager, notice.communityId, buildingIds);
        notice.wholeCommunity = buildingIds.length === 0;
        notice.audienceBuildingIds = [...buildingIds].sort((a, b) => a - b);
      }
      const notifyNow =
        notice.status === 'published' && notice.requiresAck && notice.publishAt!.getTime() <= now.getTime();
      notice.notifyDueAt = notice.status === 'published' && notice.requiresAck && !notifyNow ? notice.publishAt : null;
      notice.updatedAt = now;
      // Optimistic: a concurrent edit, publish or archive makes this one a conflict, not a lost update.
      const { id: _id, createdAt: _c, ...fields } = notice;
      const result = await manager.update(
        Notice,
        { id: notice.id, status: before.status, updatedAt: before.updatedAt },
        fields,
      );
      if (!result.affected) throw refuse('CONFLICT');
      if (buildingIds !== undefined) {
        await manager.delete(NoticeBuilding, { noticeId: notice.id });
        if (buildingIds.length)
          await manager.insert(
            NoticeBuilding,
            buildingIds.map((buildingId) => ({ noticeId: notice.id, buildingId })),
          );
      }
      if (notifyNow) await this.audience.notify(manager, notice);
      // A scheduled notice's time or audience changed: what the community will see changed.
      if (notice.status === 'published') await this.unread.communityChanged(manager, notice.communityId);
      await this.audit.record(manager, {
        actor,
        communityId: notice.communityId,
        action: 'notice.update',
        targetType: 'notice',
        targetId: notice.id,
        summary: `修改公告《${notice.title}》：${Object.keys(change).join('、')}`,
      });
      return toNoticeView(await manager.findOneByOrFail(Notice, { id: notice.id }), now);
    });
  }

  /** Visible now, or scheduled for its publishAt; a notice that needs acknowledgement notifies its audience when it becomes visible. */
  async publish(actor: User, id: number): Promise<NoticeView> {
    const now = this.clock.now();
    return runTransaction(this.dataSource, async (manager) => {
      const notice = await this.loadFor(manager, actor, id, 'publish', now);
      const timeRefusal = checkNoticeTimes(notice.publishAt, notice.expiresAt, now);
      if (timeRefusal) throw fail(timeRefusal);
      const publishAt = effectivePublishAt(notice.publishAt, now);
      const scheduled = publishAt.getTime() > now.getTime();
      const result = await manager.update(
        Notice,
        { id: notice.id, status: 'draft' },
        {
          status: 'published',
          publishAt,
          updatedAt: now,
          notifyDueAt: notice.requiresAck && scheduled ? publishAt : null,
        },
      );
      if (!result.affected) throw refuse('NOTICE_ALREADY_PUBLISHED');
      Object.assign(notice, { status: 'published', publishAt });
      if (notice.requiresAck && !scheduled) await this.audience.notify(manager, notice);
      await this.unread.communityChanged(manager, notice.communityId);
      await this.audit.record(manager, {
        actor,
        communityId: notice.communityId,
        action: 'notice.publish',
        targetType: 'notice',
        targetId: notice.id,
        summary: scheduled
          ? `定时发布公告《${notice.title}》于 ${wechatTime(publishAt)}`
          : `发布公告《${notice.title}》`,
      });
      return toNoticeView(await manager.findOneByOrFail(Notice, { id: notice.id }), now);
    });
  }

  async archive(actor: User, id: number): Promise<NoticeView> {
    const now = this.clock.now();
    return runTransaction(this.dataSource, async (manager) => {
      const notice = await this.loadFor(manager, actor, id, 'archive', now);
      const result = await manager.update(
        Notice,
        { id: notice.id, status: Not('archived') },
        {
          status: 'archived',
          archivedAt: now,
          updatedAt: now,
          notifyDueAt: null,
        },
      );
      if (!result.affected) throw refuse('NOTICE_ARCHIVED');
      await this.unread.communityChanged(manager, notice.communityId);
      await this.audit.record(manager, {
        actor,
        communityId: notice.communityId,
        action: 'notice.archive',
        targetType: 'notice',
        targetId: notice.id,
        summary: `归档公告《${notice.title}》`,
      });
      return toNoticeView(await manager.findOneByOrFail(Notice, { id: notice.id }), now);
    });
  }

  // ---- helpers ------------------------------------------------------------------------------

  private async loadFor(
    manager: EntityManager,
    actor: User,
    id: number,
    action: NoticeAction,
    now: Date,
  ): Promise<Notice> {
    const notice = await manager.findOneBy(Notice, { id });
    assertInCommunity(actor, notice);
    const refusal = checkTransition(noticeStatusAt(notice, now), action);
    if (refusal) throw fail(refusal);
    return notice;
  }

  private async assertBuildingsOf(manager: EntityManager, communityId: number, buildingIds: number[]): Promise<void> {
    if (!buildingIds.length) return;
    const found = await manager.countBy(Building, { id: In(buildingIds), communityId });
    if (found !== buildingIds.length) throw refuse('NOTICE_AUDIENCE_INVALID');
  }
}
