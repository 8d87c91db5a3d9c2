import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button, Table } from 'antd';
import { useState } from 'react';

// Only the parts the report draws: the rest of echarts stays out of the bundle.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface WeekSeries {
  name: string;
  kind: 'bar' | 'line';
  values: number[];
  /** Bars with the same stack sit on top of each other (e.g. the feedback mix). */
  stack?: string;
  /** 1: the second axis on the right. */
  axis?: 0 | 1;
}

interface WeekChartProps {
  title: string;
  labels: string[];
  series: WeekSeries[];
  /** The unit of each axis, e.g. ['场', '人次']; shown in tooltips and the text alternative. */
  units: [string, string?];
  testId: string;
  height?: number;
}

/**
 * Counts per week. Tooltip and legend for sighted users; the text alternative is a summary for screen
 * readers (aria-label) and the same numbers as a table one click away.
 */
export function WeekChart({ title, labels, series, units, testId, height = 300 }: WeekChartProps) {
  const [showTable, setShowTable] = useState(false);
  const unitOf = (item: WeekSeries) => units[item.axis ?? 0] ?? '';
  const summary = labels
    .map(
      (label, index) =>
        `${label}：${series.map((item) => `${item.name} ${item.values[index]}${unitOf(item)}`).join('，')}`,
    )
    .join('；');
  const twoAxes = series.some((item) => item.axis === 1);

  const option = {
    aria: { enabled: true, label: { description: `${title}。${summary}` } },
    tooltip: {
      trigger: 'axis',
      formatter: (items: Array<{ seriesIndex: number; value: number; marker: string; axisValueLabel: string }>) =>
        [
          items[0]?.axisValueLabel ?? '',
          ...items.map((item) => {
            const one = series[item.seriesIndex];
            return `${item.marker}${one.name}：${item.value}${unitOf(one)}`;
          }),
        ].join('<br/>'),
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

  const columns = [
    { title: '周', dataIndex: 'label', key: 'label' },
    ...series.map((item, index) => ({
      title: item.name,
      key: `s${index}`,
      dataIndex: `s${index}`,
      align: 'right' as const,
    })),
  ];
  const data = labels.map((label, row) => ({
    key: label,
    label,
    ...Object.fromEntries(series.map((item, index) => [`s${index}`, item.values[row]])),
  }));

  return (
    <div data-testid={testId}>
      <div role="img" aria-label={`${title}：${summary}`}>
        <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height }} opts={{ renderer: 'svg' }} />
      </div>
      <Button type="link" size="small" onClick={() => setShowTable((shown) => !shown)} aria-expanded={showTable}>
        {showTable ? '收起数据表' : '以表格查看数据'}
      </Button>
      {showTable ? (
        <Table size="small" pagination={false} columns={columns} dataSource={data} data-testid={`${testId}-table`} />
      ) : null}
    </div>
  );
}
