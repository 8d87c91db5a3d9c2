import type {
  CreateNoticeRequest,
  NoticeFollowUpHousehold,
  NoticeManageQuery,
  NoticeStats,
  NoticeSummary,
  NoticeView,
  Page,
  UpdateNoticeRequest,
} from '@linli/shared-types';
import { http, requestFile } from './http';

/** GET notices/manage: every notice of the community (admins: ?communityId), newest first. */
export function fetchManagedNotices(query: NoticeManageQuery, signal?: AbortSignal): Promise<Page<NoticeSummary>> {
  return http.get<Page<NoticeSummary>>('notices/manage', { ...query }, signal);
}

export function fetchNotice(noticeId: number, signal?: AbortSignal): Promise<NoticeView> {
  return http.get<NoticeView>(`notices/${noticeId}`, undefined, signal);
}

/** Creates a draft; publishing is a separate step. */
export function createNotice(input: CreateNoticeRequest): Promise<NoticeView> {
  return http.post<NoticeView>('notices', input);
}

/** Drafts and scheduled notices only. */
export function updateNotice(noticeId: number, change: UpdateNoticeRequest): Promise<NoticeView> {
  return http.patch<NoticeView>(`notices/${noticeId}`, change);
}

/** Visible at once, or scheduled when its publishAt is ahead. */
export function publishNotice(noticeId: number): Promise<NoticeView> {
  return http.post<NoticeView>(`notices/${noticeId}/publish`);
}

export function archiveNotice(noticeId: number): Promise<NoticeView> {
  return http.post<NoticeView>(`notices/${noticeId}/archive`);
}

export function fetchNoticeStats(noticeId: number, signal?: AbortSignal): Promise<NoticeStats> {
  return http.get<NoticeStats>(`notices/${noticeId}/stats`, undefined, signal);
}

/** The follow-up list after `cursor` (a nextCursor of the stats or of the previous page). */
export function fetchNoticeFollowUp(
  noticeId: number,
  cursor: string,
  signal?: AbortSignal,
): Promise<Page<NoticeFollowUpHousehold>> {
  return http.get<Page<NoticeFollowUpHousehold>>(`notices/${noticeId}/stats/follow-up`, { cursor }, signal);
}

/** The follow-up list as CSV (UTF-8 with BOM); the server audits every export. */
export function fetchNoticeFollowUpCsv(noticeId: number): Promise<Blob> {
  return requestFile(`notices/${noticeId}/stats.csv`, 'text/csv');
}
