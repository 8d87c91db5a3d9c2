import { DownloadOutlined } from '@ant-design/icons';
import { hoursText } from '@linli/shared-types';
import { Alert, Button, Card, Empty, Flex, Select, Space, Spin, Table, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useMemo, useState } from 'react';
import { useCommunityScope } from '../../hooks/useCommunityScope';
import { useVolunteerHoursReport, type HoursReportRow } from '../../hooks/useActivities';
import { communityMonth } from '../../lib/activity-form';
import { csvBlob } from '../../lib/csv';
import { safeFilename, saveBlob } from '../../lib/download';
import { formatDateTime } from '../../lib/format';
import { HoursChart, type MonthBar } from './hours-chart';

/** The last `count` months up to `last` (YYYY-MM), oldest first. */
function monthsUpTo(last: string, count: number): string[] {
  const [year, month] = last.split('-').map(Number);
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
  });
}

/**
 * 服务时长报表: minutes credited at settlement, per month of the activity's start (community time).
 * Computed in the browser from the settled activities' attendance sheets; CSV with a BOM for Excel.
 */
export function HoursReportPanel() {
  const { community } = useCommunityScope();
  const report = useVolunteerHoursReport(communityMonth);
  const [span, setSpan] = useState(12);
  const currentMonth = communityMonth(new Date().toISOString());
  const months = useMemo(() => monthsUpTo(currentMonth, span), [currentMonth, span]);
  const rows = useMemo(() => (report.data ?? []).filter((row) => months.includes(row.month)), [report.data, months]);
  const bars: MonthBar[] = months.map((month) => ({
    month,
    minutes: rows.filter((row) => row.month === month).reduce((sum, row) => sum + row.minutes, 0),
  }));
  const total = rows.reduce((sum, row) => sum + row.minutes, 0);

  const exportCsv = () => {
    const header = ['月份', '活动', '开始时间', '地点', '入账志愿者人数', '服务时长（分钟）', '服务时长（小时）'];
    const lines = [...rows]
      .sort((a, b) => a.activity.startAt.localeCompare(b.activity.startAt))
      .map((row) => [
        row.month,
        row.activity.title,
        formatDateTime(row.activity.startAt),
        row.activity.place,
        row.volunteers,
        row.minutes,
        hoursText(row.minutes),
      ]);
    const monthly = bars.map((bar) => [
      bar.month,
      '（月合计）',
      '',
      '',
      rows.filter((r) => r.month === bar.month).reduce((s, r) => s + r.volunteers, 0),
      bar.minutes,
      hoursText(bar.minutes),
    ]);
    saveBlob(
      csvBlob([header, ...lines, [], ...monthly]),
      `${safeFilename(`${community?.name ?? ''}志愿服务时长_${months[0]}至${months[months.length - 1]}`)}.csv`,
    );
  };

  const columns: TableColumnsType<HoursReportRow> = [
    { title: '月份', dataIndex: 'month', width: 90 },
    { title: '活动', key: 'title', render: (_, row) => row.activity.title },
    { title: '开始时间', key: 'start', width: 150, render: (_, row) => formatDateTime(row.activity.startAt) },
    { title: '入账人数', dataIndex: 'volunteers', width: 90 },
    {
      title: '服务时长',
      dataIndex: 'minutes',
      width: 150,
      render: (minutes: number) => `${hoursText(minutes)} 小时（${minutes} 分钟）`,
    },
  ];

  return (
    <Space orientation="vertical" size={16} style={{ width: '100%' }}>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Space>
          <Select
            aria-label="统计的月数"
            value={span}
            onChange={setSpan}
            options={[
              { value: 6, label: '最近 6 个月' },
              { value: 12, label: '最近 12 个月' },
              { value: 24, label: '最近 24 个月' },
            ]}
            style={{ width: 140 }}
          />
          <Typography.Text type="secondary">
            按活动开始的月份统计已结算的时长，共 {hoursText(total)} 小时
          </Typography.Text>
        </Space>
        <Button
          icon={<DownloadOutlined />}
          disabled={!report.isSuccess || rows.length === 0}
          onClick={exportCsv}
          data-testid="hours-report-export"
        >
          导出 CSV
        </Button>
      </Flex>
      {report.isError && (
        <Alert
          type="error"
          showIcon
          title={`报表加载失败：${report.error.message}`}
          action={
            <Button size="small" onClick={() => report.refetch()}>
              重试
            </Button>
          }
        />
      )}
      {report.isPending ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin description="正在汇总已结算的活动…" />
        </Flex>
      ) : (
        <>
          <Card size="small">
            <HoursChart items={bars} />
          </Card>
          <Table<HoursReportRow>
            rowKey={(row) => row.activity.id}
            columns={columns}
            dataSource={rows}
            pagination={false}
            size="small"
            locale={{ emptyText: <Empty description="这段时间没有已结算的活动" /> }}
            data-testid="hours-report-table"
          />
        </>
      )}
    </Space>
  );
}
