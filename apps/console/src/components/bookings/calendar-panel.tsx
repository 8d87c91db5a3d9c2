import { LeftOutlined, PlusOutlined, RightOutlined, SyncOutlined } from '@ant-design/icons';
import { bookingStatusLabels, shanghaiDate, type RoomAvailability } from '@linli/shared-types';
import { Alert, Button, DatePicker, Flex, Space, Switch, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useDayBookings, type BookingAction } from '../../hooks/useBookings';
import { useCommunityScope } from '../../hooks/useCommunityScope';
import { useRooms, useRoomsAvailability } from '../../hooks/useRooms';
import { addDays, bookingStatusColors, communityToday, dateText } from '../../lib/booking-format';
import { dayjs } from '../../lib/dayjs';
import type { BookingRow } from '../../services/bookings';
import { CommunityRequired } from '../community-required';
import { BookingActionDialog } from './booking-action-dialog';
import { BookingDrawer } from './booking-drawer';
import { DayCalendar } from './day-calendar';
import { PendingList } from './pending-list';
import { StaffBookingDialog } from './staff-booking-dialog';

const legend = ['pending', 'approved', 'checked_in', 'completed', 'no_show', 'cancelled'] as const;

/** 日历: the approval queue and one day of every room; for the whole street, every community's approval queue. */
export function CalendarPanel() {
  const { streetWide } = useCommunityScope();
  return streetWide ? <StreetPendingPanel /> : <CommunityCalendarPanel />;
}

/** The street's approval queue with its actions; the day grid of rooms is one community's. */
function StreetPendingPanel() {
  const [openBooking, setOpenBooking] = useState<BookingRow | null>(null);
  const [pendingAction, setPendingAction] = useState<{ booking: BookingRow; action: BookingAction } | null>(null);
  const onAction = (booking: BookingRow, action: BookingAction) => setPendingAction({ booking, action });
  return (
    <>
      <PendingList onAction={onAction} onOpen={setOpenBooking} />
      <CommunityRequired what="预约日历和社区活动预约" />
      <BookingDrawer booking={openBooking} onClose={() => setOpenBooking(null)} onAction={onAction} />
      <BookingActionDialog
        booking={pendingAction?.booking ?? null}
        action={pendingAction?.action ?? null}
        onClose={() => setPendingAction(null)}
      />
    </>
  );
}

function CommunityCalendarPanel() {
  const [date, setDate] = useState(communityToday);
  const [showInactive, setShowInactive] = useState(false);
  const [openBooking, setOpenBooking] = useState<BookingRow | null>(null);
  const [pendingAction, setPendingAction] = useState<{ booking: BookingRow; action: BookingAction } | null>(null);
  const [bookingDialog, setBookingDialog] = useState<'single' | 'recurring' | null>(null);

  const rooms = useRooms();
  const activeRooms = useMemo(() => (rooms.data ?? []).filter((room) => room.active), [rooms.data]);
  const availabilityQueries = useRoomsAvailability(
    activeRooms.map((room) => room.id),
    date,
  );
  const availability = new Map<number, RoomAvailability>();
  for (const query of availabilityQueries) if (query.data) availability.set(query.data.roomId, query.data);
  const bookings = useDayBookings(date);
  const rows = bookings.data ?? [];
  // The drawer follows the fresh row after an action, so its status and buttons update.
  const opened = openBooking === null ? null : (rows.find((row) => row.id === openBooking.id) ?? openBooking);

  const onAction = (booking: BookingRow, action: BookingAction) => setPendingAction({ booking, action });
  const onOpen = (booking: BookingRow) => {
    setDate(shanghaiDate(new Date(booking.startAt)));
    setOpenBooking(booking);
  };

  return (
    <>
      <PendingList onAction={onAction} onOpen={onOpen} />
      <Flex justify="space-between" align="center" wrap gap={12} style={{ marginBottom: 12 }}>
        <Space wrap>
          <Button icon={<LeftOutlined />} aria-label="前一天" onClick={() => setDate(addDays(date, -1))} />
          <DatePicker
            data-testid="bookings-date"
            allowClear={false}
            value={dayjs(date)}
            format="YYYY-MM-DD"
            onChange={(value) => value && setDate(value.format('YYYY-MM-DD'))}
          />
          <Button icon={<RightOutlined />} aria-label="后一天" onClick={() => setDate(addDays(date, 1))} />
          <Button onClick={() => setDate(communityToday())}>今天</Button>
          <Typography.Text strong>{dateText(date)}</Typography.Text>
          <Button
            type="text"
            icon={<SyncOutlined spin={bookings.isFetching} />}
            aria-label="刷新"
            onClick={() => void bookings.refetch()}
          />
        </Space>
        <Space wrap>
          <Space size={6}>
            <Switch
              size="small"
              checked={showInactive}
              onChange={setShowInactive}
              aria-label="显示已取消/已拒绝"
              data-testid="bookings-show-inactive"
            />
            <Typography.Text>显示已取消/已拒绝</Typography.Text>
          </Space>
          <Button icon={<PlusOutlined />} onClick={() => setBookingDialog('single')} data-testid="staff-booking-open">
            社区活动预约
          </Button>
          <Button onClick={() => setBookingDialog('recurring')} data-testid="recurring-open">
            每周重复预约
          </Button>
        </Space>
      </Flex>
      <Space size={[8, 4]} wrap style={{ marginBottom: 12 }}>
        {legend.map((status) => (
          <Tag key={status} color={bookingStatusColors[status].tag}>
            {status === 'cancelled' ? '已取消/已拒绝' : bookingStatusLabels[status]}
          </Tag>
        ))}
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          斜纹为闭馆，灰色为已过去或非开放时间；时间均为北京时间。
        </Typography.Text>
      </Space>
      {(rooms.isError || bookings.isError) && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`加载失败：${(rooms.error ?? bookings.error)?.message ?? ''}`}
        />
      )}
      <DayCalendar
        date={date}
        rooms={activeRooms}
        availability={availability}
        bookings={rows}
        showInactive={showInactive}
        onOpen={setOpenBooking}
      />
      <BookingDrawer booking={opened} onClose={() => setOpenBooking(null)} onAction={onAction} />
      <BookingActionDialog
        booking={pendingAction?.booking ?? null}
        action={pendingAction?.action ?? null}
        onClose={() => setPendingAction(null)}
      />
      <StaffBookingDialog
        mode={bookingDialog}
        rooms={activeRooms}
        defaultDate={date}
        onClose={() => setBookingDialog(null)}
      />
    </>
  );
}
