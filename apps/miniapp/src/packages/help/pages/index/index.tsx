import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { hoursText, type TimebankAccountView } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useOpenHelpRequests } from '../../../../hooks/useHelpRequests';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { reloadTimebankAccount, useTimebankAccount } from '../../../../hooks/useTimebankAccount';
import { helpPages } from '../../../../services/help';
import { HelpCard } from '../../components/help-card';
import '../../components/help.scss';

/** 可用 and 冻结: what may still be promised, and what open requests and bookings hold. */
function HelpBalance({ account }: { account: TimebankAccountView }) {
  return (
    <View className="lk-help-balance e2e-help-balance">
      <View className="lk-help-balance__cell">
        <Text className="lk-help-balance__label">可用</Text>
        <Text className="lk-help-balance__value e2e-help-available">{hoursText(account.available)} 小时</Text>
      </View>
      <View className="lk-help-balance__cell">
        <Text className="lk-help-balance__label">冻结中</Text>
        <Text className="lk-help-balance__value e2e-help-held">{hoursText(account.held)} 小时</Text>
      </View>
      <View className="lk-help-balance__cell">
        <Text className="lk-help-balance__label">总余额</Text>
        <Text className="lk-help-balance__value e2e-help-total">{hoursText(account.balance)} 小时</Text>
      </View>
    </View>
  );
}

const go = (url: string) => void Taro.navigateTo({ url });

/** The page's ways on: the first is the main one. */
const entries: Array<{ page: 'post' | 'mine' | 'commons' | 'family'; label: string }> = [
  { page: 'post', label: '我要求助' },
  { page: 'mine', label: '我的互助' },
  { page: 'commons', label: '社区公益池' },
  { page: 'family', label: '亲情转赠' },
];

export default function HelpIndexPage() {
  const { account, notVerified } = useTimebankAccount();
  const list = useOpenHelpRequests(!notVerified);

  // Back from posting, taking or confirming: the list and the balance have moved.
  useDidShow(() => {
    void reloadTimebankAccount();
    if (list.loaded) void list.refreshHead();
  });
  usePullToRefresh(() => Promise.all([reloadTimebankAccount(), list.refresh()]));
  useReachBottom(() => void list.loadMore());

  if (notVerified) {
    return (
      <PageShell className="lk-help">
        <View className="lk-card">
          <EmptyState title="请先完成住户认证" description="认证后就可以发布求助、帮邻居的忙，用时间互相酬谢" />
        </View>
      </PageShell>
    );
  }

  return (
    <PageShell className="lk-help">
      <View className="lk-card">
        <Text className="lk-card__title">邻里互助 · 用时间换帮助</Text>
        {account ? <HelpBalance account={account} /> : <ListSkeleton rows={1} />}
        <View className="lk-help-actions">
          {entries.map((entry, index) => (
            <Button
              key={entry.page}
              className={`lk-help-actions__half e2e-help-${entry.page}-open`}
              type="primary"
              fill={index === 0 ? undefined : 'outline'}
              shape="round"
              onClick={() => go(helpPages[entry.page])}
            >
              {entry.label}
            </Button>
          ))}
        </View>
      </View>

      <Text className="lk-help-section">邻居们的求助</Text>
      {list.loading ? <ListSkeleton /> : null}
      {list.error && !list.items.length ? (
        <ListError className="e2e-help-list-error" message={list.error} onRetry={() => void list.refresh()} />
      ) : null}
      {!list.loading && !list.error && list.loaded && list.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-help-empty"
            title="现在没有待响应的求助"
            description="有需要时点“我要求助”，邻居帮忙后用时间酬谢"
          />
        </View>
      ) : null}
      {list.items.map((request) => (
        <HelpCard key={request.id} request={request} />
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
