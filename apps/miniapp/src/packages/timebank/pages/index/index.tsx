import Taro, { useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import { hoursText, ledgerKindLabels, type StatementItem, type TimebankAccountView } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import { useStatement } from '../../../../hooks/useStatement';
import { formatShanghaiTime } from '../../../../lib/time';
import { routes } from '../../../../routes';
import { NotVerified } from '../../components/not-verified';
import { signedHours } from '../../components/format';
import '../../components/timebank.scss';
import './index.scss';

function BalanceCard({ account }: { account: TimebankAccountView }) {
  return (
    <View className="lk-card lk-tb-balance">
      <Text className="lk-tb-balance__label">我的时间余额</Text>
      <View className="e2e-timebank-balance">
        <Text className="lk-tb-balance__amount">
          {hoursText(account.balance)}
          <Text className="lk-tb-balance__unit">小时</Text>
        </Text>
        <Text className="lk-tb-balance__minutes">共 {account.balance} 分钟</Text>
      </View>
      <View className="lk-tb-account">
        <Text className="lk-tb-account__id e2e-timebank-account-id">我的账户编号 #{account.userId}</Text>
        <Text className="lk-tb-hint">邻居要转时间给您时，请把这个编号告诉对方</Text>
      </View>
      <View className="lk-tb-actions">
        <Button
          className="lk-tb-actions__main e2e-transfer-open"
          type="primary"
          shape="round"
          block
          onClick={() => void Taro.navigateTo({ url: routes.timebankTransfer })}
        >
          转赠给邻居
        </Button>
        <View className="lk-tb-actions__row">
          <Button
            className="lk-tb-actions__half e2e-rewards-open"
            type="primary"
            fill="outline"
            shape="round"
            onClick={() => void Taro.navigateTo({ url: routes.timebankRewards })}
          >
            兑换礼品
          </Button>
          <Button
            className="lk-tb-actions__half e2e-redemptions-open"
            type="primary"
            fill="outline"
            shape="round"
            onClick={() => void Taro.navigateTo({ url: routes.timebankRedemptions })}
          >
            我的兑换
          </Button>
        </View>
      </View>
    </View>
  );
}

function StatementLine({ item }: { item: StatementItem }) {
  const incoming = item.amount > 0;
  return (
    <View className={`lk-card lk-tb-line e2e-statement-item e2e-statement-item-${item.id}`}>
      <View className="lk-tb-line__head">
        <Text className="lk-tb-mark e2e-statement-kind">{ledgerKindLabels[item.kind]}</Text>
        <Text
          className={`lk-tb-line__amount ${incoming ? 'lk-tb-amount--in' : 'lk-tb-amount--out'} e2e-statement-amount`}
        >
          {signedHours(item.amount)}
        </Text>
      </View>
      <Text className="lk-tb-line__party">
        {incoming ? '来自' : '付给'}：{item.counterparty.name}
      </Text>
      {item.memo ? <Text className="lk-tb-line__memo">{item.memo}</Text> : null}
      <View className="lk-tb-line__foot">
        <Text className="lk-muted">{formatShanghaiTime(item.createdAt)}</Text>
        <Text className="lk-muted">
          {Math.abs(item.amount)} 分钟
          {item.reversedById ? ' · 已冲正' : ''}
        </Text>
      </View>
    </View>
  );
}

export default function TimebankPage() {
  const { account, loading, error, notVerified, reload } = useTimebankAccount();
  const statement = useStatement(!notVerified);

  usePullToRefresh(async () => {
    await Promise.all([reload(), notVerified ? Promise.resolve() : statement.refresh()]);
  });

  useReachBottom(() => {
    if (!notVerified) void statement.loadMore();
  });

  if (notVerified) {
    return (
      <PageShell className="lk-timebank">
        <NotVerified />
      </PageShell>
    );
  }

  return (
    <PageShell className="lk-timebank">
      {account ? <BalanceCard account={account} /> : null}
      {!account && loading ? <ListSkeleton rows={1} /> : null}
      {!account && error ? (
        <ListError className="e2e-timebank-error" message={error} onRetry={() => void reload()} />
      ) : null}

      <Text className="lk-tb-section-title">收支明细</Text>
      {statement.loading ? <ListSkeleton /> : null}
      {statement.error ? <ListError message={statement.error} onRetry={() => void statement.refresh()} /> : null}
      {!statement.loading && !statement.error && statement.loaded && statement.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-statement-empty"
            title="还没有收支记录"
            description="参加志愿服务获得的时间、邻居的转赠和兑换都会记在这里"
          />
        </View>
      ) : null}
      {statement.items.map((item) => (
        <StatementLine key={item.id} item={item} />
      ))}
      <ListFooter
        count={statement.items.length}
        loadingMore={statement.loadingMore}
        hasMore={statement.hasMore}
        moreError={statement.moreError}
        onMore={() => void statement.loadMore()}
      />
    </PageShell>
  );
}
