import type { EChartsCoreOption } from 'echarts/core';
import { Skeleton } from 'antd';
import { lazy, Suspense, type CSSProperties } from 'react';

const EChartsView = lazy(() => import('./echarts-view'));

/** The numbers behind a chart, as rows of text: read by screen readers from a visually hidden table. */
export interface ChartTable {
  columns: string[];
  rows: string[][];
}

interface DataChartProps {
  /** What the chart shows; with `summary` it is the chart's accessible name. */
  title: string;
  /** Every number in one sentence, e.g. "2026-10 3.50 小时；2026-11 1.00 小时". */
  summary: string;
  option: EChartsCoreOption;
  table: ChartTable;
  testId: string;
  height?: number;
}

const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0, 0, 0, 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

/**
 * One ECharts chart (SVG renderer, tooltips, legend items that toggle their series) with a text
 * alternative: the drawing is an image named by the summary, and the same numbers sit in a table
 * that only assistive technology sees.
 */
export function DataChart({ title, summary, option, table, testId, height = 280 }: DataChartProps) {
  return (
    <div data-testid={testId} style={{ position: 'relative' }}>
      <div role="img" aria-label={`${title}：${summary}`}>
        <Suspense fallback={<Skeleton.Node active style={{ width: '100%', maxWidth: 960, height }} />}>
          <EChartsView
            option={{ aria: { enabled: true, label: { description: `${title}：${summary}` } }, ...option }}
            height={height}
          />
        </Suspense>
      </div>
      <table style={visuallyHidden} data-testid={`${testId}-table`}>
        <caption>{title}</caption>
        <thead>
          <tr>
            {table.columns.map((column) => (
              <th key={column} scope="col">
                {column}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row) => (
            <tr key={row[0]}>
              {row.map((cell, index) =>
                index === 0 ? (
                  <th key={index} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={index}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
