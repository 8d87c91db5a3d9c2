import { useState } from 'react';
import Taro, { useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../../../hooks/usePullToRefresh';
import { Text, View } from '@tarojs/components';
import type { BookingView, MyBookingsWhen } from '@linli/shared-types';
import { PageShell } from '../../../../components/page-shell';
import { EmptyState } from '../../../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../../../components/list-state';
import { Button } from '../../../../components/nutui';
import { useSession } from '../../../../hooks/useSession';
import { canCancel, useMyBookings, type ScanOutcome } from '../../../../hooks/useMyBookings';
import { bookingStatusText, bookingTimeText } from '../../../../lib/bookings';
import { platformScanner } from '../../../../platform/scan';
import { ConfirmDialog } from '../../../../components/confirm-dialog';
import '../../components/booking.scss';
import './index.scss';

function BookingItem({ booking, onCancel }: { booking: BookingView; onCancel(): void }) {
  return (
    <View className={`lk-card lk-my-booking e2e-my-booking-item e2e-my-booking-item-${booking.id}`}>
      <View className="lk-my-booking__head">
        <Text className="lk-my-booking__room">{booking.room.name}</Text>
        <Text className={`lk-bk-status lk-bk-status--${booking.status} e2e-my-booking-status`}>
          {bookingStatusText[booking.status]}
        </Text>
      </View>
      <Text className="lk-my-booking__time">{bookingTimeText(booking.startAt, booking.endAt)}</Text>
      <Text className="lk-my-booking__line lk-muted">{`用途：${booking.purpose} · ${booking.attendees} 人`}</Text>
      {booking.reason ? <Text className="lk-my-booking__line lk-muted">{`原因：${booking.reason}`}</Text> : null}
      {canCancel(booking) ? (
        <Button
          className="lk-my-booking__cancel e2e-booking-cancel"
          fill="outline"
          type="danger"
          shape="round"
          onClick={onCancel}
        >
          取消预约
        </Button>
      ) : null}
    </View>
  );
}

const whenTabs: Array<{ when: MyBookingsWhen; label: string; empty: string }> = [
  { when: 'upcoming', label: '即将开始', empty: '没有未开始的预约' },
  { when: 'past', label: '历史预约', empty: '还没有历史预约' },
];

export default function MyBookingsPage() {
  const { loggedIn } = useSession();
  const [when, setWhen] = useState<MyBookingsWhen>('upcoming');
  const list = useMyBookings(loggedIn, when);
  const tab = whenTabs.find((t) => t.when === when)!;
  const [asking, setAsking] = useState<BookingView | null>(null);
  const [cancelError, setCancelError] = useState<string | null>(null);
  const [scanResult, setScanResult] = useState<ScanOutcome | null>(null);

  usePullToRefresh(async () => {
    await list.refresh();
  });
  useReachBottom(() => {
    void list.loadMore();
  });

  const scan = async () => {
    setScanResult(null);
    let code: string | null;
    try {
      code = await platformScanner.scan({ hint: '请扫描活动室门口的签到二维码' });
    } catch (caught) {
      setScanResult({ ok: false, text: caught instanceof Error ? caught.message : '无法打开扫码' });
      return;
    }
    if (!code) return;
    setScanResult(await list.checkIn(code));
  };

  const confirmCancel = async () => {
    if (!asking) return;
    const problem = await list.cancel(asking.id);
    setAsking(null);
    setCancelError(problem);
    if (!problem) void Taro.showToast({ title: '已取消预约', icon: 'success' });
  };

  return (
    <PageShell className="lk-my-bookings">
      <View className="lk-card lk-my-bookings__scan">
        <Text className="lk-muted">到场后，开始前 15 分钟至开始后 15 分钟内，扫活动室门口的二维码签到</Text>
        <Button
          className="lk-button-block e2e-booking-scan"
          type="primary"
          shape="round"
          block
          loading={list.scanning}
          disabled={list.scanning}
          onClick={() => void scan()}
        >
          扫码签到
        </Button>
        {scanResult ? (
          <Text
            className={`${scanResult.ok ? 'lk-form-success e2e-booking-scan-ok' : 'lk-form-error e2e-booking-scan-error'} lk-my-bookings__result`}
          >
            {scanResult.text}
          </Text>
        ) : null}
      </View>

      <View className="lk-my-bookings__tabs">
        {whenTabs.map((t) => (
          <View
            key={t.when}
            className={`lk-my-bookings__tab e2e-my-bookings-${t.when}${t.when === when ? ' lk-my-bookings__tab--active' : ''}`}
            onClick={() => setWhen(t.when)}
          >
            <Text>{t.label}</Text>
          </View>
        ))}
      </View>

      {cancelError ? <Text className="lk-form-error e2e-booking-cancel-error">{cancelError}</Text> : null}
      {list.loading ? <ListSkeleton /> : null}
      {list.error ? (
        <ListError className="e2e-my-bookings-error" message={list.error} onRetry={() => void list.refresh()} />
      ) : null}
      {!list.loading && !list.error && list.loaded && list.items.length === 0 ? (
        <View className="lk-card">
          <EmptyState
            className="e2e-my-bookings-empty"
            title={tab.empty}
            description={
              when === 'upcoming' ? '在“预约”页选择活动室和时段即可预约' : '用过、取消或未通过的预约会列在这里'
            }
          />
        </View>
      ) : null}
      {list.items.map((booking) => (
        <BookingItem
          key={booking.id}
          booking={booking}
          onCancel={() => {
            setCancelError(null);
            setAsking(booking);
          }}
        />
      ))}
      <ListFooter
        count={list.items.length}
        loadingMore={list.loadingMore}
        hasMore={list.hasMore}
        moreError={list.moreError}
        onMore={() => void list.loadMore()}
      />

      {asking ? (
        <ConfirmDialog
          title="取消这个预约？"
          confirmText="确认取消"
          cancelText="不取消"
          confirmClassName="e2e-booking-cancel-confirm"
          danger
          busy={list.cancelling === asking.id}
          onConfirm={() => void confirmCancel()}
          onCancel={() => setAsking(null)}
        >
          <Text className="lk-dialog__big">{asking.room.name}</Text>
          <Text className="lk-dialog__row">{bookingTimeText(asking.startAt, asking.endAt)}</Text>
          <Text className="lk-dialog__row lk-muted">取消后时段会让给其他邻居</Text>
        </ConfirmDialog>
      ) : null}
    </PageShell>
  );
}
