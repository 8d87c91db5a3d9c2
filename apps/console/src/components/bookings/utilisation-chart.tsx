import { Empty, Flex, Typography, theme } from 'antd';

export interface RoomWeekUtilisation {
  roomId: number;
  roomName: string;
  /** Monday of the ISO week, local date. */
  week: string;
  bookedMinutes: number;
  openMinutes: number;
}

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { top: 20, right: 8, bottom: 40, left: 48 };
const PALETTE = ['#1677ff', '#52c41a', '#fa8c16', '#722ed1', '#13c2c2', '#eb2f96', '#faad14', '#2f54eb'];

const share = (item: RoomWeekUtilisation) => (item.openMinutes > 0 ? item.bookedMinutes / item.openMinutes : 0);
const percent = (value: number) => `${Math.round(value * 100)}%`;

/**
 * Booked hours / open hours per room per week, bars grouped by week. Hand-drawn SVG like the
 * time-bank chart: a handful of rooms and weeks do not justify a chart library.
 */
export function UtilisationChart({
  weeks,
  rooms,
  items,
}: {
  weeks: string[];
  rooms: Array<{ id: number; name: string }>;
  items: RoomWeekUtilisation[];
}) {
  const { token } = theme.useToken();
  if (weeks.length === 0 || rooms.length === 0)
    return <Empty description="还没有活动室" data-testid="utilisation-chart" />;

  const byKey = new Map(items.map((item) => [`${item.week}:${item.roomId}`, item]));
  const max = Math.max(0.0001, ...items.map(share));
  // Four gridlines at whole percentages: 5 %, 10 %, 15 %, 20 % or 25 % apart.
  const top = [0.2, 0.4, 0.6, 0.8, 1].find((candidate) => candidate >= max) ?? 1;
  const ticks = 4;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const band = plotW / weeks.length;
  const barW = Math.max(4, Math.min(24, (band * 0.8) / rooms.length));
  const y = (value: number) => PAD.top + plotH - (Math.min(value, top) / top) * plotH;
  const summary = weeks
    .map(
      (week) =>
        `${week} 起一周：${rooms.map((room) => `${room.name} ${percent(share(byKey.get(`${week}:${room.id}`) ?? ({ bookedMinutes: 0, openMinutes: 0 } as RoomWeekUtilisation)))}`).join('，')}`,
    )
    .join('；');

  return (
    <div data-testid="utilisation-chart">
      <Flex gap={16} wrap style={{ marginBottom: 8 }}>
        {rooms.map((room, i) => (
          <Flex key={room.id} align="center" gap={6}>
            <span
              style={{
                width: 12,
                height: 12,
                borderRadius: 3,
                background: PALETTE[i % PALETTE.length],
                display: 'inline-block',
              }}
            />
            <Typography.Text>{room.name}</Typography.Text>
          </Flex>
        ))}
        <Typography.Text type="secondary">已预约时长 / 开放时长</Typography.Text>
      </Flex>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`活动室每周使用率：${summary}`}
        style={{ display: 'block', maxWidth: 960 }}
      >
        {Array.from({ length: ticks + 1 }, (_, i) => {
          const value = (top / ticks) * i;
          return (
            <g key={i}>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y(value)}
                y2={y(value)}
                stroke={i === 0 ? token.colorBorder : token.colorBorderSecondary}
              />
              <text x={PAD.left - 8} y={y(value) + 4} textAnchor="end" fontSize={11} fill={token.colorTextSecondary}>
                {percent(value)}
              </text>
            </g>
          );
        })}
        {weeks.map((week, index) => {
          const x0 = PAD.left + band * index;
          const groupW = barW * rooms.length + (rooms.length - 1) * 2;
          const [, m, d] = week.split('-');
          return (
            <g key={week} data-testid={`utilisation-week-${week}`}>
              {rooms.map((room, i) => {
                const item = byKey.get(`${week}:${room.id}`);
                const value = item ? share(item) : 0;
                const x = x0 + (band - groupW) / 2 + i * (barW + 2);
                const h = Math.max(value > 0 ? 1 : 0, (Math.min(value, top) / top) * plotH);
                return (
                  <rect
                    key={room.id}
                    x={x}
                    y={PAD.top + plotH - h}
                    width={barW}
                    height={h}
                    rx={2}
                    fill={PALETTE[i % PALETTE.length]}
                  >
                    <title>{`${room.name} ${Number(m)}月${Number(d)}日起一周：${percent(value)}（${((item?.bookedMinutes ?? 0) / 60).toFixed(1)} / ${((item?.openMinutes ?? 0) / 60).toFixed(1)} 小时）`}</title>
                  </rect>
                );
              })}
              <text
                x={x0 + band / 2}
                y={HEIGHT - PAD.bottom + 18}
                textAnchor="middle"
                fontSize={12}
                fill={token.colorText}
              >
                {`${Number(m)}月${Number(d)}日起`}
              </text>
            </g>
          );
        })}
      </svg>
    </div>
  );
}
