import { Empty } from 'antd';
import { DataChart } from '../charts/data-chart';
import { escapeHtml, tooltipItems, type TooltipItem } from '../charts/chart-text';

export interface RoomWeekUtilisation {
  roomId: number;
  roomName: string;
  /** Monday of the ISO week, local date. */
  week: string;
  bookedMinutes: number;
  openMinutes: number;
}

const PALETTE = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#faad14', '#2f54eb'];

const share = (item: RoomWeekUtilisation | undefined) =>
  item && item.openMinutes > 0 ? item.bookedMinutes / item.openMinutes : 0;
const percent = (value: number) => `${Math.round(value * 100)}%`;
const weekText = (week: string) => {
  const [, m, d] = week.split('-');
  return `${Number(m)}月${Number(d)}日起`;
};
const hours = (minutes = 0) => (minutes / 60).toFixed(1);

/** The chart's option and text alternative: booked / open hours per room per week, bars grouped by week. */
export function utilisationChart(
  weeks: string[],
  rooms: Array<{ id: number; name: string }>,
  items: RoomWeekUtilisation[],
) {
  const byKey = new Map(items.map((item) => [`${item.week}:${item.roomId}`, item]));
  const at = (week: string, roomId: number) => byKey.get(`${week}:${roomId}`);
  const summary = weeks
    .map(
      (week) =>
        `${week} 起一周：${rooms.map((room) => `${room.name} ${percent(share(at(week, room.id)))}`).join('，')}`,
    )
    .join('；');
  const option = {
    color: PALETTE,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipItem | TooltipItem[]) => {
        const rows = tooltipItems(params);
        const week = weeks[rows[0].dataIndex];
        const lines = rows.map((row) => {
          const room = rooms[row.seriesIndex ?? 0];
          const item = at(week, room.id);
          return `${row.marker ?? ''}${escapeHtml(room.name)} ${percent(share(item))}（${hours(item?.bookedMinutes)} / ${hours(item?.openMinutes)} 小时）`;
        });
        return [`${weekText(week)}一周`, ...lines].join('<br/>');
      },
    },
    legend: { top: 0, type: 'scroll', data: rooms.map((room) => room.name) },
    grid: { left: 48, right: 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: weeks.map(weekText) },
    yAxis: {
      type: 'value',
      name: '已预约 / 开放',
      min: 0,
      max: (extent: { max: number }) => [0.2, 0.4, 0.6, 0.8, 1].find((top) => top >= extent.max) ?? 1,
      axisLabel: { formatter: percent },
    },
    series: rooms.map((room) => ({
      name: room.name,
      type: 'bar',
      barMaxWidth: 24,
      data: weeks.map((week) => share(at(week, room.id))),
    })),
  };
  const table = {
    columns: ['周', ...rooms.map((room) => room.name)],
    rows: weeks.map((week) => [
      `${week} 起一周`,
      ...rooms.map((room) => {
        const item = at(week, room.id);
        return `${percent(share(item))}（${hours(item?.bookedMinutes)} / ${hours(item?.openMinutes)} 小时）`;
      }),
    ]),
  };
  return { summary, option, table };
}

/** Booked hours / open hours per room per week (ECharts, legend items toggle rooms). */
export function UtilisationChart({
  weeks,
  rooms,
  items,
}: {
  weeks: string[];
  rooms: Array<{ id: number; name: string }>;
  items: RoomWeekUtilisation[];
}) {
  if (weeks.length === 0 || rooms.length === 0)
    return <Empty description="还没有活动室" data-testid="utilisation-chart" />;
  const { summary, option, table } = utilisationChart(weeks, rooms, items);
  return (
    <DataChart title="活动室每周使用率" summary={summary} option={option} table={table} testId="utilisation-chart" />
  );
}
