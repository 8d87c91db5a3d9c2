import { runTransaction } from '../database/transaction.js';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  noticeDetailPage,
  type NoticeAckResponse,
  type NoticeStats,
  type NoticeSummary,
  type NoticeView,
  type Page,
  type UnreadCountResponse,
  type Refusal,
} from '@linli/shared-types';
import { DataSource, In, IsNull, LessThanOrEqual, Not, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { RawReads } from '../database/raw-reads.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { assertInCommunity, communityOfNewRecord, communityScope } from '../common/tenancy-scope.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { wechatThing, wechatTime } from '../notifications/notifications.rules.js';
import { Building } from '../tenancy/building.entity.js';
import { User } from '../users/user.entity.js';
import type { CreateNoticeDto, NoticeFeedQueryDto, NoticeManageQueryDto, UpdateNoticeDto } from './dto/notices.dto.js';
import { Notice, NoticeBuilding, NoticeRead } from './notice.entity.js';
import { toNoticeSummary, toNoticeView } from './notices.mapper.js';
import { feedQuery, NOTICE_LIST_COLUMNS, readsQuery, unreadQuery } from './notices.queries.js';
import {
  audienceCounts,
  checkBodySize,
  checkNoticeTimes,
  checkTransition,
  decodeFeedCursor,
  effectivePublishAt,
  encodeFeedCursor,
  excerptOf,
  followUpCsv,
  householdsToFollowUp,
  isAddressedTo,
  isVisibleAt,
  noticeStatusAt,
  UNREAD_COUNT_CAP,
  unreadWindowStart,
  type AudienceMember,
  type NoticeAction,
} from './notices.rules.js';

const fail = (refusal: Refusal) => refuse(refusal.code);
const toDate = (iso: string | null | undefined) => (iso ? new Date(iso) : null);

@Injectable()
export class NoticesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly raw: RawReads,
  ) {}

  // ---- residents ------------------------------------------------------------------------------

  /** Pinned first, then newest; keyset pagination on (pinned, publishAt, id), so new notices never shift a page. */
  async feed(viewer: User, query: NoticeFeedQueryDto): Promise<Page<NoticeSummary>> {
    const limit = query.limit ?? 20;
    const now = this.clock.now();
    const after = query.cursor ? decodeFeedCursor(query.cursor) : null;
    if (query.cursor && !after) throw refuse('VALIDATION_FAILED', '分页游标无效', ['cursor']);
    // The hottest read: raw SQL, no query builder or entities (bench/results/1-read-ratio.md).
    const page = feedQuery(viewer, { category: query.category, q: query.q, after }, now, limit);
    if (!page) return { items: [], nextCursor: null };
    const rows = (await this.raw.rows<Record<string, unknown>>(page.sql, page.params)).map((row) =>
      this.raw.hydrate(Notice, row),
    );
    const more = rows.length > limit;
    const shown = more ? rows.slice(0, limit) : rows;
    const reads = await this.readsOf(
      viewer,
      shown.map((n) => n.id),
    );
    const last = shown[shown.length - 1];
    return {
      items: shown.map((n) => toNoticeSummary(n, now, reads.get(n.id))),
      nextCursor: more ? encodeFeedCursor({ pinned: last.pinned, publishAt: last.publishAt!, id: last.id }) : null,
    };
  }

  async unreadCount(viewer: User): Promise<UnreadCountResponse> {
    const now = this.clock.now();
    const unread = unreadQuery(viewer, now, unreadWindowStart(now), UNREAD_COUNT_CAP);
    if (!unread) return { count: 0 };
    return { count: (await this.raw.rows(unread.sql, unread.params)).length };
  }

  /** A resident opening a notice records the read once (a second or concurrent open is ignored). Staff just look. */
  async view(viewer: User, id: number): Promise<NoticeView> {
    const now = this.clock.now();
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    if (viewer.role !== 'resident') {
      assertInCommunity(viewer, notice);
      return toNoticeView(notice, now);
    }
    if (!notice || !isVisibleAt(notice, now) || !isAddressedTo(notice, viewer)) throw refuse('NOT_FOUND');
    await this.recordRead(this.dataSource.manager, notice.id, viewer.id, now);
    const read = await this.dataSource
      .getRepository(NoticeRead)
      .findOneByOrFail({ noticeId: notice.id, userId: viewer.id });
    return toNoticeView(notice, now, read);
  }

  /** 已知晓: verified residents confirm a notice that asks for it; confirming twice keeps the first time. */
  async acknowledge(viewer: User, id: number): Promise<NoticeAckResponse> {
    const now = this.clock.now();
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    if (viewer.role !== 'resident' || !notice || !isVisibleAt(notice, now) || !isAddressedTo(notice, viewer))
      throw refuse('NOT_FOUND');
    if (!notice.requiresAck) throw refuse('NOTICE_ACK_NOT_REQUIRED');
    if (viewer.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
    // Two idempotent statements, no transaction needed: a retry or a concurrent tap lands on the same row.
    const manager = this.dataSource.manager;
    await this.recordRead(manager, notice.id, viewer.id, now);
    await manager.update(NoticeRead, { noticeId: notice.id, userId: viewer.id, ackAt: IsNull() }, { ackAt: now });
    const read = await manager.findOneByOrFail(NoticeRead, { noticeId: notice.id, userId: viewer.id });
    return { noticeId: notice.id, acknowledgedAt: read.ackAt!.toISOString() };
  }

  // ---- staff ------------------------------------------------------------------------------

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
    return pageByDescendingId(await qb.getMany(), limit, (n) => toNoticeSummary(n, now));
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
      if (notifyNow) await this.notifyAudience(manager, notice);
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
      if (notice.requiresAck && !scheduled) await this.notifyAudience(manager, notice);
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

  async stats(viewer: User, id: number): Promise<NoticeStats> {
    const now = this.clock.now();
    const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
    assertInCommunity(viewer, notice);
    const members = await this.audienceMembers(this.dataSource.manager, notice);
    const followUpKind = notice.requiresAck ? 'ack' : 'read';
    return {
      noticeId: notice.id,
      status: noticeStatusAt(notice, now),
      requiresAck: notice.requiresAck,
      ...audienceCounts(members),
      followUpKind,
      followUp: householdsToFollowUp(members, followUpKind),
    };
  }

  /** The follow-up list for grid workers; exporting personal data is itself audited. */
  async statsCsv(viewer: User, id: number): Promise<{ filename: string; csv: string }> {
    const stats = await this.stats(viewer, id);
    const notice = await this.dataSource.getRepository(Notice).findOneByOrFail({ id });
    await this.audit.record(this.dataSource.manager, {
      actor: viewer,
      communityId: notice.communityId,
      action: 'notice.stats.export',
      targetType: 'notice',
      targetId: id,
      summary: `导出公告《${notice.title}》的${stats.followUpKind === 'ack' ? '未确认' : '未读'}住户名单（${stats.followUp.length} 户）`,
    });
    return { filename: `notice-${id}-follow-up.csv`, csv: followUpCsv(stats.followUp, stats.followUpKind) };
  }

  /**
   * Notifies the audience of scheduled notices that have become visible. Any process may run it:
   * the conditional UPDATE that clears notifyDueAt lets exactly one of them notify each notice.
   */
  async notifyDueNotices(limit = 20): Promise<number> {
    const now = this.clock.now();
    const due = await this.dataSource.getRepository(Notice).find({
      select: { id: true },
      where: { notifyDueAt: LessThanOrEqual(now), status: 'published' },
      order: { notifyDueAt: 'ASC' },
      take: limit,
    });
    let notified = 0;
    for (const { id } of due) {
      await runTransaction(this.dataSource, async (manager) => {
        const claimed = await manager.update(
          Notice,
          { id, notifyDueAt: LessThanOrEqual(now), status: 'published' },
          { notifyDueAt: null },
        );
        if (!claimed.affected) return;
        await this.notifyAudience(manager, await manager.findOneByOrFail(Notice, { id }));
        notified++;
      });
    }
    return notified;
  }

  // ---- helpers ------------------------------------------------------------------------------

  private async readsOf(viewer: User, noticeIds: number[]): Promise<Map<number, NoticeRead>> {
    const reads = viewer.role === 'resident' ? readsQuery(viewer.id, noticeIds) : null;
    if (!reads) return new Map();
    const rows = await this.raw.rows<Record<string, unknown>>(reads.sql, reads.params);
    return new Map(rows.map((row) => this.raw.hydrate(NoticeRead, row)).map((r) => [r.noticeId, r]));
  }

  /** INSERT OR IGNORE / INSERT IGNORE on the unique (noticeId, userId): concurrent opens record one read and never fail. */
  private async recordRead(manager: EntityManager, noticeId: number, userId: number, now: Date): Promise<void> {
    await manager
      .createQueryBuilder()
      .insert()
      .into(NoticeRead)
      .values({ noticeId, userId, readAt: now, ackAt: null })
      .orIgnore()
      .execute();
  }

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

  /** Verified residents addressed by the notice, with their read and acknowledgement. */
  private async audienceMembers(manager: EntityManager, notice: Notice): Promise<AudienceMember[]> {
    const qb = manager
      .getRepository(User)
      .createQueryBuilder('u')
      .leftJoin(NoticeRead, 'r', 'r.noticeId = :noticeId AND r.userId = u.id', { noticeId: notice.id })
      .leftJoin(Building, 'b', 'b.id = u.buildingId')
      .select('u.id', 'userId')
      .addSelect('u.name', 'name')
      .addSelect('u.phone', 'phone')
      .addSelect('u.buildingId', 'buildingId')
      .addSelect('b.name', 'building')
      .addSelect('u.unit', 'unit')
      .addSelect('u.room', 'room')
      .addSelect('r.readAt', 'readAt')
      .addSelect('r.ackAt', 'ackAt')
      .where("u.communityId = :communityId AND u.role = 'resident' AND u.status = 'verified'", {
        communityId: notice.communityId,
      })
      .orderBy('u.id', 'ASC');
    if (!notice.wholeCommunity)
      qb.andWhere('u.buildingId IN (:...buildingIds)', { buildingIds: notice.audienceBuildingIds });
    const rows: Array<Record<string, unknown>> = await qb.getRawMany();
    return rows.map((row) => {
      const read = this.raw.hydrate(NoticeRead, { readAt: row.readAt, ackAt: row.ackAt });
      return {
        userId: Number(row.userId),
        name: (row.name as string | null) ?? null,
        phone: (row.phone as string | null) ?? null,
        buildingId: Number(row.buildingId),
        building: (row.building as string | null) ?? '',
        unit: (row.unit as string | null) ?? null,
        room: (row.room as string | null) ?? null,
        readAt: read.readAt,
        ackAt: read.ackAt,
      };
    });
  }

  /** Inbox entry and WeChat message "请确认" for every verified resident addressed. */
  private async notifyAudience(manager: EntityManager, notice: Notice): Promise<void> {
    const members = await this.audienceMembers(manager, notice);
    const page = noticeDetailPage(notice.id);
    await this.notifications.notify(
      manager,
      members.map((m) => m.userId),
      {
        communityId: notice.communityId,
        kind: 'notice_ack_required',
        title: `请确认：${notice.title}`.slice(0, 100),
        body: notice.excerpt,
        link: `/${page}`,
        wechat: {
          template: 'notice',
          page,
          data: {
            thing1: { value: wechatThing(notice.title) },
            time2: { value: wechatTime(notice.publishAt ?? this.clock.now()) },
            thing3: { value: '请查看并点击“已知晓”' },
          },
        },
      },
    );
  }
}
