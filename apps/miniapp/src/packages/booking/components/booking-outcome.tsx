import Taro from '@tarojs/taro';
import { Text, View } from '@tarojs/components';
import type { BookingView, CreateBookingRequest, RoomView } from '@linli/shared-types';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { Button } from '../../../components/nutui';
import { bookingTimeText, durationText, holdText } from '../../../lib/bookings';
import { routes } from '../../../routes';

/** The booking went through: approved or waiting for approval, with the way on. */
export function BookingDone({ done, onAgain }: { done: BookingView; onAgain: () => void }) {
  const approved = done.status === 'approved';
  return (
    <View className="lk-card lk-done e2e-booking-done">
      <Text className="lk-done__mark">✓</Text>
      <Text className="lk-done__title e2e-booking-done-status">
        {approved ? '预约成功（已批准）' : '已提交，待审批'}
      </Text>
      <Text className="lk-done__text">{done.room.name}</Text>
      <Text className="lk-done__text">{bookingTimeText(done.startAt, done.endAt)}</Text>
      <Text className="lk-done__text lk-muted">
        {approved
          ? '请按时到场，开始前 15 分钟至开始后 15 分钟内扫门口二维码签到'
          : '社区工作人员审批后会通知您，可在“我的预约”查看'}
      </Text>
      <Button
        className="lk-button-block e2e-booking-to-mine"
        type="primary"
        shape="round"
        block
        onClick={() => void Taro.redirectTo({ url: routes.myBookings })}
      >
        查看我的预约
      </Button>
      <Button
        className="lk-button-block e2e-booking-again"
        type="primary"
        fill="outline"
        shape="round"
        block
        onClick={onAgain}
      >
        再约一个时段
      </Button>
    </View>
  );
}

interface BookingConfirmProps {
  room: RoomView;
  request: CreateBookingRequest;
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The last look before booking: room, time and its length, the credit held, purpose, head count, approval. */
export function BookingConfirm({ room, request, busy, onConfirm, onCancel }: BookingConfirmProps) {
  const minutes = (new Date(request.endAt).getTime() - new Date(request.startAt).getTime()) / 60_000;
  const hold = holdText(room, minutes);
  return (
    <ConfirmDialog
      title="确认预约"
      confirmText="确认预约"
      confirmClassName="e2e-booking-confirm"
      busy={busy}
      onConfirm={onConfirm}
      onCancel={onCancel}
    >
      <Text className="lk-dialog__big">{room.name}</Text>
      <Text className="lk-dialog__row e2e-booking-confirm-time">{bookingTimeText(request.startAt, request.endAt)}</Text>
      <Text className="lk-dialog__row e2e-booking-confirm-length">{`时长：${durationText(minutes)}`}</Text>
      {hold ? <Text className="lk-dialog__row e2e-booking-confirm-hold">{hold}</Text> : null}
      <Text className="lk-dialog__row">{`用途：${request.purpose}`}</Text>
      <Text className="lk-dialog__row">{`人数：${request.attendees} 人`}</Text>
      <Text className="lk-dialog__row lk-muted e2e-booking-confirm-approval">
        {room.requiresApproval ? '该活动室需社区审批，提交后为“待审批”' : '无需审批，提交后即预约成功'}
      </Text>
    </ConfirmDialog>
  );
}
