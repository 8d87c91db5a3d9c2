import type { IsoDateTime, Page } from './common.js';

export const noticeCategories = ['announcement', 'activity', 'policy', 'safety', 'service'] as const;
export type NoticeCategory = (typeof noticeCategories)[number];

export const noticeCategoryLabels: Record<NoticeCategory, string> = {
  announcement: '通知',
  activity: '活动',
  policy: '政策',
  safety: '安全',
  service: '便民',
};

/** As staff see it: `scheduled` is a published notice whose publishAt is still ahead. */
export const noticeStatuses = ['draft', 'scheduled', 'published', 'archived'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export const noticeStatusLabels: Record<NoticeStatus, string> = {
  draft: '草稿',
  scheduled: '定时发布',
  published: '已发布',
  archived: '已归档',
};

export const NOTICE_TITLE_MAX = 100;
export const NOTICE_BODY_MAX = 20_000;

/** POST notices (staff). publishAt null/absent = at the moment it is published. */
export interface CreateNoticeRequest {
  title: string;
  /** Markdown subset. */
  body: string;
  category: NoticeCategory;
  pinned?: boolean;
  requiresAck?: boolean;
  /** Empty or absent = the whole community. */
  audienceBuildingIds?: number[];
  publishAt?: IsoDateTime | null;
  expiresAt?: IsoDateTime | null;
  /** Admins only: the community the notice is for (staff always write for their own). */
  communityId?: number;
}

/** PATCH notices/:id (drafts and scheduled notices only). */
export type UpdateNoticeRequest = Partial<Omit<CreateNoticeRequest, 'communityId'>>;

/** GET notices: the resident feed. */
export interface NoticeFeedQuery {
  cursor?: string;
  category?: NoticeCategory;
  /** Keyword in title or body. */
  q?: string;
  limit?: number;
}

/** GET notices/manage: the staff list, newest first. */
export interface NoticeManageQuery {
  status?: NoticeStatus;
  cursor?: string;
  limit?: number;
  /** Admins only. */
  communityId?: number;
}

/** A notice in a list (no body; `excerpt` is the start of the body as plain text). */
export interface NoticeSummary {
  id: number;
  communityId: number;
  /** Staff lists: the community's name, for the street-wide console's 社区 column. */
  communityName?: string;
  title: string;
  excerpt: string;
  category: NoticeCategory;
  pinned: boolean;
  requiresAck: boolean;
  status: NoticeStatus;
  /** Empty = whole community. */
  audienceBuildingIds: number[];
  publishAt: IsoDateTime | null;
  expiresAt: IsoDateTime | null;
  createdAt: IsoDateTime;
  updatedAt: IsoDateTime;
  /** The caller has opened it (always false for staff). */
  read: boolean;
  /** The caller has confirmed it (always false for staff). */
  acknowledged: boolean;
}

/** GET notices/:id. */
export interface NoticeView extends NoticeSummary {
  body: string;
  acknowledgedAt: IsoDateTime | null;
}

export interface UnreadCountResponse {
  /** Notices: unread of the last 90 days, at most 100 (show "99+" above 99). Inbox: exact. */
  count: number;
}

export interface NoticeAckResponse {
  noticeId: number;
  acknowledgedAt: IsoDateTime;
}

/** A household of the audience that still needs a visit: nobody in it has confirmed (or read) the notice. */
export interface NoticeFollowUpHousehold {
  /** e.g. "1栋-2-302" */
  household: string;
  buildingId: number;
  building: string;
  unit: string;
  room: string;
  residents: Array<{ userId: number; name: string | null; phone: string | null; read: boolean }>;
}

/**
 * GET notices/:id/stats. Counts are of verified residents addressed. The follow-up list (by building, unit, room)
 * comes one page at a time: its first page here, the rest from GET notices/:id/stats/follow-up?cursor=.
 */
export interface NoticeStats {
  noticeId: number;
  status: NoticeStatus;
  requiresAck: boolean;
  audience: number;
  readCount: number;
  ackCount: number;
  /** 'ack': households where nobody confirmed; 'read' (notices without requiresAck): nobody opened it. */
  followUpKind: 'ack' | 'read';
  /** Households to follow up, all pages together. */
  followUpCount: number;
  /** The first page of them. */
  followUp: Page<NoticeFollowUpHousehold>;
}

/** GET notices/:id/stats/follow-up: `cursor` is a `nextCursor` of the stats or of this list; limit 1–100 (20). */
export interface NoticeFollowUpQuery {
  cursor?: string;
  limit?: number;
}

/** The mini-app page that shows one notice; inbox links and WeChat messages open it. */
export const noticeDetailPage = (id: number): string => `pages/notice-detail/index?id=${id}`;
