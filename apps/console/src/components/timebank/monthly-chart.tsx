import { hoursText, type TimebankMonthlyStat } from '@linli/shared-types';
import { Empty, theme } from 'antd';
import { DataChart } from '../charts/data-chart';
import { hoursTick, monthAxisLabel, tooltipItems, type TooltipItem } from '../charts/chart-text';

const SERIES = [
  { key: 'issued', label: '发放' },
  { key: 'spent', label: '兑换消费' },
] as const;

/** The chart's option and text alternative: credits issued and spent per month, paired bars in hours. */
export function monthlyChart(items: TimebankMonthlyStat[], colors: [string, string], currentMonth?: string) {
  const summary = items
    .map((item) => `${item.month} 发放 ${hoursText(item.issued)} 小时，兑换消费 ${hoursText(item.spent)} 小时`)
    .join('；');
  const option = {
    color: colors,
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipItem | TooltipItem[]) => {
        const rows = tooltipItems(params);
        const item = items[rows[0].dataIndex];
        const lines = rows.map((row) => {
          const series = SERIES[row.seriesIndex ?? 0];
          return `${row.marker ?? ''}${series.label} ${hoursText(item[series.key])} 小时（${item[series.key]} 分钟）`;
        });
        return [item.month === currentMonth ? `${item.month}（本月）` : item.month, ...lines].join('<br/>');
      },
    },
    legend: { top: 0, data: SERIES.map((series) => series.label) },
    grid: { left: 48, right: 16, top: 40, bottom: 44 },
    xAxis: {
      type: 'category',
      data: items.map((item, index) => monthAxisLabel(item.month, index, currentMonth)),
    },
    yAxis: { type: 'value', name: '小时', axisLabel: { formatter: hoursTick } },
    series: SERIES.map((series) => ({
      name: series.label,
      type: 'bar',
      barMaxWidth: 22,
      data: items.map((item) => item[series.key] / 60),
      label: {
        show: true,
        position: 'top',
        fontSize: 10,
        formatter: ({ dataIndex }: { dataIndex: number }) =>
          items[dataIndex][series.key] > 0 ? hoursText(items[dataIndex][series.key]) : '',
      },
    })),
  };
  const table = {
    columns: ['月份', '发放（小时）', '兑换消费（小时）'],
    rows: items.map((item) => [item.month, hoursText(item.issued), hoursText(item.spent)]),
  };
  return { summary, option, table };
}

/** Credits issued (service and positive adjustments) and spent (rewards and deductions) per month. */
export function MonthlyChart({ items, currentMonth }: { items: TimebankMonthlyStat[]; currentMonth?: string }) {
  const { token } = theme.useToken();
  if (items.length === 0 || items.every((item) => item.issued === 0 && item.spent === 0)) {
    return <Empty description="这段时间还没有发放或兑换时间" data-testid="monthly-chart" />;
  }
  const { summary, option, table } = monthlyChart(items, [token.colorSuccess, token.colorWarning], currentMonth);
  return (
    <DataChart title="每月时间发放与兑换消费" summary={summary} option={option} table={table} testId="monthly-chart" />
  );
}
