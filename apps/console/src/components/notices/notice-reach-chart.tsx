import type { NoticeStats } from '@linli/shared-types';
import { Empty, theme } from 'antd';
import { percentOf } from '../../lib/notice-format';
import { DataChart } from '../charts/data-chart';
import { tooltipItems, type TooltipItem } from '../charts/chart-text';

interface ReachColors {
  acked: string;
  read: string;
  unread: string;
  text: string;
  secondary: string;
}

/** The ring's option and text alternative: the audience split into (confirmed,) read and unread. */
export function noticeReachChart(stats: NoticeStats, colors: ReachColors) {
  const readRate = percentOf(stats.readCount, stats.audience);
  const ackRate = percentOf(stats.ackCount, stats.audience);
  const unread = stats.audience - stats.readCount;
  const slices = stats.requiresAck
    ? [
        { name: '已确认', value: stats.ackCount, color: colors.acked },
        { name: '已读未确认', value: stats.readCount - stats.ackCount, color: colors.read },
        { name: '未读', value: unread, color: colors.unread },
      ]
    : [
        { name: '已读', value: stats.readCount, color: colors.read },
        { name: '未读', value: unread, color: colors.unread },
      ];
  const sliceText = (name: string, value: number) => `${name} ${value} 人（${percentOf(value, stats.audience)}%）`;
  const headline = stats.requiresAck ? `确认率 ${ackRate}%，阅读率 ${readRate}%` : `阅读率 ${readRate}%`;
  const summary = `${headline}；共 ${stats.audience} 人：${slices.map((slice) => sliceText(slice.name, slice.value)).join('，')}`;
  const option = {
    color: slices.map((slice) => slice.color),
    title: {
      text: `${stats.requiresAck ? ackRate : readRate}%`,
      subtext: stats.requiresAck ? '确认率' : '阅读率',
      left: '26%',
      top: '38%',
      textAlign: 'center',
      textStyle: { fontSize: 28, fontWeight: 600, color: colors.text },
      subtextStyle: { fontSize: 13, color: colors.secondary },
      itemGap: 4,
    },
    tooltip: {
      trigger: 'item',
      formatter: (params: TooltipItem | TooltipItem[]) => {
        const [item] = tooltipItems(params);
        const slice = slices[item.dataIndex];
        return `${item.marker ?? ''}${sliceText(slice.name, slice.value)}`;
      },
    },
    legend: {
      orient: 'vertical',
      right: 0,
      top: 'middle',
      itemGap: 14,
      formatter: (name: string) => sliceText(name, slices.find((slice) => slice.name === name)?.value ?? 0),
    },
    series: [
      {
        name: '送达情况',
        type: 'pie',
        radius: ['62%', '80%'],
        center: ['26%', '50%'],
        avoidLabelOverlap: false,
        label: { show: false },
        data: slices.map(({ name, value }) => ({ name, value })),
      },
    ],
  };
  const table = {
    columns: ['状态', '人数', '占比'],
    rows: slices.map((slice) => [slice.name, String(slice.value), `${percentOf(slice.value, stats.audience)}%`]),
  };
  return { summary, option, table };
}

/** How far a notice reached: a ring of (confirmed,) read and unread residents, the legend toggles slices. */
export function NoticeReachChart({ stats }: { stats: NoticeStats }) {
  const { token } = theme.useToken();
  if (stats.audience === 0) return <Empty description="发送对象中还没有已认证的居民" />;
  const { summary, option, table } = noticeReachChart(stats, {
    acked: token.colorSuccess,
    read: token.colorPrimary,
    unread: token.colorFillSecondary,
    text: token.colorText,
    secondary: token.colorTextSecondary,
  });
  return (
    <DataChart
      title="通知送达情况"
      summary={summary}
      option={option}
      table={table}
      testId="notice-reach-chart"
      height={220}
    />
  );
}
