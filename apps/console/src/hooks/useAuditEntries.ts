import { useInfiniteQuery } from '@tanstack/react-query';
import { fetchAuditEntries } from '../services/audit';
import { useCommunityScope } from './useCommunityScope';

export const auditKeys = {
  all: ['audit'] as const,
  list: (communityId: number | undefined) => ['audit', 'list', communityId ?? null] as const,
};

/** The audit log of the scoped community, newest first, a cursor page at a time. */
export function useAuditEntries() {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: auditKeys.list(communityId),
    queryFn: ({ pageParam, signal }) => fetchAuditEntries({ communityId, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready,
  });
}
