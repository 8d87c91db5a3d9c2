import { useRef, useState } from 'react';
import { useDidShow, useReachBottom } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { requestCategories, requestCategoryLabels, type RequestCategory, type RequestView } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { usePublicRequests, useSecondRequest } from '../../../../hooks/useRequests';
import { useSession } from '../../../../hooks/useSession';
import { openRequest } from '../../../../routes';
import { RequestCard } from '../../components/parts';
import '../../components/requests.scss';

const tabs: Array<{ key: RequestCategory | null; label: string }> = [
  { key: null, label: '全部' },
  ...requestCategories.map((key) => ({ key, label: requestCategoryLabels[key] })),
];

/** 我也遇到 on a neighbour's request; the count comes from the server's answer. */
function SecondButton({ request, onSeconded }: { request: RequestView; onSeconded(seconds: number): void }) {
  const second = useSecondRequest();
  if (request.mine) return <Text className="lk-muted lk-req-second__note">这是您反映的诉求</Text>;
  if (request.secondedByMe) {
    return (
      <Text className="lk-req-second__done e2e-request-seconded">{`✓ 您也遇到了 · 共 ${request.seconds} 人`}</Text>
    );
  }
  return (
    <View onClick={(event) => event.stopPropagation()}>
      <Button
        className="lk-req-second e2e-request-second"
        type="primary"
        fill="outline"
        shape="round"
        loading={second.busy}
        disabled={second.busy}
        onClick={async () => {
          const answer = await second.run(request.id);
          if (answer) onSeconded(answer.seconds);
        }}
      >
        我也遇到
      </Button>
      {second.error ? <Text className="lk-form-error">{second.error}</Text> : null}
    </View>
  );
}

export default function PublicRequestsPage() {
  const { loggedIn } = useSession();
  const [category, setCategory] = useState<RequestCategory | null>(null);
  const list = usePublicRequests(category, loggedIn);

  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && list.loaded) void list.refreshHead();
    shown.current = true;
  });
  usePullToRefresh(() => list.refresh());
  useReachBottom(() => {
    void list.loadMore();
  });

  return (
    <PageShell className="lk-req-public">
      <Text className="lk-muted lk-req-intro">
        邻居公开的诉求。遇到同样的事就点“我也遇到”，社区会知道有多少人受影响。
      </Text>
      <View className="lk-req-chips lk-req-chips--filter">
        {tabs.map((tab) => (
          <Text
            key={tab.key ?? 'all'}
            className={`lk-req-chip e2e-request-filter-${tab.key ?? 'all'}${tab.key === category ? ' lk-req-chip--on' : ''}`}
            onClick={() => setCategory(tab.key)}
          >
            {tab.label}
          </Text>
        ))}
      </View>

      {list.loading ? <ListSkeleton /> : null}
      {list.error ? <ListError message={list.error} onRetry={() => void list.refresh()} /> : null}
      {!list.loading && !list.error && list.loaded && list.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-request-public-empty"
            title={category ? '这一类还没有公开的诉求' : '社区里还没有公开的诉求'}
            description="邻居选择公开的诉求会显示在这里"
          />
        </View>
      ) : null}
      {list.items.map((request) => (
        <RequestCard
          key={request.id}
          request={request}
          onOpen={() => openRequest(request.id)}
          footer={
            <SecondButton
              request={request}
              onSeconded={(seconds) =>
                list.update((item) => (item.id === request.id ? { ...item, seconds, secondedByMe: true } : item))
              }
            />
          }
        />
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
