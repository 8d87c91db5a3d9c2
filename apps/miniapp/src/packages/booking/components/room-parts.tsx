import Taro from '@tarojs/taro';
import { ScrollView, Text, View } from '@tarojs/components';
import type { RoomView } from '@linli/shared-types';
import { Button } from '../../../components/nutui';
import { durationText, roomPriceText, type BookingDay } from '../../../lib/bookings';
import { routes } from '../../../routes';

/** The room's name and rules; `brief` only names it (the not-verified view). */
export function RoomHead({ room, brief = false }: { room: RoomView; brief?: boolean }) {
  const line = `可容纳 ${room.capacity} 人 · 开放 ${room.openTime}–${room.closeTime}`;
  if (brief) {
    return (
      <View className="lk-card">
        <Text className="lk-room-page__name">{room.name}</Text>
        <Text className="lk-room-page__line">{line}</Text>
      </View>
    );
  }
  return (
    <View className="lk-card">
      <View className="lk-room-page__head">
        <Text className="lk-room-page__name">{room.name}</Text>
        {room.requiresApproval ? <Text className="lk-room-page__tag">需审批</Text> : null}
      </View>
      <Text className="lk-room-page__line">{line}</Text>
      <Text className="lk-room-page__line lk-muted">
        {`每格 ${room.slotMinutes} 分钟，每次最长 ${durationText(room.maxMinutes)}，需提前 ${durationText(room.minNoticeMinutes)}预约`}
      </Text>
      <Text className="lk-room-page__line e2e-room-price">{roomPriceText(room)}</Text>
      {room.description ? <Text className="lk-room-page__line lk-muted">{room.description}</Text> : null}
    </View>
  );
}

export function NotVerified() {
  return (
    <View className="lk-card lk-blocked e2e-booking-not-verified">
      <Text className="lk-blocked__title">请先完成住户认证</Text>
      <Text className="lk-blocked__text">
        活动室预约只对已认证的住户开放。请在“我的”页面填写住址，社区工作人员核实后即可预约。
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
  );
}

/** 1. 选日期: the days a booking may start on, scrolled sideways. */
export function DayPicker({
  days,
  date,
  onPick,
}: {
  days: BookingDay[];
  date: string | null;
  onPick: (date: string) => void;
}) {
  return (
    <View className="lk-card">
      <Text className="lk-card__title">1. 选日期</Text>
      <ScrollView scrollX className="lk-days" enhanced showScrollbar={false}>
        <View className="lk-days__row">
          {days.map((day) => (
            <View
              key={day.date}
              className={`lk-day e2e-day-${day.date}${day.date === date ? ' lk-day--on' : ''}`}
              onClick={() => onPick(day.date)}
            >
              <Text className="lk-day__label">{day.label}</Text>
              <Text className="lk-day__date">{day.short}</Text>
            </View>
          ))}
        </View>
      </ScrollView>
    </View>
  );
}
