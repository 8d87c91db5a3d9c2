import Taro, { useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import { minutesToHours, type RewardView } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import { redeemBlock, useRewards } from '../../../../hooks/useRewards';
import { routes } from '../../../../routes';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { NotVerified } from '../../components/not-verified';
import { hoursWithMinutes } from '../../components/format';
import '../../components/timebank.scss';
import './index.scss';

interface RewardCardProps {
  reward: RewardView;
  balance: number | null;
  busy: boolean;
  onRedeem(reward: RewardView): void;
}

function RewardCard({ reward, balance, busy, onRedeem }: RewardCardProps) {
  const blocked = redeemBlock(reward, balance);
  return (
    <View className={`lk-card lk-reward e2e-reward-item e2e-reward-item-${reward.id}`}>
      <Text className="lk-reward__name">{reward.name}</Text>
      {reward.description ? <Text className="lk-reward__description">{reward.description}</Text> : null}
      <View className="lk-reward__foot">
        <View className="lk-reward__facts">
          <Text className="lk-reward__price e2e-reward-price">{minutesToHours(reward.priceMinutes)}</Text>
          <Text className={`lk-reward__stock e2e-reward-stock${reward.stock > 0 ? '' : ' lk-reward__stock--out'}`}>
            {reward.stock > 0 ? `剩余 ${reward.stock} 件` : '已兑完'}
          </Text>
        </View>
        <Button
          className="lk-reward__button e2e-reward-redeem"
          type="primary"
          shape="round"
          disabled={Boolean(blocked) || busy}
          onClick={() => onRedeem(reward)}
        >
          {blocked ?? '兑换'}
        </Button>
      </View>
    </View>
  );
}

export default function RewardsPage() {
  const { account, notVerified, reload } = useTimebankAccount();
  const rewards = useRewards(!notVerified);
  const balance = account?.balance ?? null;

  usePullToRefresh(async () => {
    await Promise.all([reload(), notVerified ? Promise.resolve() : rewards.refresh()]);
  });

  useReachBottom(() => {
    if (!notVerified) void rewards.loadMore();
  });

  if (notVerified) {
    return (
      <PageShell className="lk-rewards">
        <NotVerified />
      </PageShell>
    );
  }

  const confirming = rewards.confirming;
  const done = rewards.done;

  return (
    <PageShell className="lk-rewards">
      <View className="lk-rewards__head">
        <Text className="lk-rewards__balance e2e-rewards-balance">
          我的余额：{balance === null ? '—' : minutesToHours(balance)}
        </Text>
        <Text
          className="lk-rewards__link e2e-redemptions-open"
          onClick={() => void Taro.navigateTo({ url: routes.timebankRedemptions })}
        >
          我的兑换 ›
        </Text>
      </View>

      {done ? (
        <View className="lk-card lk-done e2e-reward-done">
          <Text className="lk-done__mark">✓</Text>
          <Text className="lk-done__title">兑换成功</Text>
          <Text className="lk-done__text">
            {done.redemption.reward.name}，已扣除 {minutesToHours(done.redemption.priceMinutes)}
          </Text>
          <Text className="lk-done__text lk-muted">请到社区服务站领取，工作人员确认后状态变为“已领取”</Text>
          <Text className="lk-done__text">您的余额：{hoursWithMinutes(done.balance)}</Text>
          <Button
            className="lk-button-block e2e-reward-done-redemptions"
            type="primary"
            shape="round"
            block
            onClick={() => void Taro.navigateTo({ url: routes.timebankRedemptions })}
          >
            查看我的兑换
          </Button>
          <Button
            className="lk-button-block e2e-reward-done-close"
            type="primary"
            fill="outline"
            shape="round"
            block
            onClick={rewards.dismiss}
          >
            继续看看
          </Button>
        </View>
      ) : null}

      {rewards.redeemError ? (
        <View className="lk-card lk-tb-retry">
          <Text className="lk-form-error e2e-reward-error">{rewards.redeemError}</Text>
          {rewards.retryable ? (
            <Button
              className="lk-button-block e2e-reward-retry"
              type="warning"
              shape="round"
              block
              loading={rewards.redeeming}
              disabled={rewards.redeeming}
              onClick={() => void rewards.retry()}
            >
              重试兑换“{rewards.retryable.name}”
            </Button>
          ) : null}
        </View>
      ) : null}

      {rewards.loading ? <ListSkeleton /> : null}
      {rewards.error ? <ListError message={rewards.error} onRetry={() => void rewards.refresh()} /> : null}
      {!rewards.error && rewards.items.length === 0 && !rewards.loading && rewards.loaded ? (
        <View className="lk-card">
          <EmptyState className="e2e-rewards-empty" title="暂时没有可兑换的礼品" description="社区上新后会显示在这里" />
        </View>
      ) : null}
      {rewards.items.map((reward) => (
        <RewardCard key={reward.id} reward={reward} balance={balance} busy={rewards.redeeming} onRedeem={rewards.ask} />
      ))}
      <ListFooter
        count={rewards.items.length}
        loadingMore={rewards.loadingMore}
        hasMore={rewards.hasMore}
        moreError={rewards.moreError}
        onMore={() => void rewards.loadMore()}
      />

      {confirming ? (
        <ConfirmDialog
          title="确认兑换"
          confirmText="确认兑换"
          confirmClassName="e2e-reward-confirm"
          busy={rewards.redeeming}
          onConfirm={() => void rewards.confirm()}
          onCancel={rewards.cancel}
        >
          <Text className="lk-dialog__row">兑换“{confirming.name}”，将从余额扣除</Text>
          <Text className="lk-dialog__big lk-dialog__big--hero">{minutesToHours(confirming.priceMinutes)}</Text>
          {balance !== null ? (
            <Text className="lk-dialog__row lk-muted">
              兑换后余额：{minutesToHours(balance - confirming.priceMinutes)}
            </Text>
          ) : null}
          <Text className="lk-dialog__row lk-muted">兑换后请到社区服务站领取</Text>
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
