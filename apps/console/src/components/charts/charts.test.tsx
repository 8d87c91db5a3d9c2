import type { NoticeStats, TimebankMonthlyStat } from '@linli/shared-types';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { hoursChart } from '../activities/hours-chart';
import { utilisationChart } from '../bookings/utilisation-chart';
import { noticeReachChart } from '../notices/notice-reach-chart';
import { monthlyChart } from '../timebank/monthly-chart';
import { escapeHtml, monthAxisLabel } from './chart-text';
import { DataChart } from './data-chart';

type Formatter = (params: unknown) => string;

describe('chart text', () => {
  it.each([
    ['2026-11', 0, undefined, '11月\n2026年'],
    ['2026-12', 1, undefined, '12月'],
    ['2027-01', 2, undefined, '1月\n2027年'],
    ['2026-12', 1, '2026-12', '本月'],
  ])('monthAxisLabel(%p, %p, %p)', (month, index, current, label) =>
    expect(monthAxisLabel(month, index, current)).toBe(label),
  );

  it('escapes names written into tooltip HTML', () => {
    expect(escapeHtml('<img src=x onerror="y">&\'')).toBe('&lt;img src=x onerror=&quot;y&quot;&gt;&amp;&#39;');
  });
});

describe('hoursChart', () => {
  const items = [
    { month: '2026-10', minutes: 90 },
    { month: '2026-11', minutes: 0 },
  ];
  const { summary, option, table } = hoursChart(items, '#123456');

  it('draws one bar per month in hours, labelled only where there is time', () => {
    expect(option.series[0].data).toEqual([1.5, 0]);
    const label = option.series[0].label.formatter;
    expect([label({ dataIndex: 0 }), label({ dataIndex: 1 })]).toEqual(['1.50', '']);
    expect(option.legend.data).toEqual(['志愿服务时长']);
  });

  it('says every number in words and in a table', () => {
    expect(summary).toBe('2026-10 1.50 小时；2026-11 0.00 小时');
    expect(table.rows).toEqual([
      ['2026-10', '1.50', '90'],
      ['2026-11', '0.00', '0'],
    ]);
    expect((option.tooltip.formatter as Formatter)([{ dataIndex: 0, marker: '' }])).toBe(
      '2026-10<br/>志愿服务时长 1.50 小时（90 分钟）',
    );
  });
});

describe('monthlyChart', () => {
  const items: TimebankMonthlyStat[] = [
    { month: '2026-11', issued: 120, spent: 30 },
    { month: '2026-12', issued: 0, spent: 60 },
  ] as TimebankMonthlyStat[];
  const { summary, option, table } = monthlyChart(items, ['green', 'orange'], '2026-12');

  it('pairs issued and spent per month, the current month named 本月', () => {
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['发放', [2, 0]],
      ['兑换消费', [0.5, 1]],
    ]);
    expect(option.xAxis.data).toEqual(['11月\n2026年', '本月']);
    expect(option.legend.data).toEqual(['发放', '兑换消费']);
  });

  it('tells both series in the tooltip, the summary and the table', () => {
    const tooltip = (option.tooltip.formatter as Formatter)([
      { dataIndex: 1, seriesIndex: 0 },
      { dataIndex: 1, seriesIndex: 1 },
    ]);
    expect(tooltip).toBe('2026-12（本月）<br/>发放 0.00 小时（0 分钟）<br/>兑换消费 1.00 小时（60 分钟）');
    expect(summary).toContain('2026-11 发放 2.00 小时，兑换消费 0.50 小时');
    expect(table.rows[1]).toEqual(['2026-12', '0.00', '1.00']);
  });
});

describe('utilisationChart', () => {
  const rooms = [
    { id: 1, name: '活动室' },
    { id: 2, name: '<b>棋牌室</b>' },
  ];
  const items = [{ roomId: 1, roomName: '活动室', week: '2026-11-23', bookedMinutes: 120, openMinutes: 600 }];
  const { summary, option, table } = utilisationChart(['2026-11-23', '2026-11-30'], rooms, items);

  it('draws one series per room (so the legend toggles rooms), a missing week as 0', () => {
    expect(option.series.map((s) => [s.name, s.data])).toEqual([
      ['活动室', [0.2, 0]],
      ['<b>棋牌室</b>', [0, 0]],
    ]);
    expect(option.xAxis.data).toEqual(['11月23日起', '11月30日起']);
    expect(option.yAxis.max({ max: 0.2 })).toBe(0.2);
    expect(option.yAxis.max({ max: 0.21 })).toBe(0.4);
  });

  it('escapes room names in the tooltip and states each share', () => {
    const tooltip = (option.tooltip.formatter as Formatter)([
      { dataIndex: 0, seriesIndex: 0 },
      { dataIndex: 0, seriesIndex: 1 },
    ]);
    expect(tooltip).toBe(
      '11月23日起一周<br/>活动室 20%（2.0 / 10.0 小时）<br/>&lt;b&gt;棋牌室&lt;/b&gt; 0%（0.0 / 0.0 小时）',
    );
    expect(summary).toBe(
      '2026-11-23 起一周：活动室 20%，<b>棋牌室</b> 0%；2026-11-30 起一周：活动室 0%，<b>棋牌室</b> 0%',
    );
    expect(table.columns).toEqual(['周', '活动室', '<b>棋牌室</b>']);
  });
});

describe('noticeReachChart', () => {
  const colors = { acked: 'g', read: 'b', unread: 'n', text: 't', secondary: 's' };
  const stats = (over: Partial<NoticeStats>): NoticeStats => ({
    noticeId: 1,
    status: 'published',
    requiresAck: false,
    audience: 8,
    readCount: 6,
    ackCount: 0,
    followUpKind: 'read',
    followUpCount: 0,
    followUp: { items: [], nextCursor: null },
    ...over,
  });

  it('splits the audience into read and unread', () => {
    const { summary, option } = noticeReachChart(stats({}), colors);
    expect(option.series[0].data).toEqual([
      { name: '已读', value: 6 },
      { name: '未读', value: 2 },
    ]);
    expect(option.title.text).toBe('75%');
    expect(summary).toBe('阅读率 75%；共 8 人：已读 6 人（75%），未读 2 人（25%）');
    expect(option.legend.formatter('未读')).toBe('未读 2 人（25%）');
  });

  it('with confirmation, leads with the confirmation rate', () => {
    const { summary, option, table } = noticeReachChart(stats({ requiresAck: true, ackCount: 3 }), colors);
    expect(option.series[0].data.map((slice) => slice.value)).toEqual([3, 3, 2]);
    expect(option.title).toMatchObject({ text: '37.5%', subtext: '确认率' });
    expect(summary.startsWith('确认率 37.5%，阅读率 75%；')).toBe(true);
    expect(table.rows[0]).toEqual(['已确认', '3', '37.5%']);
  });
});

describe('DataChart', () => {
  it('names the drawing by its summary and keeps the numbers in a hidden table', () => {
    const html = renderToStaticMarkup(
      <DataChart
        title="每月时长"
        summary="2026-10 1.50 小时"
        option={{}}
        table={{ columns: ['月份', '小时'], rows: [['2026-10', '1.50']] }}
        testId="c"
      />,
    );
    expect(html).toContain('role="img" aria-label="每月时长：2026-10 1.50 小时"');
    expect(html).toMatch(
      /<table style="[^"]*clip:rect\(0, 0, 0, 0\)[^"]*" data-testid="c-table"><caption>每月时长<\/caption>/,
    );
    expect(html).toContain('<th scope="row">2026-10</th><td>1.50</td>');
  });
});
