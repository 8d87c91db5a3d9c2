import { BarChart, LineChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';
import { Button, Table } from 'antd';
import { useState } from 'react';

// Only the parts the dashboards draw: the rest of echarts stays out of the bundle.
echarts.use([BarChart, LineChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

export interface RateSeries {
  name: string;
  /** Fractions 0–1, null where there was nothing to divide. */
  values: Array<number | null>;
  kind: 'line' | 'bar';
}

export interface CountSeries {
  name: string;
  values: number[];
}

interface RateChartProps {
  title: string;
  labels: string[];
  rates: RateSeries[];
  /** A count drawn as bars on a second axis (e.g. requests submitted). */
  counts?: CountSeries;
  testId: string;
  height?: number;
}

const percent = (value: number | null) => (value === null ? '—' : `${Number((value * 100).toFixed(1))}%`);

/**
 * Rates (percent axis) with an optional count (second axis). The text alternative is a summary for
 * screen readers (aria-label) and the same numbers as a table one click away.
 */
export function RateChart({ title, labels, rates, counts, testId, height = 320 }: RateChartProps) {
  const [showTable, setShowTable] = useState(false);
  const summary = labels
    .map((label, index) => {
      const parts = rates.map((series) => `${series.name} ${percent(series.values[index])}`);
      if (counts) parts.push(`${counts.name} ${counts.values[index]}`);
      return `${label}：${parts.join('，')}`;
    })
    .join('；');

  const option = {
    aria: { enabled: true, label: { description: `${title}。${summary}` } },
    tooltip: {
      trigger: 'axis',
      formatter: (items: Array<{ seriesName: string; value: number | null; marker: string; axisValueLabel: string }>) =>
        [
          items[0]?.axisValueLabel ?? '',
          ...items.map((item) =>
            counts && item.seriesName === counts.name
              ? `${item.marker}${item.seriesName}：${item.value ?? 0}`
              : `${item.marker}${item.seriesName}：${percent(item.value)}`,
          ),
        ].join('<br/>'),
    },
    legend: { top: 0 },
    grid: { left: 48, right: counts ? 48 : 16, top: 40, bottom: 32 },
    xAxis: { type: 'category', data: labels },
    yAxis: [
      { type: 'value', min: 0, max: 1, axisLabel: { formatter: (value: number) => `${Math.round(value * 100)}%` } },
      ...(counts ? [{ type: 'value', minInterval: 1, splitLine: { show: false }, name: counts.name }] : []),
    ],
    series: [
      ...rates.map((series) => ({
        name: series.name,
        type: series.kind,
        data: series.values,
        connectNulls: false,
        yAxisIndex: 0,
        ...(series.kind === 'line' ? { symbolSize: 6 } : { barMaxWidth: 18 }),
      })),
      ...(counts
        ? [
            {
              name: counts.name,
              type: 'bar',
              data: counts.values,
              yAxisIndex: 1,
              barMaxWidth: 24,
              itemStyle: { opacity: 0.35 },
            },
          ]
        : []),
    ],
  };

  const columns = [
    { title: '', dataIndex: 'label', key: 'label' },
    ...rates.map((series, index) => ({ title: series.name, key: `r${index}`, dataIndex: `r${index}` })),
    ...(counts ? [{ title: counts.name, key: 'count', dataIndex: 'count' }] : []),
  ];
  const data = labels.map((label, row) => ({
    key: label,
    label,
    ...Object.fromEntries(rates.map((series, index) => [`r${index}`, percent(series.values[row])])),
    ...(counts ? { count: counts.values[row] } : {}),
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
