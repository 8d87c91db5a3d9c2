import { useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import type { NotificationView } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useInbox } from '../../../../hooks/useInbox';
import { formatShanghaiTime } from '../../../../lib/time';
import './index.scss';

function InboxItem({ item, onOpen }: { item: NotificationView; onOpen(item: NotificationView): void }) {
  const unread = !item.read;
  return (
    <View
      className={`lk-card lk-inbox-item e2e-inbox-item e2e-inbox-item-${item.id}${unread ? ' lk-inbox-item--unread e2e-inbox-item-unread' : ''}`}
      onClick={() => onOpen(item)}
    >
      <View className="lk-inbox-item__head">
        {unread ? <View className="lk-inbox-item__dot" /> : null}
        <Text className="lk-inbox-item__title">{item.title}</Text>
      </View>
      {item.body ? <Text className="lk-inbox-item__body">{item.body}</Text> : null}
      <View className="lk-inbox-item__foot">
        <Text className="lk-muted">{formatShanghaiTime(item.createdAt)}</Text>
        {item.link ? <Text className="lk-inbox-item__more">查看 ›</Text> : null}
      </View>
    </View>
  );
}

export default function InboxPage() {
  const inbox = useInbox();

  usePullToRefresh(async () => {
    await inbox.refresh();
  });

  useReachBottom(() => {
    void inbox.loadMore();
  });

  const unread = inbox.unread ?? inbox.items.filter((item) => !item.read).length;

  return (
    <PageShell className="lk-inbox">
      <View className="lk-inbox__head">
        <Text className="lk-inbox__summary e2e-inbox-unread">{unread > 0 ? `${unread} 条未读` : '没有未读消息'}</Text>
        <Button
          className="e2e-inbox-read-all"
          shape="round"
          fill="outline"
          type="primary"
          loading={inbox.markingAll}
          disabled={inbox.markingAll || unread === 0}
          onClick={() => void inbox.readAll()}
        >
          全部已读
        </Button>
      </View>

      {inbox.loading ? <ListSkeleton /> : null}
      {inbox.error ? <ListError message={inbox.error} onRetry={() => void inbox.refresh()} /> : null}
      {!inbox.loading && !inbox.error && inbox.loaded && inbox.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-inbox-empty"
            title="暂无消息"
            description="预约结果、活动提醒和需要确认的公告会通知到这里"
          />
        </View>
      ) : null}

      {inbox.items.map((item) => (
        <InboxItem key={item.id} item={item} onOpen={inbox.open} />
      ))}
      <ListFooter
        count={inbox.items.length}
        loadingMore={inbox.loadingMore}
        hasMore={inbox.hasMore}
        moreError={inbox.moreError}
        onMore={() => void inbox.loadMore()}
      />
    </PageShell>
  );
}
