import { BarChart } from 'echarts/charts';
import { AriaComponent, GridComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

echarts.use([BarChart, GridComponent, TooltipComponent, AriaComponent, SVGRenderer]);

/** One bar per label (e.g. help requests per state): the numbers are also in the aria label for screen readers. */
export function HelpBarChart({
  title,
  bars,
  unit,
  testId,
}: {
  title: string;
  bars: Array<{ label: string; value: number }>;
  unit: string;
  testId: string;
}) {
  const summary = bars.map((b) => `${b.label} ${b.value}${unit}`).join('，');
  const option = {
    aria: { enabled: true, label: { description: `${title}。${summary}` } },
    tooltip: { trigger: 'axis' },
    grid: { left: 48, right: 16, top: 24, bottom: 32 },
    xAxis: { type: 'category', data: bars.map((b) => b.label) },
    yAxis: { type: 'value', minInterval: 1, name: unit },
    series: [{ type: 'bar', name: title, data: bars.map((b) => b.value), barMaxWidth: 32 }],
  };
  return (
    <div data-testid={testId} role="img" aria-label={`${title}：${summary}`}>
      <ReactEChartsCore echarts={echarts} option={option} notMerge style={{ height: 260 }} opts={{ renderer: 'svg' }} />
    </div>
  );
}
