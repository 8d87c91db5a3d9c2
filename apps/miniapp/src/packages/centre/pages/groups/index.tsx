import Taro, { useReachBottom } from '@tarojs/taro';
import { View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useGroups } from '../../../../hooks/useCentre';
import { useFreshOnReturn } from '../../../../hooks/useFreshOnReturn';
import { useSession } from '../../../../hooks/useSession';
import { centrePages, openGroup } from '../../components/centre-pages';
import { GroupCard } from '../../components/parts';
import '../../components/centre.scss';

/** Every group a resident can join, and their own proposals with the staff's answer. */
export default function GroupsPage() {
  const { loggedIn } = useSession();
  const list = useGroups(loggedIn);
  useFreshOnReturn(
    () => list.refresh(),
    list.loaded,
    () => list.refreshHead(),
  );
  useReachBottom(() => {
    void list.loadMore();
  });

  return (
    <PageShell className="lk-centre-groups">
      <View className="lk-centre-actions">
        <Button
          className="lk-centre-actions__button e2e-group-propose-open"
          type="primary"
          fill="outline"
          shape="round"
          onClick={() => void Taro.navigateTo({ url: centrePages.propose })}
        >
          发起新小组
        </Button>
      </View>
      {list.loading ? <ListSkeleton /> : null}
      {list.error ? <ListError message={list.error} onRetry={() => void list.refresh()} /> : null}
      {!list.loading && !list.error && list.loaded && list.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-groups-empty"
            title="社区还没有兴趣小组"
            description="您可以发起一个，社区审核后邻居就能加入"
          />
        </View>
      ) : null}
      {list.items.map((group) => (
        <GroupCard key={group.id} group={group} onOpen={() => openGroup(group.id)} />
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
