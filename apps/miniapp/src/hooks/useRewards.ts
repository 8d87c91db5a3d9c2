import { useCallback, useState } from 'react';
import { useInFlight } from './useInFlight';
import type { RedeemResponse, RedemptionView, RewardView } from '@linli/shared-types';
import { ApiRequestError } from '../services/http';
import { listMyRedemptions, listRewards, redeemReward } from '../services/rewards';
import { setTimebankBalance } from './useTimebankAccount';
import { isUncertainFailure, useIdempotentAttempt } from './useIdempotentAttempt';
import { usePagedList, type PagedList } from './usePagedList';
import { errorText } from './useRemoteData';

/** Why 兑换 is off for this reward, or null when the resident can redeem it. */
export function redeemBlock(reward: RewardView, balance: number | null): string | null {
  if (reward.stock <= 0) return '已兑完';
  if (balance !== null && reward.priceMinutes > balance) return '余额不足';
  return null;
}

const redeemRefusals: Record<string, string> = {
  INSUFFICIENT_CREDITS: '余额不足，暂时不能兑换',
  REWARD_OUT_OF_STOCK: '该项目已兑完',
  REWARD_NOT_FOUND: '该项目已下架',
  RESIDENT_NOT_VERIFIED: '请先完成住户认证',
};

export interface RewardsState extends PagedList<RewardView> {
  /** The reward waiting for the resident's confirmation, or null. */
  confirming: RewardView | null;
  redeeming: boolean;
  /** Why the last redemption failed (Chinese), or null; `error` is the list's own. */
  redeemError: string | null;
  /** The last redemption got no answer: 重试 sends it again with the same Idempotency-Key. */
  retryable: RewardView | null;
  done: RedeemResponse | null;
  ask(reward: RewardView): void;
  cancel(): void;
  confirm(): Promise<boolean>;
  retry(): Promise<boolean>;
  dismiss(): void;
}

/** The community's rewards and redeeming one: confirm, debit once per Idempotency-Key, stock updated. */
export function useRewards(enabled: boolean): RewardsState {
  const list = usePagedList(listRewards, 'rewards', (reward) => reward.id, enabled);
  const attempt = useIdempotentAttempt('rd');
  const [confirming, setConfirming] = useState<RewardView | null>(null);
  const { busy: redeeming, guard } = useInFlight();
  const [redeemError, setRedeemError] = useState<string | null>(null);
  const [retryable, setRetryable] = useState<RewardView | null>(null);
  const [done, setDone] = useState<RedeemResponse | null>(null);
  const { update, refresh } = list;

  const send = useCallback(
    async (reward: RewardView) => {
      return (
        (await guard(async () => {
          setRedeemError(null);
          try {
            const response = await redeemReward(reward.id, attempt.keyFor(String(reward.id)));
            attempt.settle();
            setTimebankBalance(response.balance, response.balanceHours);
            update((item) => (item.id === reward.id ? { ...item, stock: Math.max(0, item.stock - 1) } : item));
            setRetryable(null);
            setConfirming(null);
            setDone(response);
            return true;
          } catch (caught) {
            const uncertain = isUncertainFailure(caught);
            if (!uncertain) attempt.settle();
            setRetryable(uncertain ? reward : null);
            setConfirming(null);
            const code = caught instanceof ApiRequestError ? caught.code : '';
            if (code === 'REWARD_OUT_OF_STOCK')
              update((item) => (item.id === reward.id ? { ...item, stock: 0 } : item));
            if (code === 'REWARD_NOT_FOUND') void refresh();
            setRedeemError(
              uncertain
                ? `${errorText(caught)}。兑换可能未完成，请点“重试”：同一次兑换不会重复扣除`
                : `${reward.name}：${redeemRefusals[code] ?? errorText(caught)}`,
            );
            return false;
          }
        })) ?? false
      );
    },
    [guard, attempt, update, refresh],
  );

  const ask = useCallback((reward: RewardView) => {
    setRedeemError(null);
    setDone(null);
    setConfirming(reward);
  }, []);
  const cancel = useCallback(() => setConfirming(null), []);
  const confirm = useCallback(async () => (confirming ? send(confirming) : false), [confirming, send]);
  const retry = useCallback(async () => (retryable ? send(retryable) : false), [retryable, send]);
  const dismiss = useCallback(() => {
    setDone(null);
    setRedeemError(null);
  }, []);

  return { ...list, confirming, redeeming, redeemError, retryable, done, ask, cancel, confirm, retry, dismiss };
}

/** The caller's redemptions, newest first, with their status (待领取, 已领取, 已取消). */
export function useMyRedemptions(enabled: boolean): PagedList<RedemptionView> {
  return usePagedList(listMyRedemptions, 'redemptions', (redemption) => redemption.id, enabled);
}
