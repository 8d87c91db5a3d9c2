import { ChoiceSegmented } from '../choice-segmented';
import { PlusOutlined } from '@ant-design/icons';
import {
  minutesToHours,
  redemptionStatuses,
  type RedemptionStatus,
  type RedemptionView,
  type RewardView,
  REASON_MAX,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Flex,
  Form,
  Input,
  Modal,
  Popconfirm,
  Space,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes } from 'react';
import {
  useCancelRedemption,
  useHandOverRedemption,
  useRedemptions,
  useRewards,
  useSaveReward,
} from '../../hooks/useRewards';
import { formatDateTime } from '../../lib/format';
import { redemptionStatusColors, redemptionStatusStaffLabels } from '../../lib/timebank-format';
import { validFields } from '../../lib/form';
import type { ApiRequestError } from '../../services/http';
import { RewardFormDialog } from './reward-form-dialog';
import { ListError } from '../list-parts';

function priceCell(minutes: number) {
  return (
    <Space orientation="vertical" size={0}>
      <span>{minutesToHours(minutes)}</span>
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        {minutes} 分钟
      </Typography.Text>
    </Space>
  );
}

function RewardActions({ reward, onEdit }: { reward: RewardView; onEdit: () => void }) {
  const { message } = App.useApp();
  const save = useSaveReward();
  const toggle = () =>
    save.mutateAsync({ rewardId: reward.id, change: { active: !reward.active } }).then(
      () => void message.success(reward.active ? `已下架：${reward.name}` : `已上架：${reward.name}`),
      (error: ApiRequestError) => void message.error(`操作失败：${error.message}`),
    );
  return (
    <Space size={4}>
      <Button size="small" type="link" onClick={onEdit} data-testid={`reward-edit-${reward.id}`}>
        编辑
      </Button>
      <Popconfirm
        title={reward.active ? '确定下架这个项目？' : '确定重新上架？'}
        description={reward.active ? '下架后居民看不到它，已兑换的照常兑付。' : '上架后居民可以兑换。'}
        okText={reward.active ? '下架' : '上架'}
        cancelText="取消"
        onConfirm={toggle}
      >
        <Button
          size="small"
          type="link"
          danger={reward.active}
          loading={save.isPending}
          data-testid={`reward-toggle-${reward.id}`}
        >
          {reward.active ? '下架' : '上架'}
        </Button>
      </Popconfirm>
    </Space>
  );
}

function Catalogue() {
  const rewards = useRewards();
  const [editing, setEditing] = useState<RewardView | 'new' | null>(null);
  const rows = rewards.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<RewardView> = [
    {
      title: '项目',
      dataIndex: 'name',
      render: (name: string, reward) => (
        <Space orientation="vertical" size={0}>
          <Typography.Text strong>{name}</Typography.Text>
          {reward.description && (
            <Typography.Text type="secondary" ellipsis={{ tooltip: true }} style={{ maxWidth: 360, fontSize: 12 }}>
              {reward.description}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    { title: '所需时间', dataIndex: 'priceMinutes', width: 130, render: priceCell },
    {
      title: '库存',
      dataIndex: 'stock',
      width: 100,
      render: (stock: number) => (stock > 0 ? `${stock} 件` : <Tag color="red">已兑完</Tag>),
    },
    {
      title: '状态',
      dataIndex: 'active',
      width: 90,
      render: (active: boolean) => (active ? <Tag color="green">上架中</Tag> : <Tag>已下架</Tag>),
    },
    {
      title: '操作',
      key: 'actions',
      width: 140,
      render: (_, reward) => <RewardActions reward={reward} onEdit={() => setEditing(reward)} />,
    },
  ];

  return (
    <Card
      title="兑换项目"
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')} data-testid="reward-create">
          新增项目
        </Button>
      }
    >
      <ListError title="兑换项目加载失败" query={rewards} />
      <Table<RewardView>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={rewards.isLoading}
        pagination={false}
        scroll={{ x: 700 }}
        onRow={(reward) => ({ 'data-testid': `reward-row-${reward.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty description="还没有兑换项目，点击「新增项目」添加" /> }}
        data-testid="rewards-table"
      />
      {rewards.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => rewards.fetchNextPage()} loading={rewards.isFetchingNextPage}>
            加载更多
          </Button>
        </Flex>
      )}
      {editing !== null && (
        <RewardFormDialog reward={editing === 'new' ? undefined : editing} onClose={() => setEditing(null)} />
      )}
    </Card>
  );
}

/** Cancelling returns the minutes (the server writes a reversal) and the item to stock; a reason is required. */
function CancelRedemptionDialog({ redemption, onClose }: { redemption: RedemptionView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelRedemption();
  const [failure, setFailure] = useState<string | null>(null);
  const who = redemption.resident.name ?? `居民 #${redemption.resident.id}`;

  const submit = async () => {
    const values = await validFields(form);
    if (!values) return;
    const reason = values.reason;
    setFailure(null);
    try {
      await cancel.mutateAsync({ redemptionId: redemption.id, reason: reason.trim() });
      message.success(`已取消兑换，${minutesToHours(redemption.priceMinutes)}已退回给${who}`);
      onClose();
    } catch (error) {
      setFailure((error as ApiRequestError).message);
    }
  };

  return (
    <Modal
      open
      title="取消兑换"
      okText="确认取消兑换"
      cancelText="返回"
      okButtonProps={{ danger: true, loading: cancel.isPending, 'data-testid': 'redemption-cancel-confirm' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 12 }}
        title={`取消「${redemption.reward.name}」：将退回 ${minutesToHours(redemption.priceMinutes)}给${who}，库存加回 1 件。`}
        description="系统会写一笔冲正记录，取消后不能恢复。"
      />
      <Form form={form} layout="vertical">
        <Form.Item
          name="reason"
          label="取消原因"
          rules={[
            { required: true, whitespace: true, message: '请填写取消原因' },
            { max: REASON_MAX, message: `原因最多 ${REASON_MAX} 个字` },
          ]}
          extra="原因会通知居民并写入审计日志。"
        >
          <Input.TextArea
            rows={3}
            maxLength={REASON_MAX}
            showCount
            placeholder="例如：居民不再需要、物品缺货"
            data-testid="redemption-cancel-reason"
          />
        </Form.Item>
      </Form>
      {failure && <Alert type="error" showIcon title={`取消失败：${failure}`} />}
    </Modal>
  );
}

function RedemptionActions({ redemption, onCancel }: { redemption: RedemptionView; onCancel: () => void }) {
  const { message } = App.useApp();
  const handOver = useHandOverRedemption();
  if (redemption.status !== 'pending') return <Typography.Text type="secondary">—</Typography.Text>;
  const who = redemption.resident.name ?? `居民 #${redemption.resident.id}`;
  return (
    <Space size={4}>
      <Popconfirm
        title="确认已交给居民？"
        description={`「${redemption.reward.name}」已交给${who}。确认后不能再取消。`}
        okText="确认已兑付"
        cancelText="返回"
        okButtonProps={{ 'data-testid': 'redemption-handover-confirm' }}
        onConfirm={() =>
          handOver.mutateAsync(redemption.id).then(
            () => void message.success(`已兑付：${redemption.reward.name}（${who}）`),
            (error: ApiRequestError) => void message.error(`操作失败：${error.message}`),
          )
        }
      >
        <Button
          size="small"
          type="primary"
          loading={handOver.isPending}
          data-testid={`redemption-handover-${redemption.id}`}
        >
          已兑付
        </Button>
      </Popconfirm>
      <Button size="small" danger onClick={onCancel} data-testid={`redemption-cancel-${redemption.id}`}>
        取消
      </Button>
    </Space>
  );
}

type StatusFilter = RedemptionStatus | 'all';

function Redemptions() {
  const [status, setStatus] = useState<StatusFilter>('pending');
  const redemptions = useRedemptions(status === 'all' ? undefined : status);
  const [cancelling, setCancelling] = useState<RedemptionView | null>(null);
  const rows = redemptions.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<RedemptionView> = [
    { title: '兑换时间', dataIndex: 'createdAt', width: 150, render: (value: string) => formatDateTime(value) },
    { title: '居民', key: 'resident', width: 120, render: (_, r) => r.resident.name ?? `居民 #${r.resident.id}` },
    { title: '项目', key: 'reward', render: (_, r) => r.reward.name },
    { title: '时间', dataIndex: 'priceMinutes', width: 120, render: priceCell },
    {
      title: '状态',
      dataIndex: 'status',
      width: 150,
      render: (value: RedemptionStatus, r) => (
        <Space orientation="vertical" size={0}>
          <Tag color={redemptionStatusColors[value]}>{redemptionStatusStaffLabels[value]}</Tag>
          {r.handledAt && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.handledAt)}
            </Typography.Text>
          )}
        </Space>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 160,
      fixed: 'right',
      render: (_, r) => <RedemptionActions redemption={r} onCancel={() => setCancelling(r)} />,
    },
  ];

  return (
    <Card
      title="兑换登记"
      extra={
        <ChoiceSegmented<StatusFilter>
          label="按兑换状态筛选"
          value={status}
          onChange={setStatus}
          options={[
            ...redemptionStatuses.map((value) => ({ value, label: redemptionStatusStaffLabels[value] })),
            { value: 'all', label: '全部' },
          ]}
          data-testid="redemption-status-filter"
        />
      }
    >
      <Typography.Paragraph type="secondary">
        居民在小程序兑换后，时间已扣除；把物品交给居民后点「已兑付」。无法兑付时「取消」，时间会自动退回。
      </Typography.Paragraph>
      <ListError title="兑换记录加载失败" query={redemptions} />
      <Table<RedemptionView>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        loading={redemptions.isLoading}
        pagination={false}
        scroll={{ x: 800 }}
        onRow={(r) => ({ 'data-testid': `redemption-row-${r.id}` }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: <Empty description={status === 'pending' ? '没有待兑付的兑换' : '没有兑换记录'} /> }}
        data-testid="redemptions-table"
      />
      {redemptions.hasNextPage && (
        <Flex justify="center" style={{ marginTop: 16 }}>
          <Button onClick={() => redemptions.fetchNextPage()} loading={redemptions.isFetchingNextPage}>
            加载更多
          </Button>
        </Flex>
      )}
      {cancelling && (
        <CancelRedemptionDialog key={cancelling.id} redemption={cancelling} onClose={() => setCancelling(null)} />
      )}
    </Card>
  );
}

export function RewardsPanel() {
  return (
    <Flex vertical gap={16}>
      <Redemptions />
      <Catalogue />
    </Flex>
  );
}
