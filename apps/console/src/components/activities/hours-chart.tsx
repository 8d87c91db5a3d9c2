import { hoursText } from '@linli/shared-types';
import { Empty, theme } from 'antd';

const WIDTH = 760;
const HEIGHT = 240;
const PAD = { top: 20, right: 8, bottom: 40, left: 48 };
const NICE_STEPS_HOURS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000];

export interface MonthBar {
  /** YYYY-MM */
  month: string;
  minutes: number;
}

/** Volunteer hours credited per month, one bar each. Hand-drawn SVG like the time bank's monthly chart. */
export function HoursChart({ items }: { items: MonthBar[] }) {
  const { token } = theme.useToken();
  const max = Math.max(0, ...items.map((item) => item.minutes));
  if (items.length === 0 || max === 0) {
    return <Empty description="还没有已结算的服务时长" data-testid="hours-report-chart" />;
  }
  const maxHours = max / 60;
  const stepMinutes = (NICE_STEPS_HOURS.find((step) => step * 4 >= maxHours) ?? Math.ceil(maxHours / 4)) * 60;
  const ticks = Math.max(1, Math.ceil(max / stepMinutes));
  const top = ticks * stepMinutes;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const band = plotW / items.length;
  const barW = Math.max(6, Math.min(36, band * 0.5));
  const y = (minutes: number) => PAD.top + plotH - (minutes / top) * plotH;
  const summary = items.map((item) => `${item.month} ${hoursText(item.minutes)} 小时`).join('；');

  return (
    <svg
      viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-label={`每月志愿服务时长：${summary}`}
      style={{ display: 'block', maxWidth: 960 }}
      data-testid="hours-report-chart"
    >
      {Array.from({ length: ticks + 1 }, (_, i) => (
        <g key={i}>
          <line
            x1={PAD.left}
            x2={WIDTH - PAD.right}
            y1={y(i * stepMinutes)}
            y2={y(i * stepMinutes)}
            stroke={i === 0 ? token.colorBorder : token.colorBorderSecondary}
          />
          <text
            x={PAD.left - 8}
            y={y(i * stepMinutes) + 4}
            textAnchor="end"
            fontSize={11}
            fill={token.colorTextSecondary}
          >
            {Number.isInteger((i * stepMinutes) / 60) ? (i * stepMinutes) / 60 : ((i * stepMinutes) / 60).toFixed(1)}
          </text>
        </g>
      ))}
      {items.map((item, index) => {
        const center = PAD.left + band * index + band / 2;
        const [year, month] = item.month.split('-');
        return (
          <g key={item.month} data-testid={`hours-bar-${item.month}`}>
            <title>{`${item.month} ${hoursText(item.minutes)} 小时（${item.minutes} 分钟）`}</title>
            <rect
              x={center - barW / 2}
              y={y(item.minutes)}
              width={barW}
              height={Math.max((item.minutes / top) * plotH, item.minutes > 0 ? 1 : 0)}
              fill={token.colorPrimary}
              rx={2}
            />
            {item.minutes > 0 && (
              <text x={center} y={y(item.minutes) - 4} textAnchor="middle" fontSize={10} fill={token.colorText}>
                {hoursText(item.minutes)}
              </text>
            )}
            <text
              x={center}
              y={HEIGHT - PAD.bottom + 16}
              textAnchor="middle"
              fontSize={12}
              fill={token.colorTextSecondary}
            >
              {Number(month)}月
            </text>
            {(index === 0 || month === '01') && (
              <text
                x={center}
                y={HEIGHT - PAD.bottom + 30}
                textAnchor="middle"
                fontSize={10}
                fill={token.colorTextTertiary}
              >
                {year}年
              </text>
            )}
          </g>
        );
      })}
    </svg>
  );
}
