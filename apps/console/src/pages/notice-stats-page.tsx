import { DisabledReason } from '../components/disabled-reason';
import { ArrowLeftOutlined, DownloadOutlined, ReloadOutlined } from '@ant-design/icons';
import {
  noticeCategoryLabels,
  noticeStatusLabels,
  type NoticeFollowUpHousehold,
  type NoticeStats,
  type NoticeView,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Result,
  Row,
  Space,
  Statistic,
  Table,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import type { ReactNode } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useBuildings } from '../hooks/useBuildings';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useExportNoticeFollowUp, useNotice, useNoticeFollowUpPages, useNoticeStats } from '../hooks/useNotices';
import { PageHeader } from '../layout/page-header';
import { formatDateTime } from '../lib/format';
import { PhoneReveal } from '../components/residents/phone-reveal';
import { audienceLabel, noticeCategoryColors, noticeStatusColors, percentOf } from '../lib/notice-format';
import { type ApiRequestError } from '../services/http';
import { LoadFailed, PageLoading, routeId } from '../components/load-states';
import { NoticeReachChart } from '../components/notices/notice-reach-chart';

type Resident = NoticeFollowUpHousehold['residents'][number];

/** One line per resident of the household, so names, phones and states line up across the columns. */
function residentLines(household: NoticeFollowUpHousehold, render: (resident: Resident) => ReactNode) {
  return (
    <Flex vertical gap={4}>
      {household.residents.map((resident) => (
        <div key={resident.userId}>{render(resident)}</div>
      ))}
    </Flex>
  );
}

function followUpColumns(
  kind: NoticeStats['followUpKind'],
  notice: NoticeView,
): TableColumnsType<NoticeFollowUpHousehold> {
  const purpose = `公告「${notice.title}」#${notice.id} 跟进`;
  return [
    { title: '住户（楼栋-单元-房号）', dataIndex: 'household', width: 200 },
    {
      title: '居民',
      key: 'names',
      render: (_, household) =>
        residentLines(household, (r) => r.name ?? <Typography.Text type="secondary">未填写姓名</Typography.Text>),
    },
    {
      title: '手机号',
      key: 'phones',
      render: (_, household) =>
        residentLines(household, (r) => (
          <PhoneReveal residentId={r.userId} name={r.name} maskedPhone={r.phone} purpose={purpose} />
        )),
    },
    {
      title: kind === 'ack' ? '阅读情况' : '状态',
      key: 'read',
      render: (_, household) =>
        residentLines(household, (r) => (r.read ? <Tag color="blue">已读未确认</Tag> : <Tag>未读</Tag>)),
    },
  ];
}

function StatNumber({ title, value, testId, hint }: { title: string; value: number; testId: string; hint: ReactNode }) {
  return (
    <Card size="small" style={{ height: '100%' }}>
      <Statistic
        title={title}
        value={value}
        suffix="人"
        valueRender={(node) => <span data-testid={testId}>{node}</span>}
      />
      <Typography.Text type="secondary">{hint}</Typography.Text>
    </Card>
  );
}

function StatsContent({ notice, stats }: { notice: NoticeView; stats: NoticeStats }) {
  const { message } = App.useApp();
  const exportCsv = useExportNoticeFollowUp();
  const kindLabel = stats.followUpKind === 'ack' ? '未确认' : '未读';
  // The stats carry the first page; 加载更多 fetches the next ones (10,000 households would be ~800 KiB at once).
  const more = useNoticeFollowUpPages(notice.id, stats.followUp);
  const loaded = more.data?.pages ?? [];
  const households = [...stats.followUp.items, ...loaded.flatMap((page) => page.items)];
  const hasMore = loaded.length > 0 ? more.hasNextPage : stats.followUp.nextCursor !== null;
  const loadMore = () =>
    more.fetchNextPage().then((result) => {
      if (result.isError) void message.error(`加载失败：${(result.error as ApiRequestError).message}`);
    });

  const onExport = () =>
    exportCsv.mutateAsync({ noticeId: notice.id, filename: `${notice.title}-${kindLabel}住户` }).then(
      () => void message.success('已导出'),
      (error: ApiRequestError) => void message.error(`导出失败：${error.message}`),
    );

  return (
    <>
      <Row gutter={[16, 16]} style={{ marginBottom: 16 }}>
        <Col xs={24} xl={10}>
          <Card title="送达情况" style={{ height: '100%' }}>
            <NoticeReachChart stats={stats} />
          </Card>
        </Col>
        <Col xs={24} xl={14}>
          <Row gutter={[16, 16]} style={{ height: '100%' }}>
            <Col xs={24} md={8}>
              <StatNumber title="发送对象" value={stats.audience} testId="stat-audience" hint="已认证的居民" />
            </Col>
            <Col xs={24} md={8}>
              <StatNumber
                title="已读"
                value={stats.readCount}
                testId="stat-read"
                hint={`阅读率 ${percentOf(stats.readCount, stats.audience)}%`}
              />
            </Col>
            <Col xs={24} md={8}>
              <StatNumber
                title="已确认"
                value={stats.ackCount}
                testId="stat-ack"
                hint={stats.requiresAck ? `确认率 ${percentOf(stats.ackCount, stats.audience)}%` : '此公告无需确认'}
              />
            </Col>
            <Col span={24}>
              <Alert
                type={stats.followUpCount > 0 ? 'warning' : 'success'}
                showIcon
                title={
                  stats.followUpCount > 0
                    ? `还有 ${stats.followUpCount} 户无人${stats.followUpKind === 'ack' ? '确认' : '阅读'}，建议网格员上门或电话提醒。`
                    : `发送对象中的每户都已有人${stats.followUpKind === 'ack' ? '确认' : '阅读'}。`
                }
              />
            </Col>
          </Row>
        </Col>
      </Row>

      <Card
        title={`${kindLabel}的住户（${stats.followUpCount} 户）`}
        extra={
          <DisabledReason reason={stats.followUpCount === 0 ? '没有需要跟进的住户' : undefined}>
            <Tooltip title="下载 Excel 可打开的 CSV 全部名单（导出会记入审计日志）" trigger={['hover', 'focus']}>
              <Button
                icon={<DownloadOutlined />}
                onClick={onExport}
                loading={exportCsv.isPending}
                disabled={stats.followUpCount === 0}
                data-testid="notice-stats-export"
              >
                导出 CSV
              </Button>
            </Tooltip>
          </DisabledReason>
        }
      >
        <Typography.Paragraph type="secondary">
          {stats.followUpKind === 'ack'
            ? '户内无人点击「已知晓」的住户；同户有人确认即视为已送达。手机号已脱敏。'
            : '户内无人打开过这条公告的住户。手机号已脱敏。'}
        </Typography.Paragraph>
        <Table<NoticeFollowUpHousehold>
          rowKey={(household) => `${household.buildingId}|${household.unit}|${household.room}`}
          columns={followUpColumns(stats.followUpKind, notice)}
          dataSource={households}
          pagination={false}
          locale={{ emptyText: <Empty description={`没有${kindLabel}的住户`} /> }}
          data-testid="notice-followup-table"
        />
        {hasMore ? (
          <Flex justify="center" align="center" gap={12} style={{ marginTop: 16 }}>
            <Typography.Text type="secondary" data-testid="notice-followup-shown">
              已显示 {households.length} / {stats.followUpCount} 户
            </Typography.Text>
            <Button loading={more.isFetching} onClick={() => void loadMore()} data-testid="notice-followup-more">
              加载更多
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}

/** /notices/:id/stats: who has been reached, and which households need a visit. */
export function NoticeStatsPage() {
  const navigate = useNavigate();
  const scope = useCommunityScope();
  const params = useParams();
  const noticeId = routeId(params.id);
  const notice = useNotice(noticeId ?? undefined);
  const stats = useNoticeStats(noticeId ?? undefined);
  const buildings = useBuildings(notice.data?.communityId);

  const back = (
    <Button icon={<ArrowLeftOutlined />} onClick={() => navigate('/notices')}>
      返回列表
    </Button>
  );
  if (noticeId === null) return <Result status="404" title="找不到这条公告" extra={back} />;

  const failure = notice.error ?? stats.error;
  if (failure) {
    return (
      <LoadFailed
        title="统计加载失败"
        error={failure}
        extra={
          <Space>
            {back}
            <Button type="primary" onClick={() => Promise.all([notice.refetch(), stats.refetch()])}>
              重试
            </Button>
          </Space>
        }
      />
    );
  }
  if (!notice.data || !stats.data) return <PageLoading text="正在加载统计…" />;

  const view = notice.data;
  const communityName = (scope.canSwitch ? scope.communities.find((c) => c.id === view.communityId) : scope.community)
    ?.name;
  const audience =
    view.audienceBuildingIds.length === 0
      ? `全社区${communityName ? `（${communityName}）` : ''}`
      : audienceLabel(view.audienceBuildingIds, buildings.data);

  return (
    <>
      <PageHeader
        title={view.title}
        description={
          <Space size={8} wrap>
            <Tag color={noticeCategoryColors[view.category]}>{noticeCategoryLabels[view.category]}</Tag>
            <Tag color={noticeStatusColors[stats.data.status]}>{noticeStatusLabels[stats.data.status]}</Tag>
            {view.requiresAck && <Tag color="orange">需确认</Tag>}
            <span>发送对象：{audience}</span>
            <span>发布时间：{formatDateTime(view.publishAt)}</span>
            {view.expiresAt && <span>过期时间：{formatDateTime(view.expiresAt)}</span>}
          </Space>
        }
        extra={
          <Space>
            {back}
            <Button
              icon={<ReloadOutlined />}
              loading={stats.isFetching}
              onClick={() => stats.refetch()}
              data-testid="notice-stats-refresh"
            >
              刷新
            </Button>
          </Space>
        }
      />
      <StatsContent notice={view} stats={stats.data} />
    </>
  );
}
