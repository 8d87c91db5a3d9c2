import type { Page, RedeemResponse, RedemptionView, RewardView } from '@linli/shared-types';
import { http } from './http';

/** The active rewards of the caller's community. */
export function listRewards(cursor?: string): Promise<Page<RewardView>> {
  return http.get<Page<RewardView>>('rewards', { cursor });
}

/** A retry of the same attempt must send the same key (one redemption, one debit). */
export function redeemReward(rewardId: number, idempotencyKey: string): Promise<RedeemResponse> {
  return http.post<RedeemResponse>(`rewards/${rewardId}/redeem`, undefined, { 'Idempotency-Key': idempotencyKey });
}

export function listMyRedemptions(cursor?: string): Promise<Page<RedemptionView>> {
  return http.get<Page<RedemptionView>>('rewards/redemptions/mine', { cursor });
}
