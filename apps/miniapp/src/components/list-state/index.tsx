import { Text, View } from '@tarojs/components';
import { Button } from '../nutui';
import './index.scss';

/** Grey blocks where cards will be, while the first page loads. */
export function ListSkeleton({ rows = 3, className }: { rows?: number; className?: string }) {
  return (
    <View className={`lk-skeleton ${className ?? ''}`}>
      {Array.from({ length: rows }, (_, index) => (
        <View key={index} className="lk-card lk-skeleton__card">
          <View className="lk-skeleton__bar lk-skeleton__bar--title" />
          <View className="lk-skeleton__bar" />
          <View className="lk-skeleton__bar lk-skeleton__bar--short" />
        </View>
      ))}
    </View>
  );
}

interface ListErrorProps {
  message: string;
  onRetry(): void;
  className?: string;
}

/** The first page could not load: say why and offer 重试. */
export function ListError({ message, onRetry, className }: ListErrorProps) {
  return (
    <View className={`lk-card lk-list-error ${className ?? ''}`}>
      <Text className="lk-list-error__title">加载失败</Text>
      <Text className="lk-list-error__message">{message}</Text>
      <Button className="lk-button-block e2e-list-retry" type="primary" shape="round" block onClick={onRetry}>
        重试
      </Button>
    </View>
  );
}

interface ListFooterProps {
  count: number;
  loadingMore: boolean;
  hasMore: boolean;
  moreError: string | null;
  onMore(): void;
}

/** Below the last card: loading, a failed next page with 重试, or the end. */
export function ListFooter({ count, loadingMore, hasMore, moreError, onMore }: ListFooterProps) {
  if (!count) return null;
  if (loadingMore) return <Text className="lk-list-footer">正在加载…</Text>;
  if (moreError) {
    return (
      <View className="lk-list-footer lk-list-footer--error" onClick={onMore}>
        <Text className="lk-form-error">{moreError}</Text>
        <Text className="lk-list-footer__retry">点此重试</Text>
      </View>
    );
  }
  if (hasMore) {
    return (
      <Text className="lk-list-footer lk-list-footer__retry" onClick={onMore}>
        加载更多
      </Text>
    );
  }
  return <Text className="lk-list-footer e2e-list-end">没有更多了</Text>;
}
