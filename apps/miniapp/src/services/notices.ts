import type {
  NoticeAckResponse,
  NoticeFeedQuery,
  NoticeSummary,
  NoticeView,
  Page,
  UnreadCountResponse,
} from '@linli/shared-types';
import { http } from './http';

/** The caller's feed: pinned first, then newest; pass `nextCursor` back as `cursor`. */
export function listNotices(query: NoticeFeedQuery = {}): Promise<Page<NoticeSummary>> {
  return http.get<Page<NoticeSummary>>('notices', { ...query });
}

/** Unread notices of the last 90 days, at most 100 (show "99+" above 99). */
export function getUnreadNoticeCount(): Promise<UnreadCountResponse> {
  return http.get<UnreadCountResponse>('notices/unread-count');
}

/** Opening a notice records the read on the server. */
export function getNotice(id: number): Promise<NoticeView> {
  return http.get<NoticeView>(`notices/${id}`);
}

/** 已知晓; pending residents get 403 RESIDENT_NOT_VERIFIED, notices that do not ask get NOTICE_ACK_NOT_REQUIRED. */
export function acknowledgeNotice(id: number): Promise<NoticeAckResponse> {
  return http.post<NoticeAckResponse>(`notices/${id}/ack`);
}
