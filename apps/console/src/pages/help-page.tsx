import { ChoiceSegmented } from '../components/choice-segmented';
import {
  HELP_LIMITS,
  helpRequestKindLabels,
  helpRequestStatusLabels,
  helpRequestStatuses,
  hoursText,
  ledgerKindLabels,
  type HelpRequestStatus,
  type HelpRequestView,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Flex,
  Input,
  InputNumber,
  Modal,
  Row,
  Space,
  Statistic,
  Table,
  Tabs,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useNavigate, useParams } from 'react-router-dom';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { PageHeader } from '../layout/page-header';
import { withCommunityColumn } from '../lib/community-column';
import { formatDateTime } from '../lib/format';
import type { ApiRequestError } from '../services/http';
import { useHelpCommons, useHelpRequestList, useSettleHelpRequest } from './help-hooks';
import { HelpBarChart } from './help-status-chart';
import { NotFoundPage } from './not-found-page';

const statusColors: Record<HelpRequestStatus, string> = {
  open: 'blue',
  matched: 'cyan',
  started: 'geekblue',
  done: 'gold',
  confirmed: 'green',
  disputed: 'red',
  settled: 'purple',
  cancelled: 'default',
};

type Filter = HelpRequestStatus | 'all';
const filters: Array<{ value: Filter; label: string }> = [
  { value: 'all', label: '全部' },
  { value: 'disputed', label: '待裁定' },
  ...helpRequestStatuses.filter((s) => s !== 'disputed').map((s) => ({ value: s, label: helpRequestStatusLabels[s] })),
];

function SettleModal({ request, onClose }: { request: HelpRequestView; onClose(): void }) {
  const { message } = App.useApp();
  const settle = useSettleHelpRequest();
  const [minutes, setMinutes] = useState<number | null>(request.rewardMinutes);
  const [reason, setReason] = useState('');
  const valid = minutes !== null && minutes >= 0 && minutes <= request.rewardMinutes && reason.trim().length > 0;
  return (
    <Modal
      open
      title={`裁定：${request.title}`}
      okText="确认裁定"
      okButtonProps={{ disabled: !valid, loading: settle.isPending }}
      onCancel={onClose}
      onOk={() =>
        settle.mutate(
          { id: request.id, body: { minutes: minutes ?? 0, reason: reason.trim() } },
          {
            onSuccess: () => {
              void message.success('已裁定，双方会收到通知');
              onClose();
            },
          },
        )
      }
    >
      <Space direction="vertical" style={{ width: '100%' }}>
        <Typography.Text>
          发布人 {request.poster.name}，帮手 {request.helper?.name ?? '—'}，冻结 {hoursText(request.rewardMinutes)}{' '}
          小时（
          {request.rewardMinutes} 分钟）。
        </Typography.Text>
        <Typography.Text type="secondary">异议：{request.disputeReason}</Typography.Text>
        <Typography.Text>
          付给帮手 {request.helper?.name ?? ''}（分钟，0 到 {request.rewardMinutes}，其余退回发布人）
        </Typography.Text>
        <InputNumber
          data-testid="help-settle-minutes"
          min={0}
          max={request.rewardMinutes}
          precision={0}
          value={minutes}
          onChange={(value) => setMinutes(value)}
          style={{ width: 200 }}
        />
        <Input.TextArea
          data-testid="help-settle-reason"
          placeholder="裁定理由（必填，双方可见，写入审计日志）"
          maxLength={HELP_LIMITS.reasonMax}
          value={reason}
          onChange={(event) => setReason(event.target.value)}
          rows={3}
        />
        {settle.error ? <Alert type="error" showIcon message={(settle.error as ApiRequestError).message} /> : null}
      </Space>
    </Modal>
  );
}

function RequestsPanel() {
  const [filter, setFilter] = useState<Filter>('all');
  const [settling, setSettling] = useState<HelpRequestView | null>(null);
  const list = useHelpRequestList(filter === 'all' ? undefined : filter);
  const { streetWide } = useCommunityScope();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const counts = helpRequestStatuses.map((s) => ({
    label: helpRequestStatusLabels[s],
    value: rows.filter((r) => r.status === s).length,
  }));

  const columns: TableColumnsType<HelpRequestView> = [
    { title: '编号', dataIndex: 'id', width: 72 },
    {
      title: '需求',
      key: 'title',
      render: (_, r) => (
        <Space direction="vertical" size={0}>
          <Typography.Text strong>{r.title}</Typography.Text>
          <Typography.Text type="secondary">
            {helpRequestKindLabels[r.kind]} · {r.place}
          </Typography.Text>
        </Space>
      ),
    },
    { title: '时间', key: 'startAt', render: (_, r) => formatDateTime(r.startAt), width: 150 },
    {
      title: '发布人',
      key: 'poster',
      render: (_, r) => (
        <>
          {r.poster.name}
          {r.fundedBy === 'pool' ? <Tag style={{ marginLeft: 8 }}>帮扶·社区支付</Tag> : null}
        </>
      ),
    },
    { title: '帮手', key: 'helper', render: (_, r) => r.helper?.name ?? `${r.offerCount} 人报名` },
    { title: '酬谢', key: 'reward', align: 'right', render: (_, r) => `${hoursText(r.rewardMinutes)} 小时` },
    {
      title: '状态',
      key: 'status',
      render: (_, r) => (
        <Tag color={statusColors[r.status]} data-testid={`help-status-${r.id}`}>
          {helpRequestStatusLabels[r.status]}
          {r.autoConfirmed ? '（自动）' : ''}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, r) =>
        r.status === 'disputed' ? (
          <Button size="small" type="primary" danger data-testid={`help-settle-${r.id}`} onClick={() => setSettling(r)}>
            裁定
          </Button>
        ) : r.status === 'settled' ? (
          <Typography.Text type="secondary">
            付 {r.settledMinutes} 分钟：{r.settleReason}
          </Typography.Text>
        ) : null,
    },
  ];

  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <ChoiceSegmented<Filter>
        label="按状态筛选"
        options={filters}
        value={filter}
        onChange={(value) => setFilter(value)}
        data-testid="help-filter"
      />
      {list.error ? <Alert type="error" showIcon message="加载失败" description={list.error.message} /> : null}
      {filter === 'all' && rows.length ? (
        <Card size="small" title={`已加载的 ${rows.length} 条互助需求的状态`}>
          <HelpBarChart title="互助需求状态" bars={counts} unit="条" testId="help-status-chart" />
        </Card>
      ) : null}
      <Table<HelpRequestView>
        rowKey="id"
        size="middle"
        loading={list.isLoading}
        columns={withCommunityColumn(columns, streetWide)}
        dataSource={rows}
        pagination={false}
        locale={{ emptyText: <Empty description={filter === 'disputed' ? '没有待裁定的异议' : '还没有互助需求'} /> }}
        data-testid="help-table"
      />
      {list.hasNextPage ? (
        <Flex justify="center">
          <Button loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
            加载更多
          </Button>
        </Flex>
      ) : null}
      {settling ? <SettleModal request={settling} onClose={() => setSettling(null)} /> : null}
    </Space>
  );
}

function CommonsPanel() {
  const { canSwitch, communityId } = useCommunityScope();
  const commons = useHelpCommons();
  if (canSwitch && communityId === undefined) return <Empty description="请先在右上角选择社区" />;
  if (commons.error) return <Alert type="error" showIcon message="加载失败" description={commons.error.message} />;
  const data = commons.data;
  const byKind = new Map<string, number>();
  for (const f of data?.flows ?? []) byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + Math.abs(f.amount));
  return (
    <Space direction="vertical" style={{ width: '100%' }} size="large">
      <Row gutter={16}>
        <Col span={8}>
          <Card loading={commons.isLoading}>
            <Statistic
              title="公益池余额（小时）"
              value={data ? hoursText(data.balance) : '—'}
              data-testid="help-commons-balance"
            />
            <Typography.Text type="secondary">所有居民在小程序里都能看到余额和流水</Typography.Text>
          </Card>
        </Col>
        <Col span={16}>
          <Card size="small" title="最近流水按类型（分钟）">
            {byKind.size ? (
              <HelpBarChart
                title="公益池最近流水"
                bars={[...byKind].map(([kind, value]) => ({
                  label: ledgerKindLabels[kind as keyof typeof ledgerKindLabels] ?? kind,
                  value,
                }))}
                unit="分钟"
                testId="help-commons-chart"
              />
            ) : (
              <Empty description="还没有流水" />
            )}
          </Card>
        </Col>
      </Row>
      <Table
        rowKey="id"
        size="middle"
        loading={commons.isLoading}
        dataSource={data?.flows ?? []}
        pagination={false}
        data-testid="help-commons-flows"
        columns={[
          { title: '时间', key: 'at', render: (_, f) => formatDateTime(f.createdAt), width: 170 },
          { title: '类型', key: 'kind', render: (_, f) => ledgerKindLabels[f.kind] },
          { title: '对方', dataIndex: 'counterparty' },
          { title: '说明', dataIndex: 'memo' },
          {
            title: '金额（小时）',
            key: 'amount',
            align: 'right',
            render: (_, f) => `${f.amount > 0 ? '+' : '-'}${hoursText(Math.abs(f.amount))}`,
          },
        ]}
      />
    </Space>
  );
}

const sections = ['requests', 'commons'] as const;
type Section = (typeof sections)[number];

/** 邻里互助: the community's help requests and their states, disputes to settle, and the commons 公益池. */
export function HelpPage() {
  const navigate = useNavigate();
  const { community } = useCommunityScope();
  const { section = 'requests' } = useParams<{ section?: string }>();
  if (!(sections as readonly string[]).includes(section)) return <NotFoundPage />;
  return (
    <>
      <PageHeader
        title="邻里互助"
        description={`${community?.name ?? ''}：居民之间用时间互相帮忙。查看互助需求的进展，裁定有异议的服务，查看社区公益池的收支。`}
      />
      <Card>
        <Tabs
          activeKey={section}
          onChange={(key) => navigate(key === 'requests' ? '/help' : `/help/${key}`)}
          destroyOnHidden
          items={sections.map((key: Section) => ({
            key,
            label: <span data-testid={`help-tab-${key}`}>{key === 'requests' ? '互助需求' : '公益池'}</span>,
            children: key === 'requests' ? <RequestsPanel /> : <CommonsPanel />,
          }))}
        />
      </Card>
    </>
  );
}
