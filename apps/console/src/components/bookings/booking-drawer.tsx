import { bookingStatusLabels } from '@linli/shared-types';
import { Button, Descriptions, Drawer, Space, Tag, Typography } from 'antd';
import type { BookingAction } from '../../hooks/useBookings';
import { bookingStatusColors, bookingTimeText } from '../../lib/booking-format';
import { formatDateTime, formatPhone } from '../../lib/format';
import type { BookingRow } from '../../services/bookings';

/** What staff may do in each status (PRODUCT.md status transitions). */
export function actionsFor(booking: BookingRow): BookingAction[] {
  if (booking.status === 'pending') return ['approve', 'reject', 'cancel'];
  if (booking.status === 'approved') return ['check-in', 'cancel'];
  return [];
}

export function BookingDrawer({
  booking,
  onClose,
  onAction,
}: {
  booking: BookingRow | null;
  onClose: () => void;
  onAction: (booking: BookingRow, action: BookingAction) => void;
}) {
  const actions = booking ? actionsFor(booking) : [];
  return (
    <Drawer
      open={booking !== null}
      onClose={onClose}
      title={booking ? `预约 #${booking.id}` : ''}
      size={420}
      data-testid="booking-drawer"
      extra={
        booking && <Tag color={bookingStatusColors[booking.status].tag}>{bookingStatusLabels[booking.status]}</Tag>
      }
      footer={
        actions.length > 0 && booking ? (
          <Space wrap>
            {actions.includes('approve') && (
              <Button type="primary" data-testid="booking-approve" onClick={() => onAction(booking, 'approve')}>
                批准
              </Button>
            )}
            {actions.includes('reject') && (
              <Button danger data-testid="booking-reject" onClick={() => onAction(booking, 'reject')}>
                拒绝
              </Button>
            )}
            {actions.includes('check-in') && (
              <Button type="primary" data-testid="booking-check-in" onClick={() => onAction(booking, 'check-in')}>
                代签到
              </Button>
            )}
            {actions.includes('cancel') && (
              <Button data-testid="booking-cancel" onClick={() => onAction(booking, 'cancel')}>
                取消预约
              </Button>
            )}
          </Space>
        ) : null
      }
    >
      {booking && (
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label="活动室">{booking.room.name}</Descriptions.Item>
          <Descriptions.Item label="时间">
            {bookingTimeText(booking)}（{booking.minutes} 分钟）
          </Descriptions.Item>
          <Descriptions.Item label="预约人">
            {booking.booker.name ?? '未命名'}
            {booking.staffBooking && <Tag style={{ marginInlineStart: 8 }}>社区活动</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label="手机号">{formatPhone(booking.booker.phone)}</Descriptions.Item>
          <Descriptions.Item label="用途">{booking.purpose}</Descriptions.Item>
          <Descriptions.Item label="人数">{booking.attendees} 人</Descriptions.Item>
          <Descriptions.Item label="状态">{bookingStatusLabels[booking.status]}</Descriptions.Item>
          {booking.reason && <Descriptions.Item label="原因">{booking.reason}</Descriptions.Item>}
          {booking.checkedInAt && (
            <Descriptions.Item label="签到时间">{formatDateTime(booking.checkedInAt)}</Descriptions.Item>
          )}
          <Descriptions.Item label="提交时间">{formatDateTime(booking.createdAt)}</Descriptions.Item>
        </Descriptions>
      )}
      {booking && actions.length === 0 && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 16 }}>
          该预约当前为“{bookingStatusLabels[booking.status]}”，没有可执行的操作。
        </Typography.Paragraph>
      )}
    </Drawer>
  );
}
