import type { HelpRequestStatus, SettleHelpRequest } from '@linli/shared-types';
import { keepPreviousData, useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { auditKeys } from '../hooks/useAuditEntries';
import { useCommunityScope } from '../hooks/useCommunityScope';
import {
  fetchCareRecipients,
  fetchCommons,
  fetchHelpRequests,
  setCareRecipient,
  settleHelpRequest,
} from './help-services';

const helpKeys = {
  all: ['help'] as const,
  list: (communityId: number | undefined, status: HelpRequestStatus | undefined) =>
    ['help', 'list', communityId ?? null, status ?? null] as const,
  commons: (communityId: number | undefined) => ['help', 'commons', communityId ?? null] as const,
  careRecipients: (communityId: number | undefined) => ['help', 'care-recipients', communityId ?? null] as const,
};

/** The community's help requests, newest first; `status` narrows (disputed: the ones to settle). */
export function useHelpRequestList(status: HelpRequestStatus | undefined) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: helpKeys.list(communityId, status),
    queryFn: ({ pageParam, signal }) => fetchHelpRequests({ status, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: ready,
  });
}

/** 裁定: pays up to the hold to the helper with a reason; lists, commons and audit go stale. */
export function useSettleHelpRequest() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: number; body: SettleHelpRequest }) => settleHelpRequest(id, body),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: helpKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}

/** The commons 公益池: balance and the latest flows. Admins pick a community first (the server needs one). */
export function useHelpCommons() {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: helpKeys.commons(communityId),
    queryFn: ({ signal }) => fetchCommons(communityId, signal),
    enabled: ready,
  });
}

/** The ids of the residents flagged as care recipients 帮扶对象 in the scope. */
export function useCareRecipientIds() {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: helpKeys.careRecipients(communityId),
    queryFn: ({ signal }) => fetchCareRecipients(communityId, signal),
    select: (rows) => new Set(rows.map((r) => r.userId)),
    enabled: ready,
  });
}

/** 设为 / 取消帮扶对象: audited on the server; the list and the audit go stale. */
export function useSetCareRecipient() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ residentId, careRecipient }: { residentId: number; careRecipient: boolean }) =>
      setCareRecipient(residentId, careRecipient),
    onSuccess: async () => {
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: helpKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]);
    },
  });
}
