import { DisabledReason } from '../disabled-reason';
import { ledgerKindLabels, minutesToHours, type StatementItem } from '@linli/shared-types';
import { Button, Drawer, Empty, Flex, Space, Statistic, Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState, type HTMLAttributes, type ReactNode } from 'react';
import { useAccountStatement, useIsAdmin, type StatementOwner } from '../../hooks/useTimebank';
import { formatDateTime } from '../../lib/format';
import { ledgerKindColors, POOL_BALANCE_NOTE, signedHours } from '../../lib/timebank-format';
import { ReverseDialog, type StatementAccount } from './reverse-dialog';
import { ListError, LoadMore } from '../list-parts';

/** Movements into and out of the escrow: the escrow must always equal the open holds. */
const escrowKinds = new Set<StatementItem['kind']>(['hold', 'release', 'service_exchange', 'room_charge']);

/** What each community account is, under its statement. */
const communityAccountNotes = {
  pool: '社区账户为志愿服务发放时间、接收兑换消费的时间，余额可以为负；所有账户余额合计始终为零。',
  escrow:
    '互助冻结账户暂存居民发布互助、预约收费场地时冻结的时长：确认后付给帮手或社区，取消后退回；余额等于所有未结清的冻结。',
  commons: '社区公益池接收居民捐赠和超出上限的时长，余额和流水所有居民都能在小程序里看到。',
};

/** Why a transaction cannot be reversed from here; null when it can. */
function reverseBlocker(item: StatementItem): string | null {
  if (item.kind === 'reversal') return '冲正记录不能再冲正';
  if (item.reversedById !== null) return `已由交易 #${item.reversedById} 冲正`;
  if (item.kind === 'redemption') return '兑换记录请在「奖励兑换」中取消兑换，取消会自动退回时间';
  if (escrowKinds.has(item.kind)) return '冻结与支付由互助或预约本身处理（取消、裁定、拒绝），不能冲正';
  return null;
}

function KindCell({ item }: { item: StatementItem }) {
  return (
    <Space size={4} wrap>
      <Tag color={ledgerKindColors[item.kind]}>{ledgerKindLabels[item.kind] ?? item.kind}</Tag>
      {item.reversedById !== null && (
        <Tooltip title={`已由交易 #${item.reversedById} 冲正`}>
          <Tag color="red" data-testid={`reversed-marker-${item.id}`}>
            已冲正
          </Tag>
        </Tooltip>
      )}
      {item.reversesId !== null && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          冲正 #{item.reversesId}
        </Typography.Text>
      )}
    </Space>
  );
}

export interface StatementDrawerProps {
  owner: StatementOwner | null;
  account: StatementAccount & { household?: string | null };
  onClose: () => void;
  /** Admins: open the adjustment dialog for this resident. */
  onAdjust?: () => void;
}

/** An account's statement with a 冲正 action per transaction. */
export function StatementDrawer({ owner, account, onClose, onAdjust }: StatementDrawerProps) {
  const { token } = theme.useToken();
  const isAdmin = useIsAdmin();
  const statement = useAccountStatement(owner);
  const [reversing, setReversing] = useState<StatementItem | null>(null);
  const rows = statement.data?.pages.flatMap((page) => page.items) ?? [];

  const columns: TableColumnsType<StatementItem> = [
    { title: '时间', dataIndex: 'createdAt', width: 150, render: (createdAt: string) => formatDateTime(createdAt) },
    { title: '类型', key: 'kind', width: 170, render: (_, item) => <KindCell item={item} /> },
    {
      title: '金额',
      dataIndex: 'amount',
      width: 120,
      align: 'right',
      render: (amount: number, item) => (
        <span
          style={{
            color: amount > 0 ? token.colorSuccess : token.colorError,
            fontVariantNumeric: 'tabular-nums',
            fontWeight: 500,
          }}
          data-testid={`statement-amount-${item.id}`}
        >
          {signedHours(amount)}
        </span>
      ),
    },
    { title: '对方', key: 'counterparty', width: 130, render: (_, item) => item.counterparty.name },
    {
      title: '备注',
      dataIndex: 'memo',
      render: (memo: string) => (
        <Typography.Text ellipsis={{ tooltip: true }} style={{ maxWidth: 260 }}>
          {memo || '—'}
        </Typography.Text>
      ),
    },
    {
      title: '操作',
      key: 'actions',
      width: 80,
      fixed: 'right',
      render: (_, item) => {
        const blocker = reverseBlocker(item);
        const button = (
          <Button
            size="small"
            type="link"
            danger
            disabled={blocker !== null}
            onClick={() => setReversing(item)}
            data-testid={`reverse-${item.id}`}
          >
            冲正
          </Button>
        );
        return (
          <DisabledReason reason={blocker ?? undefined} testId={`reverse-reason-${item.id}`}>
            {button}
          </DisabledReason>
        );
      },
    },
  ];

  let summary: ReactNode = null;
  if (account.balance !== undefined) {
    summary = (
      <Statistic
        title="当前余额"
        value={minutesToHours(account.balance)}
        valueRender={(node) => <span data-testid="statement-balance">{node}</span>}
      />
    );
    if (account.kind === 'pool' && account.balance < 0)
      summary = (
        <Space direction="vertical" size={4}>
          {summary}
          <Typography.Text type="secondary" style={{ maxWidth: 520, display: 'block' }}>
            {POOL_BALANCE_NOTE}
          </Typography.Text>
        </Space>
      );
  }

  return (
    <Drawer
      open={owner !== null}
      onClose={onClose}
      size={980}
      title={
        <Space size={8}>
          <span>{account.kind === 'pool' ? '社区账户流水' : `${account.name} 的流水`}</span>
          {account.household && <Typography.Text type="secondary">{account.household}</Typography.Text>}
        </Space>
      }
      extra={
        isAdmin && account.kind === 'resident' && onAdjust ? (
          <Button onClick={onAdjust} data-testid="statement-adjust">
            调整余额
          </Button>
        ) : undefined
      }
      destroyOnHidden
    >
      <div data-testid="statement-drawer">
        <Flex justify="space-between" align="flex-end" gap={16} wrap style={{ marginBottom: 16 }}>
          {summary}
          <Typography.Text type="secondary" style={{ maxWidth: 520 }}>
            {account.kind === 'resident'
              ? '正数为收入，负数为支出。记录不可修改或删除，更正请用「冲正」，并写明原因。'
              : communityAccountNotes[account.kind]}
          </Typography.Text>
        </Flex>

        <ListError title="流水加载失败" query={statement} />

        <Table<StatementItem>
          rowKey="id"
          size="middle"
          columns={columns}
          dataSource={rows}
          loading={statement.isLoading}
          pagination={false}
          scroll={{ x: 860 }}
          onRow={(item) => ({ 'data-testid': `statement-row-${item.id}` }) as HTMLAttributes<HTMLElement>}
          locale={{ emptyText: <Empty description="还没有流水" /> }}
          data-testid="statement-table"
        />

        {rows.length > 0 && (
          <LoadMore query={statement} testId="statement-load-more">
            已显示全部 {rows.length} 笔流水
          </LoadMore>
        )}

        {reversing && (
          <ReverseDialog key={reversing.id} item={reversing} account={account} onClose={() => setReversing(null)} />
        )}
      </div>
    </Drawer>
  );
}
