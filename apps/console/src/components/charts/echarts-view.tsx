import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only the parts these charts draw (as the request dashboards do): the rest of echarts stays out of the bundle.
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  TooltipComponent,
  LegendComponent,
  TitleComponent,
  AriaComponent,
  SVGRenderer,
]);

/** The drawing itself; loaded on demand (data-chart.tsx), so ECharts is not in the console's first download. */
export default function EChartsView({ option, height }: { option: echarts.EChartsCoreOption; height: number }) {
  return (
    <ReactEChartsCore
      echarts={echarts}
      option={option}
      notMerge
      style={{ height, maxWidth: 960 }}
      opts={{ renderer: 'svg' }}
    />
  );
}
