import { useRef } from 'react';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useMyRequests } from '../../../../hooks/useRequests';
import { useSession } from '../../../../hooks/useSession';
import { openRequest, requestPages } from '../../../../routes';
import { RequestCard } from '../../components/parts';
import '../../components/requests.scss';

export default function MyRequestsPage() {
  const { loggedIn } = useSession();
  const list = useMyRequests(loggedIn);

  // Back from a request (rated, reopened) or from a new one: the changed rows on top.
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
    <PageShell className="lk-req-mine">
      <View className="lk-req-actions">
        <Button
          className="lk-button-block e2e-request-new"
          type="primary"
          shape="round"
          block
          onClick={() => void Taro.navigateTo({ url: requestPages.submit })}
        >
          反映新诉求
        </Button>
        <Button
          className="lk-button-block e2e-request-public-open"
          type="primary"
          fill="outline"
          shape="round"
          block
          onClick={() => void Taro.navigateTo({ url: requestPages.public })}
        >
          看看社区里的诉求
        </Button>
      </View>

      {list.loading ? <ListSkeleton /> : null}
      {list.error ? <ListError message={list.error} onRetry={() => void list.refresh()} /> : null}
      {!list.loading && !list.error && list.loaded && list.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-request-mine-empty"
            title="还没有反映过诉求"
            description="楼道灯坏了、垃圾没清、邻里纠纷……有事点上面的按钮告诉社区"
          />
        </View>
      ) : null}
      {list.items.map((request) => (
        <RequestCard key={request.id} request={request} onOpen={() => openRequest(request.id)} />
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
