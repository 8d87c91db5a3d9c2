import { hoursText } from '@linli/shared-types';
import { Empty, theme } from 'antd';
import { DataChart } from '../charts/data-chart';
import { hoursTick, monthAxisLabel, tooltipItems, type TooltipItem } from '../charts/chart-text';

export interface MonthBar {
  /** YYYY-MM */
  month: string;
  minutes: number;
}

const SERIES = '志愿服务时长';

/** The chart's option and text alternative: one bar per month, in hours. */
export function hoursChart(items: MonthBar[], color: string) {
  const summary = items.map((item) => `${item.month} ${hoursText(item.minutes)} 小时`).join('；');
  const option = {
    color: [color],
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      formatter: (params: TooltipItem | TooltipItem[]) => {
        const [first] = tooltipItems(params);
        const item = items[first.dataIndex];
        return `${item.month}<br/>${first.marker ?? ''}${SERIES} ${hoursText(item.minutes)} 小时（${item.minutes} 分钟）`;
      },
    },
    legend: { top: 0, data: [SERIES] },
    grid: { left: 48, right: 16, top: 40, bottom: 44 },
    xAxis: { type: 'category', data: items.map((item, index) => monthAxisLabel(item.month, index)) },
    yAxis: { type: 'value', name: '小时', axisLabel: { formatter: hoursTick } },
    series: [
      {
        name: SERIES,
        type: 'bar',
        barMaxWidth: 36,
        data: items.map((item) => item.minutes / 60),
        label: {
          show: true,
          position: 'top',
          fontSize: 10,
          formatter: ({ dataIndex }: { dataIndex: number }) =>
            items[dataIndex].minutes > 0 ? hoursText(items[dataIndex].minutes) : '',
        },
      },
    ],
  };
  const table = {
    columns: ['月份', '时长（小时）', '分钟'],
    rows: items.map((item) => [item.month, hoursText(item.minutes), String(item.minutes)]),
  };
  return { summary, option, table };
}

/** Volunteer hours credited per month, one bar each (ECharts, with a text alternative). */
export function HoursChart({ items }: { items: MonthBar[] }) {
  const { token } = theme.useToken();
  if (items.length === 0 || items.every((item) => item.minutes === 0)) {
    return <Empty description="还没有已结算的服务时长" data-testid="hours-report-chart" />;
  }
  const { summary, option, table } = hoursChart(items, token.colorPrimary);
  return (
    <DataChart
      title="每月志愿服务时长"
      summary={summary}
      option={option}
      table={table}
      testId="hours-report-chart"
      height={260}
    />
  );
}
