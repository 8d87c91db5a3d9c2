import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useCentreWeek, type WeekEntry } from '../../../../hooks/useCentre';
import { useFreshOnReturn } from '../../../../hooks/useFreshOnReturn';
import { useSession } from '../../../../hooks/useSession';
import { bookingTimeText } from '../../../../lib/bookings';
import { centrePages, openEvent, openGroup } from '../../components/centre-pages';
import { mySignupText } from '../../components/event-rules';
import { GroupCard } from '../../components/parts';
import '../../components/centre.scss';

function WeekItem({ entry }: { entry: WeekEntry }) {
  const mine = entry.event ? mySignupText(entry.event) : null;
  return (
    <View
      className={`lk-centre-week__item e2e-centre-week-item e2e-centre-week-${entry.kind}`}
      onClick={() => (entry.kind === 'event' ? openEvent(entry.id) : openGroup(entry.id))}
    >
      <View className="lk-centre-card__tags">
        <Text className="lk-mark">{entry.kind === 'event' ? '社区活动' : '小组活动'}</Text>
        {mine ? <Text className="lk-mark lk-mark--acked">{mine}</Text> : null}
      </View>
      <Text className="lk-centre-card__title">{entry.title}</Text>
      <Text className="lk-centre-card__line">{bookingTimeText(entry.startAt, entry.endAt)}</Text>
      <Text className="lk-muted lk-centre-card__line">
        {[entry.place, entry.groupName].filter(Boolean).join(' · ')}
      </Text>
    </View>
  );
}

/** 活动中心: this week at the centre, my groups, and the way to every group and event. */
export default function CentrePage() {
  const { loggedIn } = useSession();
  const week = useCentreWeek(loggedIn);
  useFreshOnReturn(() => week.reload(), week.data !== undefined);

  const entries = week.data?.entries ?? [];
  const myGroups = week.data?.myGroups ?? [];
  return (
    <PageShell className="lk-centre">
      <View className="lk-centre-actions">
        <Button
          className="lk-centre-actions__button e2e-centre-events"
          type="primary"
          shape="round"
          onClick={() => void Taro.navigateTo({ url: centrePages.events })}
        >
          社区活动
        </Button>
        <Button
          className="lk-centre-actions__button e2e-centre-groups"
          type="primary"
          fill="outline"
          shape="round"
          onClick={() => void Taro.navigateTo({ url: centrePages.groups })}
        >
          兴趣小组
        </Button>
      </View>

      {!week.data && week.loading ? <ListSkeleton rows={2} /> : null}
      {!week.data && week.error ? <ListError message={week.error} onRetry={() => void week.reload()} /> : null}

      {week.data ? (
        <>
          <View className="lk-centre-section">
            <Text className="lk-centre-section__title">本周活动中心</Text>
          </View>
          <View className="lk-card e2e-centre-week">
            {entries.length ? (
              entries.map((entry) => <WeekItem key={entry.key} entry={entry} />)
            ) : (
              <EmptyState
                className="e2e-centre-week-empty"
                title="这周还没有安排"
                description="看看社区活动，或加入一个兴趣小组"
              />
            )}
          </View>

          <View className="lk-centre-section">
            <Text className="lk-centre-section__title">我的小组</Text>
            <Text
              className="lk-centre-section__link e2e-centre-propose"
              onClick={() => void Taro.navigateTo({ url: centrePages.propose })}
            >
              发起小组 ›
            </Text>
          </View>
          {myGroups.length ? (
            myGroups.map((group) => <GroupCard key={group.id} group={group} onOpen={() => openGroup(group.id)} />)
          ) : (
            <View className="lk-card">
              <EmptyState
                className="e2e-centre-mine-empty"
                title="还没有加入小组"
                description="合唱、书法、下棋……和邻居一起做喜欢的事"
              >
                <Button
                  className="lk-button-block e2e-centre-browse-groups"
                  type="primary"
                  shape="round"
                  block
                  onClick={() => void Taro.navigateTo({ url: centrePages.groups })}
                >
                  看看有哪些小组
                </Button>
              </EmptyState>
            </View>
          )}
        </>
      ) : null}
    </PageShell>
  );
}
