import {
  groupKindLabels,
  groupKinds,
  moodLabels,
  moods,
  type CentreReport,
  type CentreReportWeek,
} from '@linli/shared-types';
import { Alert, App, Button, Card, Col, DatePicker, Flex, Row, Skeleton, Statistic, Typography } from 'antd';
import { useState } from 'react';
import { useCentreReport } from '../hooks/useCentre';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { addDays, communityToday, weekStart } from '../lib/booking-format';
import { dayjs } from '../lib/dayjs';
import { safeFilename, saveBlob } from '../lib/download';
import { fetchCentreReportCsv } from '../services/centre';
import { WeekChart, type WeekChartProps } from './centre-report-chart';

/** The last twelve weeks, this one included (the report counts what has happened), in community dates. */
function defaultRange(): [string, string] {
  const monday = weekStart(communityToday());
  return [addDays(monday, -11 * 7), addDays(monday, 6)];
}

const weekLabel = (monday: string) => `${Number(monday.slice(5, 7))}/${Number(monday.slice(8, 10))}周`;
const hours = (minutes: number) => Math.round((minutes / 60) * 10) / 10;

function Totals({ report }: { report: CentreReport }) {
  const t = report.totals;
  const feedbackCount = t.feedback.good + t.feedback.ok + t.feedback.bad;
  const items = [
    {
      title: '举办活动',
      value: t.events,
      suffix: '场',
      hint: `报名 ${t.signedUp} 人次，到场 ${t.attended} 人次`,
      id: 'events',
    },
    { title: '结识新邻居', value: t.metSomeoneNew, suffix: '人', hint: '第一次与某位邻居同场活动或同组', id: 'met' },
    {
      title: '小组活跃成员',
      value: t.activeGroupMembers,
      suffix: '人',
      hint: '参加过小组活动或加入小组',
      id: 'active',
    },
    {
      title: '活动评价',
      value: feedbackCount,
      suffix: '份',
      hint: `满意 ${t.feedback.good} · 一般 ${t.feedback.ok} · 不满意 ${t.feedback.bad}`,
      id: 'feedback',
    },
    { title: '邻里感谢', value: t.thanks, suffix: '次', hint: '活动后居民之间送出的感谢', id: 'thanks' },
    {
      title: '活动室使用',
      value: hours(t.groupRoomMinutes + t.individualRoomMinutes + t.staffRoomMinutes),
      suffix: '小时',
      hint: `小组 ${hours(t.groupRoomMinutes)} · 个人 ${hours(t.individualRoomMinutes)} · 社区 ${hours(t.staffRoomMinutes)}`,
      id: 'rooms',
    },
  ];
  return (
    <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
      {items.map((item) => (
        <Col xs={12} lg={8} xl={4} key={item.id}>
          <Card data-testid={`centre-total-${item.id}`}>
            <Statistic title={item.title} value={item.value} suffix={item.suffix} />
            <Typography.Text type="secondary">{item.hint}</Typography.Text>
          </Card>
        </Col>
      ))}
    </Row>
  );
}

type ReportChart = Omit<WeekChartProps, 'labels'> & { card: string };

/** The four charts of the report: cultural, relational, emotional production and the rooms. */
function reportCharts(data: CentreReport): ReportChart[] {
  const per = (value: (week: CentreReportWeek) => number) => data.weeks.map(value);
  return [
    {
      card: '文化产出：活动与参与',
      title: '每周活动场次（按类别）与报名、到场人次',
      testId: 'centre-chart-events',
      units: ['场', '人次'],
      series: [
        ...groupKinds.map((kind) => ({
          name: groupKindLabels[kind],
          kind: 'bar' as const,
          stack: 'events',
          values: per((w) => w.eventsByKind[kind]),
        })),
        { name: '报名', kind: 'line', axis: 1, values: per((w) => w.signedUp) },
        { name: '到场', kind: 'line', axis: 1, values: per((w) => w.attended) },
      ],
    },
    {
      card: '关系产出：结识新邻居与小组活跃成员',
      title: '每周结识新邻居的居民和小组活跃成员',
      testId: 'centre-chart-relations',
      units: ['人'],
      series: [
        { name: '结识新邻居', kind: 'bar', values: per((w) => w.metSomeoneNew) },
        { name: '小组活跃成员', kind: 'line', values: per((w) => w.activeGroupMembers) },
      ],
    },
    {
      card: '情感产出：活动评价与感谢',
      title: '每周活动评价（满意、一般、不满意）与感谢',
      testId: 'centre-chart-feelings',
      units: ['份', '次'],
      series: [
        ...moods.map((mood) => ({
          name: moodLabels[mood],
          kind: 'bar' as const,
          stack: 'mood',
          values: per((w) => w.feedback[mood]),
        })),
        { name: '感谢', kind: 'line', axis: 1, values: per((w) => w.thanks) },
      ],
    },
    {
      card: '活动室使用：小组与个人',
      title: '每周活动室使用小时数（小组、个人、社区）',
      testId: 'centre-chart-rooms',
      units: ['小时'],
      series: (
        [
          ['小组', 'groupRoomMinutes'],
          ['个人', 'individualRoomMinutes'],
          ['社区', 'staffRoomMinutes'],
        ] as const
      ).map(([name, field]) => ({ name, kind: 'bar' as const, stack: 'rooms', values: per((w) => hours(w[field])) })),
    },
  ];
}

/** 活动中心产出: cultural (events, attendance), relational (new neighbours, active members), emotional (feedback, thanks), rooms. */
export function CentreReportPanel() {
  const { message } = App.useApp();
  const { canSwitch, communityId, community } = useCommunityScope();
  const [range, setRange] = useState<[string, string]>(defaultRange);
  const query = { from: range[0], to: range[1], communityId: canSwitch ? communityId : undefined };
  const report = useCentreReport(query);
  const [exporting, setExporting] = useState(false);
  const data = report.data;
  const labels = data?.weeks.map((week) => weekLabel(week.week)) ?? [];

  const exportCsv = async () => {
    setExporting(true);
    try {
      const blob = await fetchCentreReportCsv(query);
      saveBlob(blob, `${safeFilename(`${community?.name ?? ''}活动中心周报_${range[0]}至${range[1]}`)}.csv`);
    } catch (caught) {
      message.error(`导出失败：${caught instanceof Error ? caught.message : '请稍后重试'}`);
    } finally {
      setExporting(false);
    }
  };

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <Typography.Text type="secondary">
          按周统计已举办的活动（周一至周日，北京时间）。「结识新邻居」：第一次与某位邻居同场活动或同在一个小组的居民人数。
        </Typography.Text>
        <Flex gap={8}>
          <DatePicker.RangePicker
            allowClear={false}
            value={[dayjs(range[0]), dayjs(range[1])]}
            onChange={(value) => {
              if (value?.[0] && value[1]) setRange([value[0].format('YYYY-MM-DD'), value[1].format('YYYY-MM-DD')]);
            }}
            aria-label="统计区间"
          />
          <Button disabled={!data} loading={exporting} onClick={() => void exportCsv()} data-testid="centre-export">
            导出 CSV
          </Button>
        </Flex>
      </Flex>
      {report.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`周报加载失败：${report.error.message}`}
          action={
            <Button size="small" onClick={() => void report.refetch()}>
              重试
            </Button>
          }
        />
      ) : null}
      {report.isLoading ? <Skeleton active paragraph={{ rows: 8 }} /> : null}
      {data ? (
        <div data-testid="centre-report" style={{ opacity: report.isFetching ? 0.6 : 1 }}>
          <Totals report={data} />
          <Row gutter={[16, 16]}>
            {reportCharts(data).map(({ card, ...chart }) => (
              <Col xs={24} xl={12} key={chart.testId}>
                <Card title={card}>
                  <WeekChart {...chart} labels={labels} />
                </Card>
              </Col>
            ))}
          </Row>
        </div>
      ) : null}
    </>
  );
}
