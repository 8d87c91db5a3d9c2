import Taro, { useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import { errorMessages, type ActivityView } from '@linli/shared-types';
import { PageShell } from '../../components/page-shell';
import { EmptyState } from '../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../components/list-state';
import { Button } from '../../components/nutui';
import { useSession } from '../../hooks/useSession';
import { useActivities, useActivityScan, useMyActivities } from '../../hooks/useActivities';
import { activityStatusText, activityTimeText, hoursText, isUpcoming } from '../../lib/activities';
import { routes } from '../../routes';
import { helpPages } from '../../services/help';
import './index.scss';

function ActivityItem({ activity }: { activity: ActivityView }) {
  const status = activityStatusText(activity);
  return (
    <View
      className={`lk-card lk-activity e2e-activity-item e2e-activity-item-${activity.id}`}
      onClick={() => void Taro.navigateTo({ url: `${routes.activityDetail}?id=${activity.id}` })}
    >
      <View className="lk-activity__head">
        <Text className="lk-activity__title">{activity.title}</Text>
        <Text className="lk-activity__status">{status}</Text>
      </View>
      <Text className="lk-activity__line">{`时间：${activityTimeText(activity)}`}</Text>
      <Text className="lk-activity__line">{`地点：${activity.place}`}</Text>
      {isUpcoming(activity) ? (
        <Text className="lk-activity__line">
          {activity.placesLeft > 0
            ? `剩余名额 ${activity.placesLeft} / ${activity.capacity}`
            : `名额已满（${activity.capacity} 人）`}
        </Text>
      ) : (
        <Text className="lk-activity__line lk-muted">{`${activity.signedUp} 人参加`}</Text>
      )}
      {activity.mine ? <Text className="lk-activity__mine e2e-activity-signed-up">已报名</Text> : null}
      <Text className="lk-activity__go">查看详情 ›</Text>
    </View>
  );
}

export default function VolunteerPage() {
  const { loggedIn, user } = useSession();
  const pending = user?.status === 'pending';
  const volunteer = Boolean(user?.volunteer);
  const list = useActivities(loggedIn && !pending);
  const mine = useMyActivities(loggedIn && !pending && volunteer);
  const blocked = pending || list.error === errorMessages.RESIDENT_NOT_VERIFIED;
  const { scanning, outcome, scan } = useActivityScan(() => void mine.reload());

  usePullToRefresh(async () => {
    if (!pending) await Promise.all([list.refresh(), volunteer ? mine.reload() : Promise.resolve()]);
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  const now = new Date();
  // Soonest first (the server pages newest-created first).
  const upcoming = list.items
    .filter((activity) => isUpcoming(activity, now))
    .sort((a, b) => new Date(a.startAt).getTime() - new Date(b.startAt).getTime());
  const past = list.items.filter((activity) => !isUpcoming(activity, now));

  return (
    <PageShell className="lk-volunteer">
      {blocked ? (
        <View className="lk-card e2e-volunteer-not-verified">
          <Text className="lk-card__title">请先完成住户认证</Text>
          <Text className="lk-muted">
            志愿活动只对已认证的住户开放。请在“我的”页面填写楼栋、单元和房号，社区工作人员核实后即可查看。
          </Text>
          <Button
            className="lk-button-block"
            type="primary"
            shape="round"
            block
            onClick={() => void Taro.switchTab({ url: routes.me })}
          >
            去“我的”填写住址
          </Button>
        </View>
      ) : (
        <>
          {volunteer ? (
            <View className="lk-card lk-volunteer__panel">
              <View className="lk-volunteer__hours e2e-volunteer-hours">
                <Text className="lk-muted">我的服务时长（已结算）</Text>
                <Text className="lk-volunteer__hours-value">
                  {mine.error ? '暂时无法读取' : mine.data ? hoursText(mine.totalCreditedMinutes) : '…'}
                </Text>
              </View>
              <Button
                className="lk-button-block lk-volunteer__scan e2e-scan-open"
                type="primary"
                shape="round"
                block
                loading={scanning}
                disabled={scanning}
                onClick={() => void scan()}
              >
                扫码签到 / 签退
              </Button>
              {outcome ? (
                <Text
                  className={`lk-volunteer__result ${outcome.ok ? 'lk-form-success e2e-scan-result' : 'lk-form-error e2e-scan-error'}`}
                >
                  {outcome.text}
                </Text>
              ) : null}
              <View className="lk-volunteer__entries">
                <View
                  className="lk-volunteer__entry e2e-my-activities-entry"
                  onClick={() => void Taro.navigateTo({ url: routes.myActivities })}
                >
                  <Text className="lk-volunteer__entry-title">我的活动</Text>
                  <Text className="lk-muted">报名、签到与时长 ›</Text>
                </View>
                <View
                  className="lk-volunteer__entry e2e-my-code-entry"
                  onClick={() => void Taro.navigateTo({ url: routes.myCode })}
                >
                  <Text className="lk-volunteer__entry-title">我的签到码</Text>
                  <Text className="lk-muted">不能扫码时出示 ›</Text>
                </View>
                <View
                  className="lk-volunteer__entry e2e-help-entry"
                  onClick={() => void Taro.navigateTo({ url: helpPages.index })}
                >
                  <Text className="lk-volunteer__entry-title">邻里互助</Text>
                  <Text className="lk-muted">邻居的求助，用时间酬谢 ›</Text>
                </View>
              </View>
            </View>
          ) : (
            <View className="lk-card lk-volunteer__note e2e-volunteer-not-volunteer">
              <Text className="lk-card__title">想当志愿者？</Text>
              <Text className="lk-muted">
                志愿者身份由社区工作人员开通。开通后即可报名活动、扫码签到并累计服务时长。您可以先看看下面的活动。
              </Text>
            </View>
          )}

          <Text className="lk-volunteer__title">近期活动</Text>
          {list.loading ? <ListSkeleton className="e2e-activities-skeleton" /> : null}
          {list.error ? (
            <ListError className="e2e-activities-error" message={list.error} onRetry={() => void list.refresh()} />
          ) : null}
          {!list.loading && !list.error && list.loaded && upcoming.length === 0 ? (
            <View className="lk-card">
              <EmptyState
                className="e2e-activities-empty"
                title="暂无即将开始的活动"
                description="社区发布志愿活动后，会显示在这里"
              />
            </View>
          ) : null}
          {upcoming.map((activity) => (
            <ActivityItem key={activity.id} activity={activity} />
          ))}
          {past.length ? <Text className="lk-volunteer__title">往期活动</Text> : null}
          {past.map((activity) => (
            <ActivityItem key={activity.id} activity={activity} />
          ))}
          <ListFooter
            count={list.items.length}
            loadingMore={list.loadingMore}
            hasMore={list.hasMore}
            moreError={list.moreError}
            onMore={() => void list.loadMore()}
          />
        </>
      )}
    </PageShell>
  );
}
