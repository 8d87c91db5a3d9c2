import {
  openRequestStatuses,
  type AcceptRequestRequest,
  type ExtendRequestRequest,
  type RequestDetail,
  type RequestHelpTaskRequest,
  type RequestLight,
  type RequestQueueQuery,
  type RequestStatsQuery,
  type RequestView,
} from '@linli/shared-types';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import {
  acceptRequest,
  addRequestProgress,
  confirmRequestUnreasonable,
  createRequestHelpTask,
  extendRequest,
  fetchRequest,
  fetchRequestAssignees,
  fetchRequestQueue,
  fetchRequestStats,
  markRequestUnreasonable,
  referRequest,
  resolveRequest,
} from '../services/requests';
import { fetchPhoto, uploadPhoto } from '../services/uploads';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';

export type RequestQueueFilters = Omit<RequestQueueQuery, 'cursor' | 'limit' | 'communityId'>;

export const requestKeys = {
  all: ['requests'] as const,
  queue: (communityId: number | undefined, filters: RequestQueueFilters) =>
    ['requests', 'queue', communityId ?? null, filters] as const,
  alerts: (communityId: number | undefined, light: RequestLight) =>
    ['requests', 'alerts', communityId ?? null, light] as const,
  detail: (requestId: number) => ['requests', 'detail', requestId] as const,
  assignees: (communityId: number | null) => ['requests', 'assignees', communityId] as const,
  stats: (query: RequestStatsQuery) => ['requests', 'stats', query] as const,
  photo: (url: string) => ['requests', 'photo', url] as const,
};

const QUEUE_PAGE = 20;

/** The work queue of the scoped community: open requests first, most overdue first, 20 a page. */
export function useRequestQueue(filters: RequestQueueFilters) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: requestKeys.queue(communityId, filters),
    queryFn: ({ pageParam, signal }) =>
      fetchRequestQueue({ ...filters, communityId, cursor: pageParam, limit: QUEUE_PAGE }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: ready,
  });
}

const isOpen = (request: RequestView) => (openRequestStatuses as readonly string[]).includes(request.status);

/**
 * Open requests of one light (red: overdue, yellow: 80 % of the time used) for the 工作台. Lights of
 * finished requests stay frozen, so the first page is filtered to the ones still running.
 */
export function useRequestAlerts(light: 'red' | 'yellow') {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: requestKeys.alerts(communityId, light),
    queryFn: ({ signal }) => fetchRequestQueue({ light, communityId, limit: 100 }, signal),
    select: (page) => page.items.filter(isOpen),
    enabled: ready,
    refetchInterval: 60_000,
  });
}

export function useRequestDetail(requestId: number | null) {
  return useQuery({
    queryKey: requestKeys.detail(requestId ?? 0),
    queryFn: ({ signal }) => fetchRequest(requestId!, signal),
    enabled: requestId !== null,
  });
}

/**
 * Staff who may take requests of a community (the assignee picker and the queue's filter); null = the caller's
 * own community for staff, the whole street for admins. Staff change rarely: kept fresh for five minutes.
 */
export function useRequestAssignees(communityId: number | null | undefined, enabled = true) {
  return useQuery({
    queryKey: requestKeys.assignees(communityId ?? null),
    queryFn: ({ signal }) => fetchRequestAssignees(communityId ? { communityId } : {}, signal),
    select: (page) => page.items,
    staleTime: 5 * 60_000,
    enabled: enabled && communityId !== undefined,
  });
}

export function useRequestStats(query: RequestStatsQuery, enabled = true) {
  return useQuery({
    queryKey: requestKeys.stats(query),
    queryFn: ({ signal }) => fetchRequestStats(query, signal),
    placeholderData: keepPreviousData,
    enabled,
  });
}

export type RequestActionInput =
  | { action: 'accept'; body: AcceptRequestRequest }
  | { action: 'progress'; note: string; photos: File[] }
  | { action: 'resolve'; resolution: string }
  | { action: 'refer'; to: string; reason: string }
  | { action: 'extend'; body: ExtendRequestRequest }
  | { action: 'help-task'; body: RequestHelpTaskRequest }
  | { action: 'unreasonable'; reason: string }
  | { action: 'confirm-unreasonable' };

async function runAction(requestId: number, input: RequestActionInput): Promise<RequestDetail> {
  switch (input.action) {
    case 'accept':
      return acceptRequest(requestId, input.body);
    case 'progress': {
      // Photos first, one at a time (each is at most 5 MB); the note then names them.
      const photoIds: string[] = [];
      for (const file of input.photos) photoIds.push((await uploadPhoto(file)).id);
      return addRequestProgress(requestId, { note: input.note, ...(photoIds.length ? { photoIds } : {}) });
    }
    case 'resolve':
      return resolveRequest(requestId, { resolution: input.resolution });
    case 'refer':
      return referRequest(requestId, { to: input.to, reason: input.reason });
    case 'extend':
      return extendRequest(requestId, input.body);
    case 'help-task':
      return createRequestHelpTask(requestId, input.body);
    case 'unreasonable':
      return markRequestUnreasonable(requestId, { reason: input.reason });
    case 'confirm-unreasonable':
      return confirmRequestUnreasonable(requestId);
  }
}

/** Every staff action on a request: the detail is replaced by the answer, lists, stats and audit go stale. */
export function useRequestAction(requestId: number) {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: (input: RequestActionInput) => runAction(requestId, input),
    onSuccess: (detail) => {
      if (detail?.timeline) queryClient.setQueryData(requestKeys.detail(requestId), detail);
      return Promise.all([
        queryClient.invalidateQueries({ queryKey: requestKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
    // A 409 means someone else moved it first: show what it is now.
    onError: () => queryClient.invalidateQueries({ queryKey: requestKeys.detail(requestId) }),
  });
}

/**
 * An object URL for a photo the API serves only with the token. Kept for the session (a request page
 * shows a handful of photos), so going back and forth does not download them again.
 */
export function usePhotoUrl(url: string) {
  const query = useQuery({
    queryKey: requestKeys.photo(url),
    queryFn: async ({ signal }) => URL.createObjectURL(await fetchPhoto(url, signal)),
    staleTime: Infinity,
    gcTime: Infinity,
  });
  return { src: query.data ?? null, isError: query.isError, isLoading: query.isLoading };
}
