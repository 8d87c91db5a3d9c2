import {
  requestCategories,
  requestCategoryLabels,
  requestLightLabels,
  requestLights,
  requestStatuses,
  requestStatusLabels,
  type RequestCategory,
  type RequestLight,
  type RequestStatus,
  type RequestView,
} from '@linli/shared-types';
import { Button, Card, Empty, Flex, Select, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { Link, useSearchParams, useNavigate } from 'react-router-dom';
import { ListError, LoadMore } from '../components/list-parts';
import { LightTag, StatusTag } from '../components/requests/request-tags';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useRequestAssignees, useRequestQueue, type RequestQueueFilters } from '../hooks/useRequests';
import { useCurrentUser } from '../hooks/useSession';
import { PageHeader } from '../layout/page-header';
import { withCommunityColumn } from '../lib/community-column';
import { formatDateTime } from '../lib/format';
import { deadlineDistance } from '../lib/request-format';

function pick<T extends string>(values: readonly T[], raw: string | null): T | undefined {
  return (values as readonly string[]).includes(raw ?? '') ? (raw as T) : undefined;
}

const columns: TableColumnsType<RequestView> = [
  { title: '时限', dataIndex: 'light', width: 90, render: (light: RequestLight) => <LightTag light={light} /> },
  {
    title: '诉求',
    key: 'title',
    render: (_, request) => (
      <div>
        {/* A link too, so the keyboard reaches every request (the row is clicked with a mouse). */}
        <Link to={`/requests/${request.id}`} onClick={(event) => event.stopPropagation()}>
          <Typography.Text strong>{request.title}</Typography.Text>
        </Link>
        {request.urgent ? (
          <Tag color="red" style={{ marginLeft: 8 }}>
            紧急
          </Tag>
        ) : null}
        <div>
          <Typography.Text type="secondary">
            {[requestCategoryLabels[request.category], request.buildingName, request.place].filter(Boolean).join(' · ')}
          </Typography.Text>
        </div>
      </div>
    ),
  },
  { title: '状态', dataIndex: 'status', width: 100, render: (status: RequestStatus) => <StatusTag status={status} /> },
  {
    title: '截止',
    key: 'deadline',
    width: 150,
    render: (_, request) =>
      request.deadlineAt ? (
        <div>
          <div>{formatDateTime(request.deadlineAt)}</div>
          <Typography.Text type={request.light === 'red' ? 'danger' : 'secondary'}>
            {deadlineDistance(request.deadlineAt)}
          </Typography.Text>
        </div>
      ) : (
        <Typography.Text type="secondary">—</Typography.Text>
      ),
  },
  {
    title: '居民',
    key: 'submitter',
    width: 140,
    render: (_, request) => request.submitter?.name ?? <Typography.Text type="secondary">—</Typography.Text>,
  },
  {
    title: '承办人',
    key: 'assignee',
    width: 110,
    render: (_, request) => request.assignee?.name ?? <Typography.Text type="secondary">未受理</Typography.Text>,
  },
  { title: '我也遇到', dataIndex: 'seconds', width: 90, align: 'right' },
  { title: '提交时间', dataIndex: 'createdAt', width: 150, render: (at: string) => formatDateTime(at) },
];

/** The work queue: open requests first and the most overdue on top (the server's order), filtered by URL. */
export function RequestsPage() {
  const navigate = useNavigate();
  const scope = useCommunityScope();
  const { community, canSwitch } = scope;
  const user = useCurrentUser().data;
  const [params, setParams] = useSearchParams();
  const filters: RequestQueueFilters = {
    status: pick(requestStatuses, params.get('status')),
    category: pick(requestCategories, params.get('category')),
    light: pick(requestLights, params.get('light')),
    assigneeId: Number(params.get('assigneeId')) > 0 ? Number(params.get('assigneeId')) : undefined,
    unreasonable: params.get('unreasonable') === 'marked' ? 'marked' : undefined,
  };
  const queue = useRequestQueue(filters);
  const staff = useRequestAssignees(scope.ready ? (scope.communityId ?? null) : undefined);
  const rows = queue.data?.pages.flatMap((page) => page.items) ?? [];
  const filtered = Object.values(filters).some((value) => value !== undefined);

  const setFilter = (key: string, value: string | number | undefined) => {
    const next = new URLSearchParams(params);
    if (value === undefined || value === '') next.delete(key);
    else next.set(key, String(value));
    setParams(next, { replace: true });
  };

  // The staff of the scoped community (the street for admins), the staff member themself marked.
  const assignees = new Map<number, string>();
  if (user?.role === 'staff') assignees.set(user.id, `${user.name ?? '我'}（我）`);
  for (const person of staff.data ?? [])
    if (!assignees.has(person.id)) assignees.set(person.id, person.name ?? `#${person.id}`);
  for (const row of rows)
    if (row.assignee && !assignees.has(row.assignee.id))
      assignees.set(row.assignee.id, row.assignee.name ?? `#${row.assignee.id}`);
  if (filters.assigneeId && !assignees.has(filters.assigneeId))
    assignees.set(filters.assigneeId, `#${filters.assigneeId}`);

  return (
    <>
      <PageHeader
        title="居民诉求"
        description={`${canSwitch ? (community?.name ?? '') : ''}接诉即办：未办结的在前，超期最久的排最上面。点一行进入办理。`}
        extra={
          <Button onClick={() => navigate('/requests/stats')} data-testid="requests-stats-link">
            三率统计
          </Button>
        }
      />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="request-filters">
          <Select
            allowClear
            placeholder="全部状态"
            style={{ width: 140 }}
            value={filters.status}
            onChange={(value) => setFilter('status', value)}
            options={requestStatuses.map((value) => ({ value, label: requestStatusLabels[value] }))}
            aria-label="按状态筛选"
            data-testid="request-filter-status"
          />
          <Select
            allowClear
            placeholder="全部类别"
            style={{ width: 140 }}
            value={filters.category}
            onChange={(value: RequestCategory | undefined) => setFilter('category', value)}
            options={requestCategories.map((value) => ({ value, label: requestCategoryLabels[value] }))}
            aria-label="按类别筛选"
            data-testid="request-filter-category"
          />
          <Select
            allowClear
            placeholder="全部时限"
            style={{ width: 140 }}
            value={filters.light}
            onChange={(value: RequestLight | undefined) => setFilter('light', value)}
            options={requestLights.map((value) => ({ value, label: requestLightLabels[value] }))}
            aria-label="按时限（红黄绿灯）筛选"
            data-testid="request-filter-light"
          />
          <Select
            allowClear
            placeholder="全部承办人"
            style={{ width: 160 }}
            value={filters.assigneeId}
            onChange={(value: number | undefined) => setFilter('assigneeId', value)}
            options={[...assignees].map(([value, label]) => ({ value, label }))}
            aria-label="按承办人筛选"
            data-testid="request-filter-assignee"
          />
          <Select
            allowClear
            placeholder="不合理诉求"
            style={{ width: 170 }}
            value={filters.unreasonable}
            onChange={(value: string | undefined) => setFilter('unreasonable', value)}
            options={[{ value: 'marked', label: '待确认的不合理诉求' }]}
            aria-label="只看待确认的不合理诉求"
          />
          {filtered ? (
            <Button type="link" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
              清除筛选
            </Button>
          ) : null}
        </Flex>

        <ListError title="诉求列表加载失败" query={queue} />

        <Table<RequestView>
          rowKey="id"
          columns={withCommunityColumn(columns, scope.streetWide)}
          dataSource={rows}
          loading={queue.isLoading || (queue.isFetching && queue.isPlaceholderData)}
          pagination={false}
          scroll={{ x: 1100 }}
          onRow={(request) => ({
            onClick: () => void navigate(`/requests/${request.id}`),
            style: { cursor: 'pointer' },
            'data-testid': `request-row-${request.id}`,
          })}
          locale={{ emptyText: <Empty description={filtered ? '没有符合筛选条件的诉求' : '还没有居民诉求'} /> }}
          data-testid="requests-table"
        />
        {rows.length > 0 && (
          <LoadMore query={queue} testId="requests-load-more">
            已显示全部 {rows.length} 件诉求
          </LoadMore>
        )}
      </Card>
    </>
  );
}
