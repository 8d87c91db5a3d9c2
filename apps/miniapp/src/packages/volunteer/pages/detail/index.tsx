import { useState } from 'react';
import Taro, { useRouter } from '@tarojs/taro';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import { PageShell } from '../../../../components/page-shell';
import { ListError, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useSession } from '../../../../hooks/useSession';
import { useActivity, useActivityScan } from '../../../../hooks/useActivities';
import {
  activityStatusText,
  activityTimeText,
  attendanceText,
  canCancelSignup,
  canSignUp,
  durationText,
  minutesSoFar,
  scanPurposeNow,
} from '../../../../lib/activities';
import { formatShanghaiTime } from '../../../../lib/time';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import { platformLocation } from '../../../../platform/location';
import './index.scss';

export default function ActivityDetailPage() {
  const router = useRouter();
  const parsed = Number(router.params.id);
  const id = Number.isInteger(parsed) && parsed > 0 ? parsed : null;
  const { user } = useSession();
  const detail = useActivity(id);
  const activity = detail.data;
  const [asking, setAsking] = useState<'signup' | 'cancel' | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);
  const { scanning, outcome, scan } = useActivityScan((result) => {
    if (result.kind === 'activity_checkin' || result.kind === 'activity_checkout')
      detail.set({ ...result.activity, mine: result.attendance });
  });

  usePullToRefresh(async () => {
    await detail.reload();
  });

  const confirm = async () => {
    const problem = asking === 'signup' ? await detail.signUp() : await detail.cancelSignup();
    const done = asking === 'signup' ? '报名成功' : '已取消报名';
    setAsking(null);
    setActionError(problem);
    if (!problem) void Taro.showToast({ title: done, icon: 'success' });
  };

  const openMap = () => {
    if (!activity?.geofence) return;
    const { lat, lng } = activity.geofence;
    platformLocation.showOnMap({ lat, lng, name: activity.title, address: activity.place });
  };

  if (id === null) {
    return (
      <PageShell className="lk-activity-detail">
        <ListError message="找不到该活动" onRetry={() => void Taro.navigateBack()} />
      </PageShell>
    );
  }

  const volunteer = Boolean(user?.volunteer);
  const mine = activity?.mine ?? null;
  const purpose = activity ? scanPurposeNow(activity) : 'checkin';
  const canScan = Boolean(activity && mine && activity.status === 'published' && !mine.checkedOutAt);

  return (
    <PageShell className="lk-activity-detail">
      {detail.loading && !activity ? <ListSkeleton rows={2} /> : null}
      {detail.error && !activity ? (
        <ListError className="e2e-activity-error" message={detail.error} onRetry={() => void detail.reload()} />
      ) : null}
      {activity ? (
        <>
          <View className="lk-card lk-ad">
            <View className="lk-ad__head">
              <Text className="lk-ad__title e2e-activity-title">{activity.title}</Text>
              <Text className="lk-ad__status">{activityStatusText(activity)}</Text>
            </View>
            <Text className="lk-ad__row">{`时间：${activityTimeText(activity)}`}</Text>
            <Text className="lk-ad__row">{`地点：${activity.place}`}</Text>
            {activity.geofence ? (
              <>
                <Text className="lk-ad__map e2e-activity-map" onClick={openMap}>
                  在地图中查看 ›
                </Text>
                <Text className="lk-ad__row lk-muted">{`签到时需在地点 ${activity.geofence.radiusM} 米内`}</Text>
              </>
            ) : null}
            <Text className="lk-ad__row">
              {activity.placesLeft > 0
                ? `剩余名额 ${activity.placesLeft} / ${activity.capacity}`
                : `名额已满（${activity.capacity} 人）`}
            </Text>
            <Text className="lk-ad__row lk-muted">{`报名截止：${formatShanghaiTime(activity.signupDeadline)}`}</Text>
            {activity.description ? <Text className="lk-ad__desc">{activity.description}</Text> : null}
          </View>

          <View className="lk-card lk-ad">
            <Text className="lk-card__title">我的报名</Text>
            <Text className={`lk-ad__state ${mine ? 'e2e-activity-signed-up' : 'e2e-activity-not-signed-up'}`}>
              {attendanceText(mine)}
            </Text>
            {mine?.creditedMinutes !== null && mine?.creditedMinutes !== undefined ? (
              <Text className="lk-ad__row">{`已计入时间银行 ${durationText(mine.creditedMinutes)}`}</Text>
            ) : mine?.checkedOutAt ? (
              <Text className="lk-ad__row lk-muted">{`本次服务 ${durationText(minutesSoFar(activity, mine))}，结算后计入时间银行`}</Text>
            ) : null}

            {!volunteer && !mine ? (
              <Text className="lk-muted e2e-activity-not-volunteer">
                志愿者身份由社区工作人员开通，开通后即可报名。
              </Text>
            ) : null}
            {volunteer && canSignUp(activity) ? (
              <Button
                className="lk-button-block e2e-activity-signup"
                type="primary"
                shape="round"
                block
                onClick={() => {
                  setActionError(null);
                  setAsking('signup');
                }}
              >
                报名
              </Button>
            ) : null}
            {canCancelSignup(activity) ? (
              <Button
                className="lk-button-block e2e-activity-cancel-signup"
                type="danger"
                fill="outline"
                shape="round"
                block
                onClick={() => {
                  setActionError(null);
                  setAsking('cancel');
                }}
              >
                取消报名
              </Button>
            ) : mine && !mine.checkedInAt && activity.status === 'published' ? (
              <Text className="lk-muted">活动开始前 2 小时内不能取消报名</Text>
            ) : null}
            {actionError ? <Text className="lk-form-error e2e-activity-action-error">{actionError}</Text> : null}
          </View>

          {canScan ? (
            <View className="lk-card lk-ad">
              <Text className="lk-muted">
                {purpose === 'checkin'
                  ? '到场后扫现场屏幕上的签到二维码（开始前 30 分钟至结束）'
                  : '离开前扫现场屏幕上的签退二维码（开始后至结束后 60 分钟）'}
              </Text>
              {activity.geofence ? (
                <Text className="lk-muted">该活动需要确认您在活动地点附近，扫码后会请求获取位置。</Text>
              ) : null}
              <Button
                className="lk-button-block lk-ad__scan e2e-scan-open"
                type="primary"
                shape="round"
                block
                loading={scanning}
                disabled={scanning}
                onClick={() => void scan({ activity, purpose })}
              >
                {purpose === 'checkin' ? '扫码签到' : '扫码签退'}
              </Button>
            </View>
          ) : null}
          {outcome ? (
            <Text
              className={`lk-ad__result ${outcome.ok ? 'lk-form-success e2e-scan-result' : 'lk-form-error e2e-scan-error'}`}
            >
              {outcome.text}
            </Text>
          ) : null}
        </>
      ) : null}

      {asking && activity ? (
        <ConfirmDialog
          title={asking === 'signup' ? '报名这个活动？' : '取消报名？'}
          confirmText={asking === 'signup' ? '确认报名' : '确认取消'}
          cancelText={asking === 'signup' ? '再想想' : '不取消'}
          confirmClassName={asking === 'signup' ? 'e2e-activity-signup-confirm' : 'e2e-activity-cancel-confirm'}
          danger={asking === 'cancel'}
          busy={detail.busy}
          onConfirm={() => void confirm()}
          onCancel={() => setAsking(null)}
        >
          <Text className="lk-dialog__big">{activity.title}</Text>
          <Text className="lk-dialog__row">{activityTimeText(activity)}</Text>
          <Text className="lk-dialog__row">{activity.place}</Text>
          <Text className="lk-dialog__row lk-muted">
            {asking === 'signup' ? '如需取消，请在开始前 2 小时之前取消' : '取消后名额会让给其他志愿者'}
          </Text>
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
