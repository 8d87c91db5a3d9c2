import { SafetyCertificateOutlined } from '@ant-design/icons';
import type { LedgerAuditResult, LedgerDiscrepancy } from '@linli/shared-types';
import { Alert, Button, Descriptions, Empty, Flex, Result, Spin, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useCommunityScope } from '../../hooks/useCommunityScope';
import { useLedgerAudit } from '../../hooks/useTimebank';
import { formatDateTime } from '../../lib/format';
import { discrepancyLabels, hoursWithMinutes } from '../../lib/timebank-format';

const columns: TableColumnsType<LedgerDiscrepancy> = [
  {
    title: '问题',
    dataIndex: 'type',
    width: 170,
    render: (type: LedgerDiscrepancy['type']) => <Tag color="red">{discrepancyLabels[type] ?? type}</Tag>,
  },
  {
    title: '对象',
    key: 'target',
    width: 160,
    render: (_, d) =>
      [
        d.accountId !== null && `账户 #${d.accountId}`,
        d.transactionId !== null && `交易 #${d.transactionId}`,
        d.communityId !== null && `社区 #${d.communityId}`,
      ]
        .filter(Boolean)
        .join('，') || '—',
  },
  { title: '按流水应为', dataIndex: 'expected', width: 190, render: (value: number) => hoursWithMinutes(value) },
  { title: '实际记录', dataIndex: 'actual', width: 190, render: (value: number) => hoursWithMinutes(value) },
  { title: '说明', dataIndex: 'message' },
];

function AuditOutcome({ result }: { result: LedgerAuditResult }) {
  const facts = (
    <Descriptions
      size="small"
      column={{ xs: 1, md: 3 }}
      items={[
        { key: 'at', label: '对账时间', children: formatDateTime(result.checkedAt) },
        { key: 'accounts', label: '核对账户', children: `${result.accounts} 个` },
        { key: 'transactions', label: '核对交易', children: `${result.transactions} 笔` },
      ]}
    />
  );
  if (result.ok) {
    return (
      <Result
        status="success"
        title="账目平衡，没有发现问题"
        subTitle="每个账户的余额都与流水重新计算的结果一致，社区所有账户合计为零。"
        extra={facts}
        data-testid="ledger-audit-ok"
      />
    );
  }
  return (
    <>
      <Alert
        type="error"
        showIcon
        style={{ marginBottom: 16 }}
        title={`发现 ${result.discrepancies.length} 处不一致`}
        description="请勿自行修改数据：把本页截图发给系统管理员，由其核查后处理。"
        data-testid="ledger-audit-failed"
      />
      {facts}
      <Table<LedgerDiscrepancy>
        rowKey={(d) => `${d.type}-${d.accountId ?? ''}-${d.transactionId ?? ''}-${d.communityId ?? ''}`}
        columns={columns}
        dataSource={result.discrepancies}
        pagination={false}
        scroll={{ x: 900 }}
        data-testid="ledger-audit-discrepancies"
      />
    </>
  );
}

/** Runs the server's ledger audit on demand: every balance recomputed from the entries. */
export function LedgerAuditPanel() {
  const { community } = useCommunityScope();
  const audit = useLedgerAudit();
  const running = audit.isFetching;

  return (
    <>
      <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
        <Typography.Text type="secondary" style={{ maxWidth: 640 }}>
          对账会用全部流水重新计算{community?.name ?? '本社区'}
          每个账户的余额，并核对社区所有账户合计是否为零。账目多时需要几秒钟。
        </Typography.Text>
        <Button
          type="primary"
          icon={<SafetyCertificateOutlined />}
          loading={running}
          onClick={() => audit.refetch()}
          data-testid="ledger-audit-run"
        >
          {audit.data ? '重新对账' : '开始对账'}
        </Button>
      </Flex>
      <div data-testid="ledger-audit-result" aria-busy={running}>
        <Spin spinning={running} description="正在对账…">
          {audit.isError ? (
            <Alert type="error" showIcon title={`对账失败：${audit.error.message}`} />
          ) : audit.data ? (
            <AuditOutcome result={audit.data} />
          ) : (
            <Empty description={running ? '正在对账…' : '尚未对账，点击「开始对账」'} />
          )}
        </Spin>
      </div>
    </>
  );
}
