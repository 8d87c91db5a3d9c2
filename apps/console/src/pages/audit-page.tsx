import type { AuditEntryView } from '@linli/shared-types';
import { Card, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useAuditEntries } from '../hooks/useAuditEntries';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { PageHeader } from '../layout/page-header';
import { formatDateTime, roleLabels } from '../lib/format';
import { ListError, LoadMore } from '../components/list-parts';

/** Chinese names of the targets the server records; an unknown type is shown as sent. */
const targetTypeLabels: Record<string, string> = {
  user: '用户',
  resident: '居民',
  notice: '公告',
  room: '活动室',
  booking: '预约',
  activity: '志愿活动',
  reward: '奖品',
  account: '时间银行账户',
  transaction: '时间银行流水',
  community: '社区',
  timebank_transaction: '时间银行交易',
  timebank_reward: '兑换项目',
  timebank_redemption: '兑换记录',
};

/** Chinese names of known action codes; a code not listed yet is shown as sent. */
const actionLabels: Record<string, string> = {
  'resident.verify': '认证居民',
  'resident.volunteer': '设置志愿者',
  'resident.volunteer.grant': '设为志愿者',
  'resident.volunteer.revoke': '取消志愿者',
  'auth.login': '登录',
  'auth.logout': '退出登录',
  'timebank.reverse': '冲正交易',
  'timebank.adjust': '调整时间余额',
  'timebank.reward.create': '新增兑换项目',
  'timebank.reward.update': '修改兑换项目',
  'timebank.redemption.hand_over': '兑付兑换',
  'timebank.redemption.cancel': '取消兑换',
};

function formatTarget(entry: AuditEntryView): string {
  const type = targetTypeLabels[entry.targetType] ?? entry.targetType;
  return entry.targetId ? `${type} #${entry.targetId}` : type;
}

const columns: TableColumnsType<AuditEntryView> = [
  { title: '时间', dataIndex: 'createdAt', width: 170, render: (createdAt: string) => formatDateTime(createdAt) },
  {
    title: '操作人',
    dataIndex: 'actor',
    width: 200,
    render: (actor: AuditEntryView['actor']) =>
      actor ? (
        <>
          {actor.name ?? `用户 #${actor.id}`} <Tag>{roleLabels[actor.role] ?? actor.role}</Tag>
        </>
      ) : (
        <Typography.Text type="secondary">系统</Typography.Text>
      ),
  },
  {
    title: '操作',
    dataIndex: 'action',
    width: 180,
    render: (action: string) =>
      actionLabels[action] ? (
        <Tooltip title={action}>{actionLabels[action]}</Tooltip>
      ) : (
        <Typography.Text code>{action}</Typography.Text>
      ),
  },
  { title: '对象', key: 'target', width: 160, render: (_, entry) => formatTarget(entry) },
  { title: '摘要', dataIndex: 'summary' },
];

export function AuditPage() {
  const { community, ready } = useCommunityScope();
  const audit = useAuditEntries();
  const rows = audit.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <>
      <PageHeader title="审计" description={`${community?.name ?? ''}工作人员的每一次操作都记录在这里，按时间倒序。`} />
      <Card>
        <ListError title="审计日志加载失败" query={audit} />
        <Table<AuditEntryView>
          rowKey="id"
          columns={columns}
          dataSource={rows}
          loading={!ready || audit.isLoading}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description="暂无操作记录" /> }}
          data-testid="audit-table"
        />
        {rows.length > 0 && (
          <LoadMore query={audit} testId="audit-load-more">
            已显示全部 {rows.length} 条记录
          </LoadMore>
        )}
      </Card>
    </>
  );
}
