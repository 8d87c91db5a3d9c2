import { PlusOutlined } from '@ant-design/icons';
import {
  noticeCategoryLabels,
  noticeStatuses,
  noticeStatusLabels,
  type NoticeCategory,
  type NoticeStatus,
  type NoticeSummary,
} from '@linli/shared-types';
import { App, Button, Card, Empty, Popconfirm, Space, Table, Tabs, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import type { HTMLAttributes } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { usePublishConfirm } from '../components/use-publish-confirm';
import { useBuildings } from '../hooks/useBuildings';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useArchiveNotice, useManagedNotices, usePublishNotice } from '../hooks/useNotices';
import { PageHeader } from '../layout/page-header';
import { withCommunityColumn } from '../lib/community-column';
import { formatDateTime } from '../lib/format';
import {
  audienceLabel,
  isExpired,
  noticeCategoryColors,
  noticeStatusColors,
  publishTimeLabel,
} from '../lib/notice-format';
import type { ApiRequestError } from '../services/http';
import { ListError, LoadMore } from '../components/list-parts';

type StatusFilter = NoticeStatus | 'all';

const emptyTexts: Record<StatusFilter, string> = {
  all: '还没有公告，点击「新建公告」写第一条',
  draft: '没有草稿',
  scheduled: '没有定时发布的公告',
  published: '没有已发布的公告',
  archived: '没有已归档的公告',
};

function parseStatus(value: string | null): StatusFilter {
  return (noticeStatuses as readonly string[]).includes(value ?? '') ? (value as NoticeStatus) : 'all';
}

function NoticeActions({ notice, audience }: { notice: NoticeSummary; audience: string }) {
  const { message } = App.useApp();
  const navigate = useNavigate();
  const publish = usePublishNotice();
  const archive = useArchiveNotice();
  const confirmPublish = usePublishConfirm();
  const editable = notice.status === 'draft' || notice.status === 'scheduled';

  const onPublish = async () => {
    const confirmed = await confirmPublish({
      title: notice.title,
      audience,
      requiresAck: notice.requiresAck,
      publishAt: notice.publishAt,
      expiresAt: notice.expiresAt,
    });
    if (!confirmed) return;
    try {
      const published = await publish.mutateAsync(notice.id);
      message.success(published.status === 'scheduled' ? `已定时发布：${notice.title}` : `已发布：${notice.title}`);
    } catch (error) {
      message.error(`发布失败：${(error as ApiRequestError).message}`);
    }
  };

  const onArchive = () =>
    archive.mutateAsync(notice.id).then(
      () => void message.success(`已归档：${notice.title}`),
      (error: ApiRequestError) => void message.error(`归档失败：${error.message}`),
    );

  return (
    <Space size={4} wrap>
      {editable && (
        <Button
          size="small"
          type="link"
          onClick={() => navigate(`/notices/${notice.id}/edit`)}
          data-testid={`notice-edit-${notice.id}`}
        >
          编辑
        </Button>
      )}
      {notice.status === 'draft' && (
        <Button
          size="small"
          type="link"
          loading={publish.isPending}
          onClick={onPublish}
          data-testid={`notice-publish-${notice.id}`}
        >
          发布
        </Button>
      )}
      {(notice.status === 'published' || notice.status === 'archived') && (
        <Button
          size="small"
          type="link"
          onClick={() => navigate(`/notices/${notice.id}/stats`)}
          data-testid={`notice-stats-${notice.id}`}
        >
          统计
        </Button>
      )}
      {notice.status !== 'archived' && (
        <Popconfirm
          title="确定归档这条公告？"
          description={
            notice.status === 'published' ? '归档后居民将看不到它，统计仍可查看。' : '归档后不能再编辑或发布。'
          }
          okText="归档"
          cancelText="取消"
          okButtonProps={{ danger: true, 'data-testid': 'notice-archive-confirm' }}
          onConfirm={onArchive}
        >
          <Button
            size="small"
            type="link"
            danger
            loading={archive.isPending}
            data-testid={`notice-archive-${notice.id}`}
          >
            归档
          </Button>
        </Popconfirm>
      )}
    </Space>
  );
}

export function NoticesPage() {
  const navigate = useNavigate();
  const { community, ready, streetWide } = useCommunityScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseStatus(searchParams.get('status'));
  const notices = useManagedNotices(status === 'all' ? undefined : status);
  const buildings = useBuildings();
  const rows = notices.data?.pages.flatMap((page) => page.items) ?? [];

  const audienceOf = (notice: NoticeSummary) =>
    notice.audienceBuildingIds.length === 0
      ? `全社区${community ? `（${community.name}）` : ''}`
      : audienceLabel(notice.audienceBuildingIds, buildings.data);

  const columns: TableColumnsType<NoticeSummary> = [
    {
      title: '标题',
      dataIndex: 'title',
      render: (title: string, notice) => (
        <Space orientation="vertical" size={2}>
          <Link
            to={
              notice.status === 'published' || notice.status === 'archived'
                ? `/notices/${notice.id}/stats`
                : `/notices/${notice.id}/edit`
            }
          >
            {title}
          </Link>
          {(notice.pinned || notice.requiresAck) && (
            <Space size={4} wrap>
              {notice.pinned && <Tag color="volcano">置顶</Tag>}
              {notice.requiresAck && <Tag color="orange">需确认</Tag>}
            </Space>
          )}
        </Space>
      ),
    },
    {
      title: '分类',
      dataIndex: 'category',
      width: 80,
      render: (category: NoticeCategory) => (
        <Tag color={noticeCategoryColors[category]}>{noticeCategoryLabels[category]}</Tag>
      ),
    },
    {
      title: '发送对象',
      key: 'audience',
      width: 200,
      render: (_, notice) => (
        <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 200 }}>
          {audienceOf(notice)}
        </Typography.Text>
      ),
    },
    {
      title: '发布时间',
      key: 'publishAt',
      width: 190,
      render: (_, notice) => (
        <Space orientation="vertical" size={0}>
          <span>{publishTimeLabel(notice)}</span>
          {notice.expiresAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {isExpired(notice)
                ? `已于 ${formatDateTime(notice.expiresAt)} 过期`
                : `${formatDateTime(notice.expiresAt)} 过期`}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '状态',
      dataIndex: 'status',
      width: 110,
      render: (value: NoticeStatus, notice) => (
        <Space size={4} wrap>
          <Tag color={noticeStatusColors[value]} data-testid={`notice-status-${notice.id}`}>
            {noticeStatusLabels[value]}
          </Tag>
          {value === 'published' && isExpired(notice) && <Tag>已过期</Tag>}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      fixed: 'right',
      width: 190,
      render: (_, notice) => <NoticeActions notice={notice} audience={audienceOf(notice)} />,
    },
  ];

  const selectStatus = (next: string) => {
    const params = new URLSearchParams();
    if (next !== 'all') params.set('status', next);
    setSearchParams(params, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="公告"
        description={`${community?.name ?? ''}公告：发布通知，需确认的公告可查看谁还没有确认，便于网格员上门提醒。`}
        extra={
          <Button
            type="primary"
            icon={<PlusOutlined />}
            onClick={() => navigate('/notices/new')}
            data-testid="notice-create"
          >
            新建公告
          </Button>
        }
      />
      <Card>
        <Tabs
          activeKey={status}
          onChange={selectStatus}
          items={[
            { key: 'all', label: '全部' },
            ...noticeStatuses.map((value) => ({ key: value, label: noticeStatusLabels[value] })),
          ]}
          data-testid="notice-status-filter"
        />

        <ListError title="公告列表加载失败" query={notices} />

        <Table<NoticeSummary>
          rowKey="id"
          columns={withCommunityColumn(columns, streetWide)}
          dataSource={rows}
          loading={!ready || notices.isLoading}
          pagination={false}
          scroll={{ x: 1000 }}
          onRow={(notice) => ({ 'data-testid': `notice-row-${notice.id}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description={emptyTexts[status]} /> }}
          data-testid="notices-table"
        />

        {rows.length > 0 && (
          <LoadMore query={notices} testId="notices-load-more">
            已显示全部 {rows.length} 条公告
          </LoadMore>
        )}
      </Card>
    </>
  );
}
