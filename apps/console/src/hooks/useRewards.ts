import type { CreateRewardRequest, RedemptionStatus, UpdateRewardRequest } from '@linli/shared-types';
import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import {
  cancelRedemption,
  createReward,
  fetchRedemptions,
  fetchRewards,
  handOverRedemption,
  updateReward,
} from '../services/rewards';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';
import { timebankKeys } from './useTimebank';

export const rewardKeys = {
  all: ['rewards'] as const,
  list: (communityId: number | undefined) => ['rewards', 'list', communityId ?? null] as const,
  redemptions: (communityId: number | undefined, status: RedemptionStatus | undefined) =>
    ['rewards', 'redemptions', communityId ?? null, status ?? 'all'] as const,
};

/** The catalogue of the scoped community, inactive rewards included. */
export function useRewards() {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: rewardKeys.list(communityId),
    queryFn: ({ pageParam, signal }) => fetchRewards({ communityId, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready,
  });
}

export function useRedemptions(status: RedemptionStatus | undefined) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: rewardKeys.redemptions(communityId, status),
    queryFn: ({ pageParam, signal }) => fetchRedemptions({ communityId, status, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready,
  });
}

/** A new reward, or the changed fields of an existing one. */
export type SaveRewardVariables =
  | { rewardId?: undefined; input: Omit<CreateRewardRequest, 'communityId'> }
  | { rewardId: number; change: UpdateRewardRequest };

/** Creates a reward (admins: in the community chosen in the header) or changes one. */
export function useSaveReward() {
  const { communityId } = useCommunityScope();
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: (variables: SaveRewardVariables) =>
      variables.rewardId === undefined
        ? createReward({ ...variables.input, communityId })
        : updateReward(variables.rewardId, variables.change),
    onSuccess: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: rewardKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

/** Hand-over and cancellation change redemptions, stock and (cancel) the ledger. */
function useRedemptionChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: rewardKeys.all }),
      queryClient.invalidateQueries({ queryKey: timebankKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useHandOverRedemption() {
  const changed = useRedemptionChanged();
  return useGuardedMutation({
    mutationFn: (redemptionId: number) => handOverRedemption(redemptionId),
    onSuccess: changed,
  });
}

export function useCancelRedemption() {
  const changed = useRedemptionChanged();
  return useGuardedMutation({
    mutationFn: ({ redemptionId, reason }: { redemptionId: number; reason: string }) =>
      cancelRedemption(redemptionId, reason),
    onSuccess: changed,
  });
}
