import { DataChart } from '../components/charts/data-chart';
import { escapeHtml, tooltipItems, type TooltipItem } from '../components/charts/chart-text';

export interface WeekSeries {
  name: string;
  kind: 'bar' | 'line';
  values: number[];
  /** Bars with the same stack sit on top of each other (e.g. the feedback mix). */
  stack?: string;
  /** 1: the second axis on the right. */
  axis?: 0 | 1;
}

export interface WeekChartProps {
  title: string;
  labels: string[];
  series: WeekSeries[];
  /** The unit of each axis, e.g. ['场', '人次']; shown in tooltips and the text alternative. */
  units: [string, string?];
  testId: string;
  height?: number;
}

/**
 * Counts per week, drawn by the console's shared DataChart: tooltip and legend for sighted users; a summary
 * (the image's name) and the same numbers as a table for screen readers.
 */
export function WeekChart({ title, labels, series, units, testId, height = 300 }: WeekChartProps) {
  const unitOf = (item: WeekSeries) => units[item.axis ?? 0] ?? '';
  const summary = labels
    .map(
      (label, index) =>
        `${label}：${series.map((item) => `${item.name} ${item.values[index]}${unitOf(item)}`).join('，')}`,
    )
    .join('；');
  const twoAxes = series.some((item) => item.axis === 1);
  const option = {
    tooltip: {
      trigger: 'axis',
      formatter: (params: TooltipItem | TooltipItem[]) => {
        const rows = tooltipItems(params);
        return [
          escapeHtml(labels[rows[0]?.dataIndex ?? 0] ?? ''),
          ...rows.map((row) => {
            const one = series[row.seriesIndex ?? 0];
            return `${row.marker ?? ''}${escapeHtml(one.name)}：${one.values[row.dataIndex]}${unitOf(one)}`;
          }),
        ].join('<br/>');
      },
    },
    legend: { top: 0 },
    // Many series wrap the legend onto a second line: leave it room above the plot.
    grid: { left: 48, right: twoAxes ? 48 : 16, top: series.length > 4 ? 72 : 48, bottom: 32 },
    xAxis: { type: 'category', data: labels },
    yAxis: [
      { type: 'value', minInterval: 1, name: units[0] },
      ...(twoAxes ? [{ type: 'value', minInterval: 1, splitLine: { show: false }, name: units[1] }] : []),
    ],
    series: series.map((item) => ({
      name: item.name,
      type: item.kind,
      data: item.values,
      yAxisIndex: item.axis ?? 0,
      ...(item.stack ? { stack: item.stack } : {}),
      ...(item.kind === 'line' ? { symbolSize: 6 } : { barMaxWidth: 24 }),
    })),
  };
  const table = {
    columns: ['周', ...series.map((item) => `${item.name}（${unitOf(item)}）`)],
    rows: labels.map((label, row) => [label, ...series.map((item) => String(item.values[row]))]),
  };
  return <DataChart title={title} summary={summary} option={option} table={table} testId={testId} height={height} />;
}
