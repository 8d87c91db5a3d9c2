import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { Button } from '../nutui';
import { useOnline } from '../../hooks/useOnline';
import { goHome } from '../../routes';
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

const tabRoutes = ['pages/home/index', 'pages/bookings/index', 'pages/volunteer/index', 'pages/me/index'];

/** Off the tab bar (a subpackage page, a link from a message) an error must not be a dead end. */
function onTabPage(): boolean {
  const pages = Taro.getCurrentPages();
  const route = (pages[pages.length - 1]?.route ?? '').replace(/^\//, '');
  return tabRoutes.some((tab) => route.startsWith(tab));
}

/** The first page could not load: say why (offline is not "nothing there"), offer 重试, and a way home. */
export function ListError({ message, onRetry, className }: ListErrorProps) {
  const online = useOnline();
  return (
    <View className={`lk-card lk-list-error ${className ?? ''}`}>
      <Text className="lk-list-error__title">{online ? '加载失败' : '网络已断开'}</Text>
      <Text className="lk-list-error__message">{message}</Text>
      <Button className="lk-button-block e2e-list-retry" type="primary" shape="round" block onClick={onRetry}>
        重试
      </Button>
      {onTabPage() ? null : (
        <Button className="lk-button-block e2e-list-home" fill="outline" shape="round" block onClick={goHome}>
          回到首页
        </Button>
      )}
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
