import {
  shanghaiMinuteOfDay,
  slotGrid,
  type RoomAvailability,
  type RoomView,
  type SlotState,
  bookingStatusLabels,
} from '@linli/shared-types';
import { Empty, Tooltip, Typography, theme } from 'antd';
import {
  bookingStatusColors,
  bookingTimeText,
  clockText,
  inactiveBookingStatuses,
  minuteText,
} from '../../lib/booking-format';
import type { BookingRow } from '../../services/bookings';

const PX_PER_MINUTE = 1.2;
const COLUMN_MIN_WIDTH = 160;
const AXIS_WIDTH = 56;
const HEADER_HEIGHT = 48;

const minuteOf = (iso: string) => Math.round(shanghaiMinuteOfDay(new Date(iso)));

interface CalendarSlot {
  from: number;
  to: number;
  state: SlotState | null;
}

/** Slots of a room from its availability, or from its own grid while the availability loads. */
function roomSlots(room: RoomView, date: string, availability: RoomAvailability | undefined): CalendarSlot[] {
  if (availability)
    return availability.slots.map((slot) => ({
      from: minuteOf(slot.startAt),
      to: minuteOf(slot.endAt) || 24 * 60,
      state: slot.state,
    }));
  return slotGrid(room, date).map((slot) => ({
    from: minuteOf(slot.startAt.toISOString()),
    to: minuteOf(slot.endAt.toISOString()) || 24 * 60,
    state: null,
  }));
}

const clockMinutes = (text: string) => {
  const [h, m] = text.split(':').map(Number);
  return h * 60 + m;
};

/**
 * One day of the centre: rooms as columns, each room's own slot grid as rows (rooms may differ in
 * hours and slot length, so rows are laid out by minute rather than shared table rows).
 */
export function DayCalendar({
  date,
  rooms,
  availability,
  bookings,
  showInactive,
  onOpen,
}: {
  date: string;
  rooms: RoomView[];
  availability: Map<number, RoomAvailability>;
  bookings: BookingRow[];
  showInactive: boolean;
  onOpen: (booking: BookingRow) => void;
}) {
  const { token } = theme.useToken();
  if (rooms.length === 0)
    return <Empty description="还没有开放的活动室，请先在“活动室”中新建" data-testid="bookings-calendar" />;

  const dayStart = Math.min(...rooms.map((room) => clockMinutes(room.openTime)));
  const dayEnd = Math.max(...rooms.map((room) => clockMinutes(room.closeTime)));
  const firstHour = Math.floor(dayStart / 60) * 60;
  const lastHour = Math.ceil(dayEnd / 60) * 60;
  // A little room below the last hour so its label is not cut off.
  const height = (lastHour - firstHour) * PX_PER_MINUTE + 12;
  const y = (minute: number) => (minute - firstHour) * PX_PER_MINUTE;
  const hours = Array.from({ length: (lastHour - firstHour) / 60 + 1 }, (_, i) => firstHour + i * 60);

  const slotBackground: Record<SlotState, string> = {
    free: token.colorBgContainer,
    taken: token.colorBgContainer,
    past: token.colorFillQuaternary,
    closed: `repeating-linear-gradient(45deg, ${token.colorFillSecondary}, ${token.colorFillSecondary} 6px, ${token.colorFillQuaternary} 6px, ${token.colorFillQuaternary} 12px)`,
  };

  return (
    <div
      data-testid="bookings-calendar"
      style={{ overflowX: 'auto', border: `1px solid ${token.colorBorderSecondary}`, borderRadius: token.borderRadius }}
    >
      <div style={{ display: 'flex', minWidth: AXIS_WIDTH + rooms.length * COLUMN_MIN_WIDTH }}>
        <div style={{ width: AXIS_WIDTH, flex: 'none', borderRight: `1px solid ${token.colorBorderSecondary}` }}>
          <div style={{ height: HEADER_HEIGHT, borderBottom: `1px solid ${token.colorBorderSecondary}` }} />
          <div style={{ position: 'relative', height }}>
            {hours.map((minute) => (
              <Typography.Text
                key={minute}
                type="secondary"
                style={{ position: 'absolute', top: Math.max(0, y(minute) - 8), right: 8, fontSize: 12 }}
              >
                {minuteText(minute)}
              </Typography.Text>
            ))}
          </div>
        </div>
        {rooms.map((room) => {
          const slots = roomSlots(room, date, availability.get(room.id));
          const roomBookings = bookings
            .filter((booking) => booking.room.id === room.id)
            .filter((booking) => showInactive || !inactiveBookingStatuses.includes(booking.status));
          const open = clockMinutes(room.openTime);
          const close = clockMinutes(room.closeTime);
          return (
            <div
              key={room.id}
              data-testid={`calendar-room-${room.id}`}
              style={{ flex: 1, minWidth: COLUMN_MIN_WIDTH, borderRight: `1px solid ${token.colorBorderSecondary}` }}
            >
              <div
                style={{
                  height: HEADER_HEIGHT,
                  padding: '4px 8px',
                  borderBottom: `1px solid ${token.colorBorderSecondary}`,
                  background: token.colorFillAlter,
                }}
              >
                <Typography.Text strong ellipsis style={{ display: 'block' }}>
                  {room.name}
                </Typography.Text>
                <Typography.Text type="secondary" ellipsis style={{ fontSize: 12, display: 'block' }}>
                  {room.openTime}–{room.closeTime} · {room.slotMinutes}分钟 · {room.capacity}人
                  {room.requiresApproval ? ' · 需审批' : ''}
                </Typography.Text>
              </div>
              <div style={{ position: 'relative', height, background: token.colorFillTertiary }}>
                {/* Opening hours on the room's own grid; before opening and after closing stays grey. */}
                <div
                  style={{
                    position: 'absolute',
                    left: 0,
                    right: 0,
                    top: y(open),
                    height: (close - open) * PX_PER_MINUTE,
                    background: token.colorBgContainer,
                  }}
                />
                {slots.map((slot) => (
                  <div
                    key={slot.from}
                    data-slot-state={slot.state ?? 'unknown'}
                    title={slot.state === 'closed' ? `${minuteText(slot.from)}–${minuteText(slot.to)} 闭馆` : undefined}
                    style={{
                      position: 'absolute',
                      left: 0,
                      right: 0,
                      top: y(slot.from),
                      height: (slot.to - slot.from) * PX_PER_MINUTE,
                      borderTop: `1px dashed ${token.colorBorderSecondary}`,
                      background: slot.state ? slotBackground[slot.state] : undefined,
                    }}
                  />
                ))}
                {roomBookings.map((booking) => {
                  const from = minuteOf(booking.startAt);
                  const to = minuteOf(booking.endAt) || 24 * 60;
                  const colors = bookingStatusColors[booking.status];
                  const inactive = inactiveBookingStatuses.includes(booking.status);
                  return (
                    <Tooltip
                      key={booking.id}
                      title={`${bookingStatusLabels[booking.status]} · ${bookingTimeText(booking)} · ${booking.booker.name ?? '未命名'} · ${booking.purpose}`}
                    >
                      <button
                        type="button"
                        data-testid={`booking-block-${booking.id}`}
                        data-status={booking.status}
                        onClick={() => onOpen(booking)}
                        style={{
                          position: 'absolute',
                          top: y(from) + 1,
                          height: Math.max(18, (to - from) * PX_PER_MINUTE - 2),
                          // A cancelled or rejected booking may sit under the one that took its slots: keep it to the side.
                          left: inactive ? '55%' : 4,
                          right: 4,
                          zIndex: inactive ? 1 : 2,
                          opacity: inactive ? 0.55 : 1,
                          padding: '2px 6px',
                          textAlign: 'left',
                          overflow: 'hidden',
                          cursor: 'pointer',
                          border: `1px solid ${colors.border}`,
                          borderLeft: `4px solid ${colors.border}`,
                          borderRadius: 4,
                          background: colors.block,
                          fontSize: 12,
                          lineHeight: '16px',
                          color: token.colorText,
                          textDecoration: inactive ? 'line-through' : undefined,
                        }}
                      >
                        <strong>
                          {clockText(booking.startAt)}–{clockText(booking.endAt)}
                        </strong>{' '}
                        {bookingStatusLabels[booking.status]}
                        <br />
                        {booking.booker.name ?? '未命名'} · {booking.purpose}
                      </button>
                    </Tooltip>
                  );
                })}
              </div>
            </div>
          );
        })}
      </div>
    </div>
  );
}
