import { parseClockTime, shanghaiDate } from '@linli/shared-types';
import { Alert, Spin, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useRecentBookings } from '../../hooks/useBookings';
import { useRooms } from '../../hooks/useRooms';
import { addDays, communityToday, utilisedBookingStatuses, weekStart } from '../../lib/booking-format';
import { UtilisationChart, type RoomWeekUtilisation } from './utilisation-chart';

const WEEKS = 4;

/**
 * 使用率: booked hours over open hours per room per ISO week, the current week and the three before
 * (the current week counts bookings still to come). Closures are not subtracted from open hours:
 * no endpoint lists them yet.
 */
export function UtilisationPanel() {
  const today = communityToday();
  const lastSunday = addDays(weekStart(today), 6);
  const weeks = Array.from({ length: WEEKS }, (_, i) => addDays(weekStart(today), (i - WEEKS + 1) * 7));
  const rooms = useRooms();
  const bookings = useRecentBookings(WEEKS * 7, lastSunday);

  const items = useMemo<RoomWeekUtilisation[]>(() => {
    const result: RoomWeekUtilisation[] = [];
    for (const room of rooms.data ?? []) {
      const open = parseClockTime(room.openTime) ?? 0;
      const close = parseClockTime(room.closeTime) ?? 0;
      for (const week of weeks) {
        const booked = (bookings.data ?? [])
          .filter(
            (b) =>
              b.room.id === room.id &&
              utilisedBookingStatuses.includes(b.status) &&
              weekStart(shanghaiDate(new Date(b.startAt))) === week,
          )
          .reduce((sum, b) => sum + b.minutes, 0);
        result.push({
          roomId: room.id,
          roomName: room.name,
          week,
          bookedMinutes: booked,
          openMinutes: Math.max(0, close - open) * 7,
        });
      }
    }
    return result;
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rooms.data, bookings.data, weeks[0]]);

  const error = rooms.error ?? bookings.error;
  return (
    <>
      <Typography.Paragraph type="secondary">
        每个活动室每周已预约时长占开放时长的比例（已批准、已签到、已完成的预约；本周含尚未开始的预约；闭馆时段未扣除）。
      </Typography.Paragraph>
      {error && <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`加载失败：${error.message}`} />}
      <Spin spinning={rooms.isLoading || bookings.isLoading}>
        <UtilisationChart
          weeks={weeks}
          rooms={(rooms.data ?? []).map((r) => ({ id: r.id, name: r.name }))}
          items={items}
        />
      </Spin>
      <Table<{ roomId: number; roomName: string }>
        style={{ marginTop: 16 }}
        size="small"
        rowKey="roomId"
        pagination={false}
        dataSource={(rooms.data ?? []).map((room) => ({ roomId: room.id, roomName: room.name }))}
        columns={[
          { title: '活动室', dataIndex: 'roomName' },
          ...weeks.map((week) => ({
            title: `${Number(week.slice(5, 7))}月${Number(week.slice(8))}日起`,
            key: week,
            render: (_: unknown, row: { roomId: number }) => {
              const item = items.find((i) => i.roomId === row.roomId && i.week === week);
              if (!item || item.openMinutes === 0) return '—';
              return `${Math.round((item.bookedMinutes / item.openMinutes) * 100)}%（${(item.bookedMinutes / 60).toFixed(1)} / ${(item.openMinutes / 60).toFixed(1)} 小时）`;
            },
          })),
        ]}
      />
    </>
  );
}
