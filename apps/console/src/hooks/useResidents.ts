import type { UserStatus } from '@linli/shared-types';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import { fetchResidents, revealResidentPhone, setResidentVolunteer, verifyResident } from '../services/residents';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';

export interface ResidentFilter {
  status: UserStatus;
  q: string;
}

export const residentKeys = {
  all: ['residents'] as const,
  list: (communityId: number | undefined, filter: ResidentFilter) =>
    ['residents', 'list', communityId ?? null, filter] as const,
};

/** Residents of the scoped community, a cursor page at a time ("加载更多"). */
export function useResidents(filter: ResidentFilter) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: residentKeys.list(communityId, filter),
    queryFn: ({ pageParam, signal }) =>
      fetchResidents({ status: filter.status, q: filter.q || undefined, communityId, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready,
  });
}

function useResidentMutation<TVariables>(mutationFn: (variables: TVariables) => ReturnType<typeof verifyResident>) {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn,
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: residentKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

export function useVerifyResident() {
  return useResidentMutation((residentId: number) => verifyResident(residentId));
}

export function useSetResidentVolunteer() {
  return useResidentMutation(({ residentId, volunteer }: { residentId: number; volunteer: boolean }) =>
    setResidentVolunteer(residentId, volunteer),
  );
}

/** 显示号码 in a follow-up list: one number per click, each an audit entry (the audit log is refreshed). */
export function useRevealPhone() {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: ({ residentId, purpose }: { residentId: number; purpose: string }) =>
      revealResidentPhone(residentId, purpose),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
