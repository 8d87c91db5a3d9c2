import { auditActionText, auditTargetLabels, roleLabels, type AuditEntryView } from '@linli/shared-types';
import { Card, Empty, Table, Tag, Tooltip, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useAuditEntries } from '../hooks/useAuditEntries';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { PageHeader } from '../layout/page-header';
import { formatDateTime } from '../lib/format';
import { ListError, LoadMore } from '../components/list-parts';

function formatTarget(entry: AuditEntryView): string {
  const type = auditTargetLabels[entry.targetType] ?? entry.targetType;
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
    // The words; the code stays in the tooltip for whoever reads the server's logs.
    render: (action: string) => <Tooltip title={action}>{auditActionText(action)}</Tooltip>,
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
