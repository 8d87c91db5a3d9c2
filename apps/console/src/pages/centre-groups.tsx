import { ChoiceSegmented } from '../components/choice-segmented';
import {
  GROUP_WEEKLY_QUOTA_MAX,
  groupKindLabels,
  groupStatusLabels,
  type GroupStatus,
  type GroupView,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Input,
  InputNumber,
  List,
  Modal,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useGroupAction, useGroupDetail, useGroups } from '../hooks/useCentre';
import { bookingTimeText } from '../lib/booking-format';
import { durationText } from './centre-format';
import { formatDateTime } from '../lib/format';
import type { ApiRequestError } from '../services/http';

const statusColors: Record<GroupStatus, string> = { proposed: 'orange', approved: 'green', declined: 'default' };

type Filter = GroupStatus | 'all';
const filters: Array<{ value: Filter; label: string }> = [
  { value: 'proposed', label: '待审核' },
  { value: 'approved', label: '已成立' },
  { value: 'declined', label: '未通过' },
  { value: 'all', label: '全部' },
];

type Dialog = { kind: 'approve' | 'decline' | 'quota'; group: GroupView } | null;

function GroupDialog({ dialog, onClose }: { dialog: NonNullable<Dialog>; onClose(): void }) {
  const { message } = App.useApp();
  const mutation = useGroupAction(dialog.group.id);
  const [reason, setReason] = useState('');
  const [quota, setQuota] = useState<number | null>(dialog.group.weeklyQuotaMinutes);
  const [touched, setTouched] = useState(false);
  const { group, kind } = dialog;
  const reasonMissing = kind === 'decline' && !reason.trim();
  const quotaMissing = kind === 'quota' && (quota === null || !Number.isInteger(quota));

  const submit = async () => {
    setTouched(true);
    if (reasonMissing || quotaMissing) return;
    try {
      if (kind === 'approve') await mutation.mutateAsync({ action: 'approve' });
      else if (kind === 'decline') await mutation.mutateAsync({ action: 'decline', reason: reason.trim() });
      else await mutation.mutateAsync({ action: 'quota', weeklyQuotaMinutes: quota! });
      message.success(
        kind === 'approve'
          ? `已批准成立：${group.name}`
          : kind === 'decline'
            ? `已不予批准：${group.name}`
            : `已设置 ${group.name} 每周 ${durationText(quota!)}`,
      );
      onClose();
    } catch {
      // The refusal is shown in the dialog (e.g. another staff member decided first).
    }
  };

  const title = kind === 'approve' ? '批准成立小组' : kind === 'decline' ? '不予批准' : '每周活动室时长';
  return (
    <Modal
      open
      title={title}
      okText={kind === 'approve' ? '批准' : kind === 'decline' ? '不予批准' : '保存'}
      cancelText="返回"
      okButtonProps={{ danger: kind === 'decline', loading: mutation.isPending, 'data-testid': 'group-confirm' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong>{group.name}</Typography.Text>（{groupKindLabels[group.kind]}）· 发起人{' '}
        {group.proposer.name ?? '未命名'}
        <br />
        <Typography.Text type="secondary">{group.description}</Typography.Text>
      </Typography.Paragraph>
      {kind === 'approve' ? (
        <Typography.Paragraph type="secondary">
          批准后小组出现在居民的小组列表里，邻居可以加入；发起人成为负责人，并会收到通知。
        </Typography.Paragraph>
      ) : null}
      {kind === 'decline' ? (
        <>
          <Input.TextArea
            data-testid="group-decline-reason"
            aria-label="不予批准的原因"
            placeholder="原因（必填，会通知发起人），例如：已有同类小组，建议加入「幸福合唱团」"
            value={reason}
            maxLength={200}
            showCount
            autoSize={{ minRows: 2, maxRows: 5 }}
            status={touched && reasonMissing ? 'error' : undefined}
            onChange={(event) => setReason(event.target.value)}
          />
          {touched && reasonMissing ? <Typography.Text type="danger">请填写原因</Typography.Text> : null}
        </>
      ) : null}
      {kind === 'quota' ? (
        <Space direction="vertical">
          <Typography.Text type="secondary">
            小组负责人为小组预约活动室时，按自然周计入这里的时长，不占用个人的预约额度。
          </Typography.Text>
          <InputNumber
            data-testid="group-quota"
            aria-label="每周分钟数"
            min={0}
            max={GROUP_WEEKLY_QUOTA_MAX}
            step={30}
            precision={0}
            value={quota}
            onChange={(value) => setQuota(value)}
            addonAfter="分钟 / 周"
            status={touched && quotaMissing ? 'error' : undefined}
          />
        </Space>
      ) : null}
      {mutation.error ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={`操作失败：${(mutation.error as ApiRequestError).message}`}
          data-testid="group-action-error"
        />
      ) : null}
    </Modal>
  );
}

function GroupDrawer({ groupId, onClose }: { groupId: number; onClose(): void }) {
  const detail = useGroupDetail(groupId);
  const group = detail.data;
  return (
    <Drawer open width={520} title={group?.name ?? '兴趣小组'} onClose={onClose} data-testid="group-drawer">
      {detail.isError ? <Alert type="error" showIcon title={`加载失败：${detail.error.message}`} /> : null}
      {group ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="类别">{groupKindLabels[group.kind]}</Descriptions.Item>
            <Descriptions.Item label="状态">{groupStatusLabels[group.status]}</Descriptions.Item>
            <Descriptions.Item label="介绍">{group.description}</Descriptions.Item>
            <Descriptions.Item label="成员">
              {group.memberCap ? `${group.memberCount} / ${group.memberCap}` : group.memberCount}
            </Descriptions.Item>
            <Descriptions.Item label="每周时长">
              {`${durationText(group.weeklyQuotaMinutes)}（本周已用 ${durationText(group.weekMinutesUsed ?? 0)}）`}
            </Descriptions.Item>
            {group.declineReason ? (
              <Descriptions.Item label="未通过原因">{group.declineReason}</Descriptions.Item>
            ) : null}
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            成员
          </Typography.Title>
          <List
            size="small"
            dataSource={group.members ?? []}
            locale={{ emptyText: '暂无成员' }}
            renderItem={(member) => (
              <List.Item>
                {member.name ?? '未命名'}
                {member.role === 'leader' ? <Tag style={{ marginLeft: 8 }}>负责人</Tag> : null}
              </List.Item>
            )}
          />
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            日程
          </Typography.Title>
          <List
            size="small"
            dataSource={group.calendar}
            locale={{ emptyText: '近期没有安排' }}
            renderItem={(entry) => (
              <List.Item>
                <Tag>{entry.kind === 'event' ? '活动' : '活动室'}</Tag>
                {`${bookingTimeText(entry)} · ${entry.place} · ${entry.title}`}
              </List.Item>
            )}
          />
        </>
      ) : null}
    </Drawer>
  );
}

/** 兴趣小组: proposals to approve or decline (with a reason), the groups' weekly room minutes, who is in them. */
export function CentreGroupsPanel() {
  const [filter, setFilter] = useState<Filter>('proposed');
  const groups = useGroups(filter === 'all' ? undefined : filter);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const rows = groups.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<GroupView> = [
    {
      title: '小组',
      key: 'name',
      render: (_, group) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(group.id)}>
          {group.name}
        </Button>
      ),
    },
    { title: '类别', key: 'kind', render: (_, group) => groupKindLabels[group.kind] },
    { title: '发起人', key: 'proposer', render: (_, group) => group.proposer.name ?? '未命名' },
    { title: '介绍', dataIndex: 'description', ellipsis: true },
    {
      title: '成员',
      key: 'members',
      align: 'right',
      render: (_, group) => (group.memberCap ? `${group.memberCount} / ${group.memberCap}` : group.memberCount),
    },
    { title: '每周时长', key: 'quota', render: (_, group) => durationText(group.weeklyQuotaMinutes) },
    { title: '申请时间', key: 'createdAt', render: (_, group) => formatDateTime(group.createdAt) },
    {
      title: '状态',
      key: 'status',
      render: (_, group) => (
        <Tag color={statusColors[group.status]} data-testid={`group-status-${group.id}`}>
          {groupStatusLabels[group.status]}
        </Tag>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      render: (_, group) => (
        <Space>
          {group.status === 'proposed' ? (
            <>
              <Button
                type="primary"
                size="small"
                data-testid={`group-approve-${group.id}`}
                onClick={() => setDialog({ kind: 'approve', group })}
              >
                批准
              </Button>
              <Button
                danger
                size="small"
                data-testid={`group-decline-${group.id}`}
                onClick={() => setDialog({ kind: 'decline', group })}
              >
                不予批准
              </Button>
            </>
          ) : null}
          {group.status === 'approved' ? (
            <Button
              size="small"
              data-testid={`group-quota-${group.id}`}
              onClick={() => setDialog({ kind: 'quota', group })}
            >
              设置时长
            </Button>
          ) : null}
        </Space>
      ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <ChoiceSegmented
          label="按状态筛选"
          value={filter}
          onChange={(value) => setFilter(value)}
          options={filters.map((item) => ({
            value: item.value,
            label: <span data-testid={`groups-filter-${item.value}`}>{item.label}</span>,
          }))}
        />
        <Typography.Text type="secondary">居民在小程序「活动中心」发起小组，批准后邻居即可加入。</Typography.Text>
      </Flex>
      {groups.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`小组加载失败：${groups.error.message}`}
          action={
            <Button size="small" onClick={() => void groups.refetch()}>
              重试
            </Button>
          }
        />
      ) : null}
      <Table
        rowKey="id"
        size="middle"
        loading={groups.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={false}
        data-testid="groups-table"
        locale={{
          emptyText: <Empty description={filter === 'proposed' ? '没有待审核的小组申请' : '没有符合条件的小组'} />,
        }}
      />
      {groups.hasNextPage ? (
        <Flex justify="center" style={{ marginTop: 12 }}>
          <Button loading={groups.isFetchingNextPage} onClick={() => void groups.fetchNextPage()}>
            加载更多
          </Button>
        </Flex>
      ) : null}
      {dialog ? <GroupDialog dialog={dialog} onClose={() => setDialog(null)} /> : null}
      {openId !== null ? <GroupDrawer groupId={openId} onClose={() => setOpenId(null)} /> : null}
    </>
  );
}
