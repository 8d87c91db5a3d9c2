import Taro, { useReachBottom } from '@tarojs/taro';
import { usePullToRefresh } from '../../hooks/usePullToRefresh';
import { Image, Text, View } from '@tarojs/components';
import { errorMessages, type RoomView } from '@linli/shared-types';
import { PageShell } from '../../components/page-shell';
import { EmptyState } from '../../components/empty-state';
import { ListError, ListFooter, ListSkeleton } from '../../components/list-state';
import { Button } from '../../components/nutui';
import { useSession } from '../../hooks/useSession';
import { useRooms } from '../../hooks/useRooms';
import { durationText, roomPriceText } from '../../lib/bookings';
import { routes } from '../../routes';
import './index.scss';

function RoomItem({ room }: { room: RoomView }) {
  const photo = room.photos[0];
  return (
    <View
      className={`lk-card lk-room e2e-room-item e2e-room-item-${room.id}`}
      onClick={() => void Taro.navigateTo({ url: `${routes.bookingRoom}?id=${room.id}` })}
    >
      {photo ? (
        <Image className="lk-room__photo" src={photo} mode="aspectFill" lazyLoad />
      ) : (
        <View className="lk-room__photo lk-room__photo--none">
          <Text className="lk-room__photo-text">{room.name.slice(0, 1)}</Text>
        </View>
      )}
      <View className="lk-room__head">
        <Text className="lk-room__name">{room.name}</Text>
        {room.requiresApproval ? <Text className="lk-room__tag e2e-room-approval">需审批</Text> : null}
      </View>
      <Text className="lk-room__line">{`可容纳 ${room.capacity} 人`}</Text>
      <Text className="lk-room__line">{`开放时间 ${room.openTime}–${room.closeTime}`}</Text>
      <Text className="lk-room__line e2e-room-price">{roomPriceText(room)}</Text>
      <Text className="lk-room__line lk-muted">{`每次最长 ${durationText(room.maxMinutes)}，可提前 ${room.bookAheadDays} 天预约`}</Text>
      {room.facilities.length ? (
        <View className="lk-room__facilities">
          {room.facilities.map((facility) => (
            <Text key={facility} className="lk-room__facility">
              {facility}
            </Text>
          ))}
        </View>
      ) : null}
      <Text className="lk-room__go">查看空闲时段并预约 ›</Text>
    </View>
  );
}

export default function BookingsPage() {
  const { loggedIn, user } = useSession();
  // Pending residents cannot book (the server answers 403 RESIDENT_NOT_VERIFIED): say what to do instead.
  const pending = user?.status === 'pending';
  const rooms = useRooms(loggedIn && !pending);
  const blocked = pending || rooms.error === errorMessages.RESIDENT_NOT_VERIFIED;

  usePullToRefresh(async () => {
    if (!pending) await rooms.refresh();
  });

  useReachBottom(() => {
    void rooms.loadMore();
  });

  return (
    <PageShell className="lk-bookings">
      {blocked ? (
        <View className="lk-card lk-bookings__blocked e2e-bookings-not-verified">
          <Text className="lk-card__title">请先完成住户认证</Text>
          <Text className="lk-muted">
            活动室预约只对已认证的住户开放。请在“我的”页面填写楼栋、单元和房号，社区工作人员核实后即可预约。
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
      ) : null}

      {blocked ? null : (
        <>
          <View
            className="lk-card lk-bookings__mine e2e-my-bookings-entry"
            onClick={() => void Taro.navigateTo({ url: routes.myBookings })}
          >
            <View className="lk-bookings__mine-text">
              <Text className="lk-bookings__mine-title">我的预约</Text>
              <Text className="lk-muted">查看、取消预约，到场后扫码签到</Text>
            </View>
            <Text className="lk-bookings__mine-arrow">›</Text>
          </View>

          <Text className="lk-bookings__title">活动室</Text>
          {rooms.loading ? <ListSkeleton className="e2e-rooms-skeleton" /> : null}
          {rooms.error ? (
            <ListError className="e2e-rooms-error" message={rooms.error} onRetry={() => void rooms.refresh()} />
          ) : null}
          {!rooms.loading && !rooms.error && rooms.loaded && rooms.items.length === 0 ? (
            <View className="lk-card">
              <EmptyState
                className="e2e-rooms-empty"
                title="暂无可预约的活动室"
                description="社区开放活动室后，会显示在这里"
              />
            </View>
          ) : null}
          {rooms.items.map((room) => (
            <RoomItem key={room.id} room={room} />
          ))}
          <ListFooter
            count={rooms.items.length}
            loadingMore={rooms.loadingMore}
            hasMore={rooms.hasMore}
            moreError={rooms.moreError}
            onMore={() => void rooms.loadMore()}
          />
        </>
      )}
    </PageShell>
  );
}
