import Taro from '@tarojs/taro';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import type { ActivityView } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { useSession } from '../../../../hooks/useSession';
import { useMyActivities } from '../../../../hooks/useActivities';
import {
  activityStatusText,
  activityTimeText,
  durationText,
  hoursText,
  minutesSoFar,
} from '../../../../lib/activities';
import { shanghaiClock } from '../../../../lib/bookings';
import { routes } from '../../../../routes';
import './index.scss';

function MyActivityItem({ activity }: { activity: ActivityView }) {
  const mine = activity.mine;
  return (
    <View
      className={`lk-card lk-my-activity e2e-my-activity-item e2e-my-activity-item-${activity.id}`}
      onClick={() => void Taro.navigateTo({ url: `${routes.activityDetail}?id=${activity.id}` })}
    >
      <View className="lk-my-activity__head">
        <Text className="lk-my-activity__title">{activity.title}</Text>
        <Text className="lk-my-activity__status">{activityStatusText(activity)}</Text>
      </View>
      <Text className="lk-my-activity__row">{activityTimeText(activity)}</Text>
      <Text className="lk-my-activity__row lk-muted">{activity.place}</Text>
      <Text className="lk-my-activity__row e2e-my-activity-checkin">
        {mine?.checkedInAt ? `签到 ${shanghaiClock(mine.checkedInAt)}` : '未签到'}
        {' · '}
        {mine?.checkedOutAt ? `签退 ${shanghaiClock(mine.checkedOutAt)}` : '未签退'}
      </Text>
      {mine?.creditedMinutes !== null && mine?.creditedMinutes !== undefined ? (
        <Text className="lk-my-activity__credit e2e-my-activity-credited">{`已计入 ${durationText(mine.creditedMinutes)}`}</Text>
      ) : mine?.checkedInAt && mine.checkedOutAt ? (
        <Text className="lk-my-activity__row lk-muted">{`本次 ${durationText(minutesSoFar(activity, mine))}，待结算`}</Text>
      ) : null}
    </View>
  );
}

export default function MyActivitiesPage() {
  const { loggedIn } = useSession();
  const list = useMyActivities(loggedIn);
  const items = list.data ?? [];

  usePullToRefresh(async () => {
    await list.reload();
  });

  return (
    <PageShell className="lk-my-activities">
      <View className="lk-card lk-my-activities__total">
        <Text className="lk-muted">已结算的服务时长</Text>
        <Text className="lk-my-activities__hours e2e-my-activities-total">{hoursText(list.totalCreditedMinutes)}</Text>
        <Text className="lk-muted">活动结束、工作人员结算后计入时间银行</Text>
      </View>
      {list.loading && !list.data ? <ListSkeleton /> : null}
      {list.error ? (
        <ListError className="e2e-my-activities-error" message={list.error} onRetry={() => void list.reload()} />
      ) : null}
      {!list.loading && !list.error && list.data && items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-my-activities-empty"
            title="还没有报名活动"
            description="在“志愿”页选择活动即可报名"
          />
        </View>
      ) : null}
      {items.map((activity) => (
        <MyActivityItem key={activity.id} activity={activity} />
      ))}
    </PageShell>
  );
}
