import { PlusOutlined } from '@ant-design/icons';
import {
  activityStatuses,
  activityStatusLabels,
  activityStatusText,
  type ActivityStatus,
  type ActivityView,
} from '@linli/shared-types';
import { App, Button, Card, Empty, Flex, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { CancelActivityDialog } from '../components/activities/cancel-activity-dialog';
import { HoursReportPanel } from '../components/activities/hours-report-panel';
import { useManagedActivities, usePublishActivity } from '../hooks/useActivities';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { PageHeader } from '../layout/page-header';
import { activityStatusColors, activityTimeRange, hasEnded } from '../lib/activity-form';
import { withCommunityColumn } from '../lib/community-column';
import { formatDateTime } from '../lib/format';
import type { ApiRequestError } from '../services/http';
import { ListError, LoadMore } from '../components/list-parts';

type StatusFilter = ActivityStatus | 'all';

const emptyTexts: Record<StatusFilter, string> = {
  all: '还没有志愿活动，点击「新建活动」创建第一个',
  draft: '没有草稿',
  published: '没有已发布的活动',
  settled: '没有已结算的活动',
  cancelled: '没有已取消的活动',
};

function parseStatus(value: string | null): StatusFilter {
  return (activityStatuses as readonly string[]).includes(value ?? '') ? (value as ActivityStatus) : 'all';
}

function ActivityActions({
  activity,
  onCancel,
}: {
  activity: ActivityView;
  onCancel: (activity: ActivityView) => void;
}) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const publish = usePublishActivity();
  const ended = hasEnded(activity);
  const open = activity.status === 'draft' || activity.status === 'published';

  const onPublish = () =>
    publish.mutateAsync(activity.id).then(
      () => void message.success(`已发布：${activity.title}`),
      (error: ApiRequestError) => void message.error(`发布失败：${error.message}`),
    );

  return (
    <Space size={4} wrap>
      {open && !ended && (
        <Button
          size="small"
          type="link"
          onClick={() => navigate(`/activities/${activity.id}/edit`)}
          data-testid={`activity-edit-${activity.id}`}
        >
          编辑
        </Button>
      )}
      {activity.status === 'draft' && (
        <Popconfirm
          title="确定发布这个活动？"
          description="发布后已认证的志愿者即可报名。"
          okText="发布"
          cancelText="取消"
          okButtonProps={{ 'data-testid': 'activity-publish-confirm' }}
          onConfirm={onPublish}
        >
          <Button size="small" type="link" loading={publish.isPending} data-testid={`activity-publish-${activity.id}`}>
            发布
          </Button>
        </Popconfirm>
      )}
      {activity.status === 'published' && (
        <Button
          size="small"
          type="link"
          onClick={() => navigate(`/activities/${activity.id}/live?purpose=checkin`)}
          data-testid={`activity-live-${activity.id}`}
        >
          签到码
        </Button>
      )}
      {(activity.status === 'published' || activity.status === 'settled') && (
        <Button
          size="small"
          type="link"
          onClick={() => navigate(`/activities/${activity.id}/attendance`)}
          data-testid={`activity-attendance-${activity.id}`}
        >
          {activity.status === 'published' && ended ? '考勤·结算' : '考勤'}
        </Button>
      )}
      {open && !(activity.status === 'published' && ended) && (
        <Button
          size="small"
          type="link"
          danger
          onClick={() => onCancel(activity)}
          data-testid={`activity-cancel-${activity.id}`}
        >
          取消
        </Button>
      )}
    </Space>
  );
}

function ActivityList() {
  const navigate = useNavigate();
  const { ready, streetWide } = useCommunityScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseStatus(searchParams.get('status'));
  const activities = useManagedActivities(status === 'all' ? undefined : status);
  const [cancelling, setCancelling] = useState<ActivityView | null>(null);
  const rows = activities.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<ActivityView> = [
    {
      title: '活动',
      dataIndex: 'title',
      render: (title: string, activity) => (
        <Space orientation="vertical" size={2}>
          {activity.status === 'draft' || (activity.status === 'published' && !hasEnded(activity)) ? (
            <Link to={`/activities/${activity.id}/edit`}>{title}</Link>
          ) : (
            <span>{title}</span>
          )}
          {activity.geofence && <Tag color="cyan">定位签到 {activity.geofence.radiusM} 米</Tag>}
        </Space>
      ),
    },
    {
      title: '时间（北京时间）',
      key: 'time',
      width: 230,
      render: (_, activity) => (
        <Space orientation="vertical" size={0}>
          <span>{activityTimeRange(activity)}</span>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            报名截止 {formatDateTime(activity.signupDeadline)}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: '地点',
      dataIndex: 'place',
      width: 180,
      render: (place: string) => (
        <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 180 }}>
          {place}
        </Typography.Text>
      ),
    },
    {
      title: '报名/名额',
      key: 'capacity',
      width: 100,
      render: (_, activity) => (
        <span data-testid={`activity-signed-up-${activity.id}`}>
          {activity.signedUp} / {activity.capacity}
        </span>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (value: ActivityStatus, activity) => (
        <Space size={4} wrap>
          <Tag color={activityStatusColors[value]} data-testid={`activity-status-${activity.id}`}>
            {activityStatusText(activity)}
          </Tag>
          {value === 'published' && hasEnded(activity) && <Tag color="gold">待结算</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 220,
      render: (_, activity) => <ActivityActions activity={activity} onCancel={setCancelling} />,
    },
  ];

  const selectStatus = (next: string) => {
    const params = new URLSearchParams();
    if (next !== 'all') params.set('status', next);
    setSearchParams(params, { replace: true });
  };

  return (
    <>
      <Flex justify="space-between" align="center" wrap gap={12}>
        <Tabs
          activeKey={status}
          onChange={selectStatus}
          items={[
            { key: 'all', label: '全部' },
            ...activityStatuses.map((value) => ({ key: value, label: activityStatusLabels[value] })),
          ]}
          data-testid="activity-status-filter"
        />
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => navigate('/activities/new')}
          data-testid="activity-create"
        >
          新建活动
        </Button>
      </Flex>

      <ListError title="活动列表加载失败" query={activities} />

      <Table<ActivityView>
        rowKey="id"
        columns={withCommunityColumn(columns, streetWide)}
        dataSource={rows}
        loading={!ready || activities.isLoading}
        pagination={false}
        scroll={{ x: 1000 }}
        onRow={(activity) => ({ 'data-testid': `activity-row-${activity.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty description={emptyTexts[status]} /> }}
        data-testid="activities-table"
      />

      {rows.length > 0 && (
        <LoadMore query={activities} testId="activities-load-more">
          已显示全部 {rows.length} 个活动
        </LoadMore>
      )}
      <CancelActivityDialog activity={cancelling} onClose={() => setCancelling(null)} />
    </>
  );
}

type Section = 'list' | 'report';

/** 志愿活动: the activity list with its actions, and the monthly volunteer-hours report. */
export function ActivitiesPage({ section: active }: { section: Section }) {
  const navigate = useNavigate();
  const { community } = useCommunityScope();

  return (
    <>
      <PageHeader
        title="志愿活动"
        description={`${community?.name ?? ''}志愿活动：发布活动、现场投屏签到码、核对考勤并结算时间积分。时间均为北京时间。`}
      />
      <Card>
        <Tabs
          activeKey={active}
          onChange={(key) => navigate(key === 'list' ? '/activities' : `/activities/${key}`)}
          destroyOnHidden
          items={[
            { key: 'list', label: <span data-testid="activities-tab-list">活动列表</span>, children: <ActivityList /> },
            {
              key: 'report',
              label: <span data-testid="activities-tab-report">服务时长报表</span>,
              children: <HoursReportPanel />,
            },
          ]}
        />
      </Card>
    </>
  );
}
