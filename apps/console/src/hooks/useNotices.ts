import type { CreateNoticeRequest, NoticeStats, NoticeStatus, NoticeView } from '@linli/shared-types';
import { useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import { safeFilename, saveBlob } from '../lib/download';
import {
  archiveNotice,
  createNotice,
  fetchManagedNotices,
  fetchNotice,
  fetchNoticeFollowUp,
  fetchNoticeFollowUpCsv,
  fetchNoticeStats,
  publishNotice,
  updateNotice,
} from '../services/notices';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';

export const noticeKeys = {
  all: ['notices'] as const,
  list: (communityId: number | undefined, status: NoticeStatus | undefined) =>
    ['notices', 'list', communityId ?? null, status ?? 'all'] as const,
  detail: (noticeId: number) => ['notices', 'detail', noticeId] as const,
  stats: (noticeId: number) => ['notices', 'stats', noticeId] as const,
};

/** Notices of the scoped community for staff, newest first, a cursor page at a time; no status = all. */
export function useManagedNotices(status: NoticeStatus | undefined) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: noticeKeys.list(communityId, status),
    queryFn: ({ pageParam, signal }) => fetchManagedNotices({ status, communityId, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready,
  });
}

export function useNotice(noticeId: number | undefined) {
  return useQuery({
    queryKey: noticeKeys.detail(noticeId ?? 0),
    queryFn: ({ signal }) => fetchNotice(noticeId!, signal),
    enabled: noticeId !== undefined,
  });
}

/** Reads and confirmations keep coming in after publication: refreshed every minute while open. */
export function useNoticeStats(noticeId: number | undefined) {
  return useQuery({
    queryKey: noticeKeys.stats(noticeId ?? 0),
    queryFn: ({ signal }) => fetchNoticeStats(noticeId!, signal),
    enabled: noticeId !== undefined,
    refetchInterval: 60_000,
  });
}

/**
 * The follow-up list past the first page the stats carry, one page per 加载更多. Keyed by that first page's cursor, so a
 * refresh of the stats that changes it starts the list again.
 */
export function useNoticeFollowUpPages(noticeId: number, first: NoticeStats['followUp']) {
  return useInfiniteQuery({
    queryKey: [...noticeKeys.stats(noticeId), 'follow-up', first.nextCursor] as const,
    queryFn: ({ pageParam, signal }) => fetchNoticeFollowUp(noticeId, pageParam, signal),
    initialPageParam: first.nextCursor ?? '',
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    // Nothing is fetched until asked for: fetchNextPage loads the page after the stats' own first.
    enabled: false,
  });
}

/** After any change: lists, the notice itself, and the audit log (which records it) are stale. */
function useNoticeChanged() {
  const queryClient = useQueryClient();
  return (notice: NoticeView) => {
    queryClient.setQueryData(noticeKeys.detail(notice.id), notice);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ['notices', 'list'] }),
      queryClient.invalidateQueries({ queryKey: noticeKeys.stats(notice.id) }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
  };
}

export interface SaveNoticeVariables {
  /** Absent: create a draft. */
  noticeId?: number;
  input: Omit<CreateNoticeRequest, 'communityId'>;
}

/** Creates a draft (for admins in the community chosen in the header) or changes a draft or scheduled notice. */
export function useSaveNotice() {
  const { communityId } = useCommunityScope();
  const changed = useNoticeChanged();
  return useGuardedMutation({
    mutationFn: ({ noticeId, input }: SaveNoticeVariables) =>
      noticeId === undefined ? createNotice({ ...input, communityId }) : updateNotice(noticeId, input),
    onSuccess: changed,
  });
}

export function usePublishNotice() {
  const changed = useNoticeChanged();
  return useGuardedMutation({ mutationFn: (noticeId: number) => publishNotice(noticeId), onSuccess: changed });
}

export function useArchiveNotice() {
  const changed = useNoticeChanged();
  return useGuardedMutation({ mutationFn: (noticeId: number) => archiveNotice(noticeId), onSuccess: changed });
}

/** Downloads the follow-up list as CSV, named after the notice. The export is audited by the server. */
export function useExportNoticeFollowUp() {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: async ({ noticeId, filename }: { noticeId: number; filename: string }) => {
      const blob = await fetchNoticeFollowUpCsv(noticeId);
      saveBlob(blob, `${safeFilename(filename, `公告${noticeId}`)}.csv`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
