import { Alert, App, Input, Modal, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useBookingAction, type BookingAction } from '../../hooks/useBookings';
import { bookingTimeText } from '../../lib/booking-format';
import type { BookingRow } from '../../services/bookings';
import type { ApiRequestError } from '../../services/http';

const actionTexts: Record<
  BookingAction,
  { title: string; ok: string; done: string; needsReason: boolean; hint: string }
> = {
  approve: {
    title: '批准预约',
    ok: '批准',
    done: '已批准',
    needsReason: false,
    hint: '批准后会通知预约人，时段保持占用。',
  },
  reject: {
    title: '拒绝预约',
    ok: '拒绝',
    done: '已拒绝',
    needsReason: true,
    hint: '拒绝后立即释放时段，原因会通知预约人。',
  },
  cancel: {
    title: '取消预约',
    ok: '取消预约',
    done: '已取消',
    needsReason: true,
    hint: '取消后立即释放时段，原因会通知预约人。',
  },
  'check-in': {
    title: '代签到',
    ok: '签到',
    done: '已代签到',
    needsReason: false,
    hint: '预约人到场但无法扫码时，由工作人员代为签到。',
  },
};

/** Confirmation of a staff action on a booking; rejection and cancellation need a reason. */
export function BookingActionDialog({
  booking,
  action,
  onClose,
}: {
  booking: BookingRow | null;
  action: BookingAction | null;
  onClose: (done: boolean) => void;
}) {
  const { message } = App.useApp();
  const mutation = useBookingAction();
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const open = booking !== null && action !== null;

  useEffect(() => {
    if (open) {
      setReason('');
      setTouched(false);
      mutation.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, booking?.id, action]);

  if (!open) return null;
  const text = actionTexts[action];
  const reasonMissing = text.needsReason && reason.trim().length === 0;

  const submit = async () => {
    setTouched(true);
    if (reasonMissing) return;
    try {
      await mutation.mutateAsync({
        action,
        bookingId: booking.id,
        reason: text.needsReason ? reason.trim() : undefined,
      });
      message.success(`${text.done}：${booking.room.name} ${bookingTimeText(booking)}`);
      onClose(true);
    } catch {
      // Shown in the dialog: the refusal says why (already handled, started, …).
    }
  };

  return (
    <Modal
      open
      title={text.title}
      okText={text.ok}
      cancelText="返回"
      okButtonProps={{
        danger: action === 'reject' || action === 'cancel',
        loading: mutation.isPending,
        'data-testid': 'booking-confirm',
      }}
      onOk={submit}
      onCancel={() => onClose(false)}
      destroyOnHidden
    >
      <Typography.Paragraph>
        {booking.room.name} · {bookingTimeText(booking)} · {booking.booker.name ?? '未命名'}
        <br />
        <Typography.Text type="secondary">{booking.purpose}</Typography.Text>
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">{text.hint}</Typography.Paragraph>
      {text.needsReason && (
        <>
          <Input.TextArea
            data-testid="booking-reject-reason"
            aria-label="原因"
            placeholder={
              action === 'reject' ? '拒绝原因（必填），例如：与社区活动冲突' : '取消原因（必填），例如：活动室临时维修'
            }
            value={reason}
            maxLength={200}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            status={touched && reasonMissing ? 'error' : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {touched && reasonMissing && <Typography.Text type="danger">请填写原因</Typography.Text>}
        </>
      )}
      {mutation.error && (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={`${text.ok}失败：${(mutation.error as ApiRequestError).message}`}
          data-testid="booking-action-error"
        />
      )}
    </Modal>
  );
}
