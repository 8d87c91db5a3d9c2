import { useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import {
  minutesToHours,
  redemptionStatusLabels,
  type RedemptionStatus,
  type RedemptionView,
} from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import { useMyRedemptions } from '../../../../hooks/useRewards';
import { formatShanghaiTime } from '../../../../lib/time';
import { NotVerified } from '../../components/not-verified';
import '../../components/timebank.scss';
import './index.scss';

const statusClass: Record<RedemptionStatus, string> = {
  pending: 'lk-tb-mark--pending',
  handed_over: 'lk-tb-mark--done',
  cancelled: 'lk-tb-mark--cancelled',
};

const statusNote: Record<RedemptionStatus, string> = {
  pending: '请到社区服务站领取',
  handed_over: '领取时间',
  cancelled: '已退回余额',
};

function RedemptionCard({ redemption }: { redemption: RedemptionView }) {
  const { status } = redemption;
  return (
    <View className={`lk-card lk-redemption e2e-redemption-item e2e-redemption-item-${redemption.id}`}>
      <View className="lk-redemption__head">
        <Text className="lk-redemption__name">{redemption.reward.name}</Text>
        <Text className={`lk-tb-mark ${statusClass[status]} e2e-redemption-status`}>
          {redemptionStatusLabels[status]}
        </Text>
      </View>
      <Text className="lk-redemption__price">{minutesToHours(redemption.priceMinutes)}</Text>
      <View className="lk-redemption__foot">
        <Text className="lk-muted">兑换于 {formatShanghaiTime(redemption.createdAt)}</Text>
        <Text className="lk-muted">
          {statusNote[status]}
          {status !== 'pending' && redemption.handledAt ? ` ${formatShanghaiTime(redemption.handledAt)}` : ''}
        </Text>
      </View>
    </View>
  );
}

export default function RedemptionsPage() {
  const { notVerified } = useTimebankAccount();
  const list = useMyRedemptions(!notVerified);

  usePullToRefresh(async () => {
    if (!notVerified) await list.refresh();
  });

  useReachBottom(() => {
    if (!notVerified) void list.loadMore();
  });

  if (notVerified) {
    return (
      <PageShell className="lk-redemptions">
        <NotVerified />
      </PageShell>
    );
  }

  return (
    <PageShell className="lk-redemptions">
      {list.loading ? <ListSkeleton /> : null}
      {list.error ? <ListError message={list.error} onRetry={() => void list.refresh()} /> : null}
      {!list.loading && !list.error && list.loaded && list.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-redemptions-empty"
            title="还没有兑换记录"
            description="在“兑换礼品”用时间余额兑换后，会显示在这里"
          />
        </View>
      ) : null}
      {list.items.map((redemption) => (
        <RedemptionCard key={redemption.id} redemption={redemption} />
      ))}
      <ListFooter
        count={list.items.length}
        loadingMore={list.loadingMore}
        hasMore={list.hasMore}
        moreError={list.moreError}
        onMore={() => void list.loadMore()}
      />
    </PageShell>
  );
}
