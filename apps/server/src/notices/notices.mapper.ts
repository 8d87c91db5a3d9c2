import type { NoticeSummary, NoticeView } from '@linli/shared-types';
import { rawDate } from '../database/raw-values.js';
import type { Notice, NoticeRead } from './notice.entity.js';
import type { NoticeListRow, ReadRow } from './notices.queries.js';
import { idListOf, noticeStatusAt } from './notices.rules.js';

type ReadState = Pick<NoticeRead, 'readAt' | 'ackAt'> | undefined;

export function toNoticeSummary(n: Notice, now: Date, read?: ReadState): NoticeSummary {
  return {
    id: n.id,
    communityId: n.communityId,
    title: n.title,
    excerpt: n.excerpt,
    category: n.category,
    pinned: n.pinned,
    requiresAck: n.requiresAck,
    status: noticeStatusAt(n, now),
    audienceBuildingIds: n.wholeCommunity ? [] : n.audienceBuildingIds,
    publishAt: n.publishAt?.toISOString() ?? null,
    expiresAt: n.expiresAt?.toISOString() ?? null,
    createdAt: n.createdAt.toISOString(),
    updatedAt: n.updatedAt.toISOString(),
    read: Boolean(read),
    acknowledged: Boolean(read?.ackAt),
  };
}

export function toNoticeView(n: Notice, now: Date, read?: ReadState): NoticeView {
  return { ...toNoticeSummary(n, now, read), body: n.body, acknowledgedAt: read?.ackAt?.toISOString() ?? null };
}

/** The same summary from a raw feed row (notices.queries.ts), as TypeORM would have hydrated it into a Notice. */
export function toNoticeSummaryFromRow(row: NoticeListRow, now: Date, read?: ReadRow): NoticeSummary {
  const publishAt = rawDate(row.publishAt);
  return {
    id: row.id,
    communityId: row.communityId,
    title: row.title,
    excerpt: row.excerpt,
    category: row.category,
    pinned: Boolean(row.pinned),
    requiresAck: Boolean(row.requiresAck),
    status: noticeStatusAt({ status: row.status, publishAt }, now),
    audienceBuildingIds: row.wholeCommunity ? [] : idListOf(row.audienceBuildingIds),
    publishAt: publishAt?.toISOString() ?? null,
    expiresAt: rawDate(row.expiresAt)?.toISOString() ?? null,
    createdAt: rawDate(row.createdAt)!.toISOString(),
    updatedAt: rawDate(row.updatedAt)!.toISOString(),
    read: Boolean(read),
    acknowledged: Boolean(read?.ackAt),
  };
}
