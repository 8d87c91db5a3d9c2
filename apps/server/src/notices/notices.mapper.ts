import type { NoticeSummary, NoticeView } from '@linli/shared-types';
import type { Notice, NoticeRead } from './notice.entity.js';
import { noticeStatusAt } from './notices.rules.js';

type ReadState = Pick<NoticeRead, 'ackAt'> | undefined;

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
