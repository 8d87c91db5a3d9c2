import { requestCategoryLabels, type RequestStats, type RequestStatsSlice } from '@linli/shared-types';
import { Alert, Button, Card, Col, DatePicker, Flex, Row, Select, Skeleton, Statistic, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { RateChart } from '../components/requests/rate-chart';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useRequestStats } from '../hooks/useRequests';
import { PageHeader } from '../layout/page-header';
import { csvBlob } from '../lib/csv';
import { COMMUNITY_TIME_ZONE, dayjs } from '../lib/dayjs';
import { safeFilename, saveBlob } from '../lib/download';
import { durationText, rateText } from '../lib/request-format';

type Range = [dayjs.Dayjs, dayjs.Dayjs];

/** Twelve whole weeks up to today (community time), Monday to now. */
function defaultRange(): Range {
  const today = dayjs().tz(COMMUNITY_TIME_ZONE);
  const monday = today.subtract((today.day() + 6) % 7, 'day').startOf('day');
  return [monday.subtract(11, 'week'), today.endOf('day')];
}

const weekLabel = (iso: string) => dayjs(iso).tz(COMMUNITY_TIME_ZONE).format('M/D') + '周';

const rateColumns = <T extends RequestStatsSlice>(): TableColumnsType<T> => [
  { title: '诉求数', dataIndex: 'submitted', align: 'right' },
  { title: '响应率', key: 'response', align: 'right', render: (_, row) => rateText(row.responseRate) },
  { title: '解决率', key: 'resolution', align: 'right', render: (_, row) => rateText(row.resolutionRate) },
  { title: '满意率', key: 'satisfaction', align: 'right', render: (_, row) => rateText(row.satisfactionRate) },
  { title: '综合', key: 'composite', align: 'right', render: (_, row) => rateText(row.composite) },
  { title: '已评价', key: 'rated', align: 'right', render: (_, row) => row.counts.rated },
  {
    title: '受理用时（中位）',
    key: 'accept',
    align: 'right',
    render: (_, row) => durationText(row.medianAcceptMinutes),
  },
  {
    title: '办结用时（中位）',
    key: 'resolve',
    align: 'right',
    render: (_, row) => durationText(row.medianResolveMinutes),
  },
];

const csvHead = [
  '分组',
  '诉求数',
  '响应率',
  '解决率',
  '满意率',
  '综合',
  '应响应',
  '按时响应',
  '已评价',
  '评价已解决',
  '满意',
  '基本满意',
  '不满意',
  '不合理',
  '受理用时中位（分钟）',
  '办结用时中位（分钟）',
];

function csvRow(label: string, slice: RequestStatsSlice): (string | number)[] {
  const pct = (rate: number | null) => (rate === null ? '' : Number((rate * 100).toFixed(1)));
  return [
    label,
    slice.submitted,
    pct(slice.responseRate),
    pct(slice.resolutionRate),
    pct(slice.satisfactionRate),
    pct(slice.composite),
    slice.counts.responseDue,
    slice.counts.respondedOnTime,
    slice.counts.rated,
    slice.counts.ratedResolved,
    slice.counts.satisfied,
    slice.counts.basically,
    slice.counts.dissatisfied,
    slice.unreasonable,
    slice.medianAcceptMinutes ?? '',
    slice.medianResolveMinutes ?? '',
  ];
}

function exportCsv(stats: RequestStats, scopeName: string) {
  const range = `${dayjs(stats.from).tz(COMMUNITY_TIME_ZONE).format('YYYY-MM-DD')}至${dayjs(stats.to).tz(COMMUNITY_TIME_ZONE).format('YYYY-MM-DD')}`;
  const rows: (string | number)[][] = [
    [`${scopeName} 居民诉求三率（${range}，百分比）`],
    [
      `综合 = ${stats.weights.response} × 响应率 + ${stats.weights.resolution} × 解决率 + ${stats.weights.satisfaction} × 满意率；不合理诉求不计入`,
    ],
    csvHead,
    csvRow('合计', stats),
    ...stats.weeks.map((week) =>
      csvRow(`${dayjs(week.weekStart).tz(COMMUNITY_TIME_ZONE).format('YYYY-MM-DD')} 当周`, week),
    ),
    ...stats.categories.map((category) => csvRow(requestCategoryLabels[category.category], category)),
    ...stats.communities.map((community) => csvRow(community.communityName, community)),
  ];
  saveBlob(csvBlob(rows), `${safeFilename(`${scopeName}诉求三率_${range}`)}.csv`);
}

function Kpis({ stats }: { stats: RequestStats }) {
  const items = [
    {
      title: '响应率',
      value: stats.responseRate,
      hint: `${stats.counts.respondedOnTime} / ${stats.counts.responseDue} 按时受理或转办`,
      testId: 'rate-response',
    },
    {
      title: '解决率',
      value: stats.resolutionRate,
      hint: `${stats.counts.ratedResolved} / ${stats.counts.rated} 评价为已解决`,
      testId: 'rate-resolution',
    },
    {
      title: '满意率',
      value: stats.satisfactionRate,
      hint: `满意 ${stats.counts.satisfied} · 基本满意 ${stats.counts.basically} · 不满意 ${stats.counts.dissatisfied}`,
      testId: 'rate-satisfaction',
    },
    {
      title: '综合',
      value: stats.composite,
      hint: `${stats.weights.response} / ${stats.weights.resolution} / ${stats.weights.satisfaction} 加权`,
      testId: 'rate-composite',
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <Col xs={12} lg={6} key={item.title}>
          <Card data-testid={item.testId}>
            <Statistic title={item.title} value={rateText(item.value)} />
            <Typography.Text type="secondary">{item.hint}</Typography.Text>
          </Card>
        </Col>
      ))}
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="期间诉求" value={stats.submitted} suffix="件" />
          <Typography.Text type="secondary">{`其中不合理 ${stats.unreasonable} 件（不计入三率）`}</Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic
            title="当前超期"
            value={stats.redNow}
            suffix="件"
            valueStyle={stats.redNow ? { color: '#cf1322' } : undefined}
          />
          <Typography.Text type="secondary">未办结且已超过时限</Typography.Text>
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="受理用时（中位）" value={durationText(stats.medianAcceptMinutes)} />
        </Card>
      </Col>
      <Col xs={12} lg={6}>
        <Card>
          <Statistic title="办结用时（中位）" value={durationText(stats.medianResolveMinutes)} />
        </Card>
      </Col>
    </Row>
  );
}

/** 三率 dashboard: the rates of the period, by week and by category, and per community for admins; CSV export. */
export function RequestStatsPage() {
  const { canSwitch, communities } = useCommunityScope();
  const [range, setRange] = useState<Range>(defaultRange);
  // Admins look at the whole street by default, or one community.
  const [communityId, setCommunityId] = useState<number | undefined>(undefined);
  const query = {
    from: range[0].toISOString(),
    to: range[1].toISOString(),
    communityId: canSwitch ? communityId : undefined,
  };
  const stats = useRequestStats(query);
  const data = stats.data;
  const scopeName = canSwitch
    ? (communities.find((c) => c.id === communityId)?.name ?? '全街道')
    : (data?.communities[0]?.communityName ?? '本社区');

  return (
    <>
      <PageHeader
        title="三率统计"
        description="响应率 = 按时受理或转办 ÷ 应响应；解决率 = 评价已解决 ÷ 已评价；满意率 = （满意 + 0.9 × 基本满意）÷ 已评价。不合理诉求不计入。"
        extra={
          <Flex gap={8} wrap>
            {canSwitch ? (
              <Select
                style={{ width: 160 }}
                value={communityId ?? 0}
                onChange={(value: number) => setCommunityId(value || undefined)}
                options={[{ value: 0, label: '全街道' }, ...communities.map((c) => ({ value: c.id, label: c.name }))]}
                aria-label="统计范围"
                data-testid="stats-community"
              />
            ) : null}
            <DatePicker.RangePicker
              allowClear={false}
              value={range}
              onChange={(value) => {
                if (value?.[0] && value[1]) setRange([value[0].startOf('day'), value[1].endOf('day')]);
              }}
              aria-label="统计区间"
            />
            <Button disabled={!data} onClick={() => data && exportCsv(data, scopeName)} data-testid="stats-export">
              导出 CSV
            </Button>
          </Flex>
        }
      />
      {stats.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`统计加载失败：${stats.error.message}`}
          action={
            <Button size="small" onClick={() => void stats.refetch()}>
              重试
            </Button>
          }
        />
      ) : null}
      {stats.isLoading ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {data ? (
        <div data-testid="request-stats" style={{ opacity: stats.isFetching ? 0.6 : 1 }}>
          <Kpis stats={data} />
          <Card title="按周趋势" style={{ marginBottom: 16 }}>
            <RateChart
              title="按周趋势"
              testId="stats-weeks-chart"
              labels={data.weeks.map((week) => weekLabel(week.weekStart))}
              rates={[
                { name: '响应率', kind: 'line', values: data.weeks.map((w) => w.responseRate) },
                { name: '解决率', kind: 'line', values: data.weeks.map((w) => w.resolutionRate) },
                { name: '满意率', kind: 'line', values: data.weeks.map((w) => w.satisfactionRate) },
                { name: '综合', kind: 'line', values: data.weeks.map((w) => w.composite) },
              ]}
              counts={{ name: '诉求数', values: data.weeks.map((w) => w.submitted) }}
            />
          </Card>
          <Card title="按类别" style={{ marginBottom: 16 }}>
            <RateChart
              title="按类别"
              testId="stats-categories-chart"
              labels={data.categories.map((c) => requestCategoryLabels[c.category])}
              rates={[
                { name: '响应率', kind: 'bar', values: data.categories.map((c) => c.responseRate) },
                { name: '解决率', kind: 'bar', values: data.categories.map((c) => c.resolutionRate) },
                { name: '满意率', kind: 'bar', values: data.categories.map((c) => c.satisfactionRate) },
              ]}
              counts={{ name: '诉求数', values: data.categories.map((c) => c.submitted) }}
            />
          </Card>
          {data.communities.length > 0 ? (
            <Card title="各社区" style={{ marginBottom: 16 }}>
              <RateChart
                title="各社区"
                testId="stats-communities-chart"
                height={280}
                labels={data.communities.map((c) => c.communityName)}
                rates={[
                  { name: '响应率', kind: 'bar', values: data.communities.map((c) => c.responseRate) },
                  { name: '解决率', kind: 'bar', values: data.communities.map((c) => c.resolutionRate) },
                  { name: '满意率', kind: 'bar', values: data.communities.map((c) => c.satisfactionRate) },
                  { name: '综合', kind: 'bar', values: data.communities.map((c) => c.composite) },
                ]}
              />
              <Table
                rowKey="communityId"
                size="small"
                pagination={false}
                style={{ marginTop: 8 }}
                columns={[
                  { title: '社区', dataIndex: 'communityName' },
                  ...rateColumns<RequestStats['communities'][number]>(),
                ]}
                dataSource={data.communities}
                data-testid="stats-communities-table"
              />
            </Card>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
