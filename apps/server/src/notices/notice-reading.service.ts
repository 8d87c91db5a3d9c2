import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { NoticeAckResponse, NoticeSummary, NoticeView, Page, UnreadCountResponse } from '@linli/shared-types';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import { RawReads } from '../database/raw-reads.js';
import { lockForUpdate, runTransaction } from '../database/transaction.js';
import type { User } from '../users/user.entity.js';
import type { NoticeFeedQueryDto } from './dto/notices.dto.js';
import { Notice, NoticeRead } from './notice.entity.js';
import { NoticeUnread } from './notice-unread.js';
import { toNoticeSummary, toNoticeView } from './notices.mapper.js';
import { feedQuery } from './notices.queries.js';
import { decodeFeedCursor, encodeFeedCursor, isAddressedTo, isVisibleAt } from './notices.rules.js';

/** What residents do with notices: the feed, the unread badge, opening one and confirming it (已知晓). */
@Injectable()
export class NoticeReadingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly raw: RawReads,
    private readonly unread: NoticeUnread,
  ) {}

  /** Pinned first, then newest; keyset pagination on (pinned, publishAt, id), so new notices never shift a page. */
  async feed(viewer: User, query: NoticeFeedQueryDto): Promise<Page<NoticeSummary>> {
    const limit = query.limit ?? 20;
    const now = this.clock.now();
    const after = query.cursor ? decodeFeedCursor(query.cursor) : null;
    if (query.cursor && !after) throw refuse('VALIDATION_FAILED', '分页游标无效', ['cursor']);
    // The hottest read: raw SQL, no query builder or entities (bench/results/1-read-ratio.md).
    const page = feedQuery(viewer, { category: query.category, q: query.q, after }, now, limit);
    if (!page) return { items: [], nextCursor: null };
    const rows = await this.raw.rows<Record<string, unknown>>(page.sql, page.params);
    const more = rows.length > limit;
    const shown = (more ? rows.slice(0, limit) : rows).map((row) => ({
      notice: this.raw.hydrate(Notice, row),
      read: row.readId == null ? undefined : this.raw.hydrate(NoticeRead, { ackAt: row.readAckAt }),
    }));
    const last = shown[shown.length - 1]?.notice;
    return {
      items: shown.map(({ notice, read }) => toNoticeSummary(notice, now, read)),
      nextCursor: more ? encodeFeedCursor({ pinned: last.pinned, publishAt: last.publishAt!, id: last.id }) : null,
    };
  }

  async unreadCount(viewer: User): Promise<UnreadCountResponse> {
    return { count: await this.unread.count(viewer) };
  }

  /** A resident opening a notice records the read once (a second or concurrent open is ignored). Staff just look. */
  async view(viewer: User, id: number): Promise<NoticeView> {
    const now = this.clock.now();
    if (viewer.role !== 'resident') {
      const notice = await this.dataSource.getRepository(Notice).findOneBy({ id });
      assertInCommunity(viewer, notice);
      return toNoticeView(notice, now);
    }
    return runTransaction(this.dataSource, async (manager) => {
      const notice = await this.addressedNotice(manager, viewer, id, now);
      const first = await this.unread.recordRead(manager, notice.id, notice.publishAt!, viewer, now);
      const read = first ? { ackAt: null } : await this.readOf(manager, notice.id, viewer.id);
      return toNoticeView(notice, now, read);
    });
  }

  /** 已知晓: verified residents confirm a notice that asks for it; confirming twice keeps the first time. */
  async acknowledge(viewer: User, id: number): Promise<NoticeAckResponse> {
    const now = this.clock.now();
    if (viewer.role !== 'resident') throw refuse('NOT_FOUND');
    return runTransaction(this.dataSource, async (manager) => {
      const notice = await this.addressedNotice(manager, viewer, id, now);
      if (!notice.requiresAck) throw refuse('NOTICE_ACK_NOT_REQUIRED');
      if (viewer.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
      await this.unread.recordRead(manager, notice.id, notice.publishAt!, viewer, now);
      await manager.update(NoticeRead, { noticeId: notice.id, userId: viewer.id, ackAt: IsNull() }, { ackAt: now });
      const read = await this.readOf(manager, notice.id, viewer.id);
      return { noticeId: notice.id, acknowledgedAt: read.ackAt!.toISOString() };
    });
  }

  /** A notice visible now and addressed to the resident, or 404. */
  private async addressedNotice(manager: EntityManager, viewer: User, id: number, now: Date): Promise<Notice> {
    const notice = await manager.findOneBy(Notice, { id });
    if (!notice || !isVisibleAt(notice, now) || !isAddressedTo(notice, viewer)) throw refuse('NOT_FOUND');
    return notice;
  }

  /** The resident's read as committed (a locking read: a concurrent open may have written it after our snapshot). */
  private readOf(manager: EntityManager, noticeId: number, userId: number): Promise<NoticeRead> {
    return lockForUpdate(
      manager,
      manager
        .createQueryBuilder(NoticeRead, 'r')
        .where('r.noticeId = :noticeId AND r.userId = :userId', { noticeId, userId }),
    ).getOneOrFail();
  }
}
