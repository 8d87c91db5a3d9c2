import type {
  CancelRedemptionRequest,
  CreateRewardRequest,
  Page,
  RedemptionQuery,
  RedemptionView,
  RewardView,
  UpdateRewardRequest,
} from '@linli/shared-types';
import { http } from './http';

/** The whole catalogue of the community for staff, inactive rewards included, newest first. */
export function fetchRewards(
  query: { communityId?: number; cursor?: string },
  signal?: AbortSignal,
): Promise<Page<RewardView>> {
  return http.get<Page<RewardView>>('rewards', { ...query }, signal);
}

export function createReward(input: CreateRewardRequest): Promise<RewardView> {
  return http.post<RewardView>('rewards', input);
}

/** `active: false` takes it off the residents' catalogue; redemptions already made keep their price. */
export function updateReward(rewardId: number, change: UpdateRewardRequest): Promise<RewardView> {
  return http.patch<RewardView>(`rewards/${rewardId}`, change);
}

export function fetchRedemptions(query: RedemptionQuery, signal?: AbortSignal): Promise<Page<RedemptionView>> {
  return http.get<Page<RedemptionView>>('rewards/redemptions', { ...query }, signal);
}

export function handOverRedemption(redemptionId: number): Promise<RedemptionView> {
  return http.post<RedemptionView>(`rewards/redemptions/${redemptionId}/hand-over`);
}

/** Returns the minutes to the resident (the server writes a reversal) and the item to stock. */
export function cancelRedemption(redemptionId: number, reason: string): Promise<RedemptionView> {
  const body: CancelRedemptionRequest = { reason };
  return http.post<RedemptionView>(`rewards/redemptions/${redemptionId}/cancel`, body);
}
