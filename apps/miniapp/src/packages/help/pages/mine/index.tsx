import { useDidShow } from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { HelpRequestView } from '@linli/shared-types';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { PageShell } from '../../../../components/page-shell';
import { useMyHelpRequests } from '../../../../hooks/useHelpRequests';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { useSession } from '../../../../hooks/useSession';
import { HelpCard } from '../../components/help-card';
import '../../components/help.scss';

export default function MyHelpPage() {
  const { user } = useSession();
  const mine = useMyHelpRequests();
  useDidShow(() => {
    if (mine.data) void mine.reload();
  });
  usePullToRefresh(() => mine.reload());
  const items = mine.data?.items ?? [];
  const posted = items.filter((r) => r.poster.id === user?.id);
  const helping = items.filter((r) => r.poster.id !== user?.id);
  const note = (r: HelpRequestView) =>
    r.helper?.id === user?.id ? '由我帮忙' : r.offeredByMe ? '我已报名' : `${r.poster.name} 发布`;

  return (
    <PageShell className="lk-help">
      {mine.loading && !mine.data ? <ListSkeleton /> : null}
      {mine.error && !mine.data ? (
        <ListError className="e2e-help-mine-error" message={mine.error} onRetry={() => void mine.reload()} />
      ) : null}
      {mine.data ? (
        <>
          <Text className="lk-help-section">我发布的</Text>
          {posted.length === 0 ? (
            <View className="lk-card">
              <EmptyState className="e2e-help-mine-posted-empty" title="还没有发布过求助" />
            </View>
          ) : null}
          {posted.map((r) => (
            <HelpCard key={r.id} request={r} note={r.helper ? `帮手：${r.helper.name}` : `${r.offerCount} 人报名`} />
          ))}
          <Text className="lk-help-section">我帮忙的</Text>
          {helping.length === 0 ? (
            <View className="lk-card">
              <EmptyState
                className="e2e-help-mine-helping-empty"
                title="还没有帮过邻居"
                description="去看看谁需要帮忙吧"
              />
            </View>
          ) : null}
          {helping.map((r) => (
            <HelpCard key={r.id} request={r} note={note(r)} />
          ))}
        </>
      ) : null}
    </PageShell>
  );
}
