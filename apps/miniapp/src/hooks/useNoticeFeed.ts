import { useCallback, useMemo } from 'react';
import type { NoticeCategory, NoticeSummary } from '@linli/shared-types';
import { listNotices } from '../services/notices';
import { noticeStateStore } from '../stores/notice-state';
import { useStore } from '../stores/create-store';
import { usePagedList, type PagedList } from './usePagedList';

export interface NoticeFeedFilter {
  /** Null: every category (全部). */
  category: NoticeCategory | null;
  /** Keyword in title or body; blank: no search. */
  q: string;
}

/** The server accepts keywords up to this length. */
export const NOTICE_SEARCH_MAX = 50;

/** The resident's notice feed (pinned first, then newest), with what was read or confirmed since it loaded. */
export function useNoticeFeed(filter: NoticeFeedFilter, enabled = true): PagedList<NoticeSummary> {
  const q = filter.q.trim().slice(0, NOTICE_SEARCH_MAX);
  const category = filter.category ?? undefined;
  const load = useCallback(
    (cursor: string | undefined) => listNotices({ cursor, category, q: q || undefined }),
    [category, q],
  );
  const list = usePagedList(load, `${category ?? ''}|${q}`, (notice) => notice.id, enabled);
  const known = useStore(noticeStateStore);
  const items = useMemo(
    () =>
      list.items.map((notice) => {
        const change = known[notice.id];
        return change
          ? { ...notice, read: notice.read || change.read, acknowledged: notice.acknowledged || change.acknowledged }
          : notice;
      }),
    [list.items, known],
  );
  return { ...list, items };
}
