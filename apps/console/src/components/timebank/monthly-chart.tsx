import { hoursText, type TimebankMonthlyStat } from '@linli/shared-types';
import { Empty, Flex, Typography, theme } from 'antd';

const WIDTH = 760;
const HEIGHT = 260;
const PAD = { top: 20, right: 8, bottom: 40, left: 48 };
const NICE_STEPS_HOURS = [0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000, 20000, 50000];

/** A y-axis step in hours that gives at most four gridlines above zero. */
function axisStepHours(maxMinutes: number): number {
  const maxHours = maxMinutes / 60;
  return NICE_STEPS_HOURS.find((step) => step * 4 >= maxHours) ?? Math.ceil(maxHours / 4);
}

function monthLabel(month: string, index: number): { main: string; year: string | null } {
  const [year, m] = month.split('-');
  return { main: `${Number(m)}月`, year: index === 0 || m === '01' ? `${year}年` : null };
}

/**
 * Credits issued (service and positive adjustments) and spent (rewards and deductions) per month, as
 * paired bars in hours. Hand-drawn SVG: two series and a dozen months do not justify a chart library.
 */
export function MonthlyChart({ items, currentMonth }: { items: TimebankMonthlyStat[]; currentMonth?: string }) {
  const { token } = theme.useToken();
  const series = [
    { key: 'issued' as const, label: '发放', color: token.colorSuccess },
    { key: 'spent' as const, label: '兑换消费', color: token.colorWarning },
  ];
  const max = Math.max(0, ...items.flatMap((item) => [item.issued, item.spent]));
  if (items.length === 0 || max === 0) {
    return <Empty description="这段时间还没有发放或兑换时间" data-testid="monthly-chart" />;
  }

  const stepMinutes = axisStepHours(max) * 60;
  const ticks = Math.max(1, Math.ceil(max / stepMinutes));
  const top = ticks * stepMinutes;
  const plotW = WIDTH - PAD.left - PAD.right;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  const band = plotW / items.length;
  const barW = Math.max(4, Math.min(22, band * 0.32));
  const y = (minutes: number) => PAD.top + plotH - (minutes / top) * plotH;
  const summary = items
    .map((item) => `${item.month} 发放 ${hoursText(item.issued)} 小时，兑换消费 ${hoursText(item.spent)} 小时`)
    .join('；');

  return (
    <div data-testid="monthly-chart">
      <Flex gap={16} style={{ marginBottom: 8 }}>
        {series.map((s) => (
          <Flex key={s.key} align="center" gap={6}>
            <span style={{ width: 12, height: 12, borderRadius: 3, background: s.color, display: 'inline-block' }} />
            <Typography.Text>{s.label}</Typography.Text>
          </Flex>
        ))}
        <Typography.Text type="secondary">单位：小时</Typography.Text>
      </Flex>
      <svg
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
        width="100%"
        role="img"
        aria-label={`每月时间发放与兑换消费：${summary}`}
        style={{ display: 'block', maxWidth: 960 }}
      >
        {Array.from({ length: ticks + 1 }, (_, i) => {
          const minutes = i * stepMinutes;
          return (
            <g key={i}>
              <line
                x1={PAD.left}
                x2={WIDTH - PAD.right}
                y1={y(minutes)}
                y2={y(minutes)}
                stroke={i === 0 ? token.colorBorder : token.colorBorderSecondary}
              />
              <text x={PAD.left - 8} y={y(minutes) + 4} textAnchor="end" fontSize={11} fill={token.colorTextSecondary}>
                {Number.isInteger(minutes / 60) ? minutes / 60 : (minutes / 60).toFixed(1)}
              </text>
            </g>
          );
        })}
        {items.map((item, index) => {
          const x0 = PAD.left + band * index;
          const center = x0 + band / 2;
          const label = monthLabel(item.month, index);
          const current = item.month === currentMonth;
          return (
            <g key={item.month} data-testid={`monthly-bar-${item.month}`}>
              {current && (
                <rect
                  x={x0 + 2}
                  y={PAD.top - 14}
                  width={band - 4}
                  height={plotH + 14}
                  fill={token.colorFillQuaternary}
                  rx={4}
                />
              )}
              {series.map((s, i) => {
                const value = item[s.key];
                const x = center + (i === 0 ? -barW - 1 : 1);
                const h = (value / top) * plotH;
                return (
                  <g key={s.key}>
                    <title>{`${item.month} ${s.label} ${hoursText(value)} 小时（${value} 分钟）`}</title>
                    <rect
                      x={x}
                      y={y(value)}
                      width={barW}
                      height={Math.max(h, value > 0 ? 1 : 0)}
                      fill={s.color}
                      rx={2}
                    />
                    {value > 0 && (
                      <text x={x + barW / 2} y={y(value) - 4} textAnchor="middle" fontSize={10} fill={token.colorText}>
                        {hoursText(value)}
                      </text>
                    )}
                  </g>
                );
              })}
              <text
                x={center}
                y={HEIGHT - PAD.bottom + 16}
                textAnchor="middle"
                fontSize={12}
                fill={current ? token.colorText : token.colorTextSecondary}
                fontWeight={current ? 600 : 400}
              >
                {current ? '本月' : label.main}
              </text>
              {label.year && (
                <text
                  x={center}
                  y={HEIGHT - PAD.bottom + 30}
                  textAnchor="middle"
                  fontSize={10}
                  fill={token.colorTextTertiary}
                >
                  {label.year}
                </text>
              )}
            </g>
          );
        })}
      </svg>
    </div>
  );
}
