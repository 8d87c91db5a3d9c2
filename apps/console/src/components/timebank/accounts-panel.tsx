import {
  BankOutlined,
  DownloadOutlined,
  EditOutlined,
  GiftOutlined,
  LockOutlined,
  QuestionCircleOutlined,
} from '@ant-design/icons';
import { minutesToHours } from '@linli/shared-types';
import { App, Button, Empty, Flex, Input, Space, Table, Tag, Tooltip, Typography, theme } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useMemo, useState, type HTMLAttributes } from 'react';
import { useSearchParams } from 'react-router-dom';
import {
  useExportTimebankAccounts,
  useIsAdmin,
  useTimebankAccounts,
  type CommunityAccountKind,
  type StatementOwner,
} from '../../hooks/useTimebank';
import { formatDateTime, formatHousehold, formatPhone } from '../../lib/format';
import { POOL_BALANCE_NOTE } from '../../lib/timebank-format';
import type { ApiRequestError } from '../../services/http';
import type { TimebankAccountRow } from '../../services/timebank';
import { AdjustmentDialog, type AdjustmentTarget } from './adjustment-dialog';
import { StatementDrawer } from './statement-drawer';
import { ListError, LoadMore } from '../list-parts';

function householdOf(row: TimebankAccountRow): string | null {
  return formatHousehold({
    building: row.buildingName ? { name: row.buildingName } : null,
    unit: row.unit,
    room: row.room,
  });
}

/** GET timebank/accounts has no search yet: staff search the loaded accounts by name, phone or room. */
function matches(row: TimebankAccountRow, q: string): boolean {
  const text = `${row.name} ${row.phone ?? ''} ${householdOf(row) ?? ''}`.toLowerCase();
  return q
    .toLowerCase()
    .split(/\s+/)
    .every((word) => text.includes(word));
}

/** The community's own accounts, in the order the list shows them (before the residents). */
const communityAccounts: Record<CommunityAccountKind, { tag: string; color: string; icon: typeof BankOutlined }> = {
  pool: { tag: '社区账户', color: 'blue', icon: BankOutlined },
  escrow: { tag: '冻结中', color: 'gold', icon: LockOutlined },
  commons: { tag: '公益池', color: 'magenta', icon: GiftOutlined },
};
const communityKinds = Object.keys(communityAccounts) as CommunityAccountKind[];

function isCommunityKind(kind: string | null): kind is CommunityAccountKind {
  return (communityKinds as string[]).includes(kind ?? '');
}

function parseOwner(value: string | null): StatementOwner | null {
  if (isCommunityKind(value)) return { kind: value };
  const userId = Number(value);
  return Number.isInteger(userId) && userId > 0 ? { kind: 'resident', userId } : null;
}

export function AccountsPanel() {
  const { token } = theme.useToken();
  const { message } = App.useApp();
  const isAdmin = useIsAdmin();
  const [searchParams, setSearchParams] = useSearchParams();
  const owner = parseOwner(searchParams.get('account'));
  const [searchText, setSearchText] = useState('');
  const q = searchText.trim();
  const [adjusting, setAdjusting] = useState<AdjustmentTarget | 'pick' | null>(null);
  const accounts = useTimebankAccounts();
  const exportCsv = useExportTimebankAccounts();

  const all = useMemo(() => {
    const loaded = accounts.data?.pages.flatMap((page) => page.items) ?? [];
    // The community's own accounts first: the pool (the counterpart of most movements), the escrow, the commons.
    return [
      ...communityKinds.flatMap((kind) => loaded.filter((row) => row.kind === kind)),
      ...loaded.filter((row) => row.kind === 'resident'),
    ];
  }, [accounts.data]);
  const rows = q ? all.filter((row) => matches(row, q)) : all;
  const showsLastActivity = all.some((row) => row.lastActivityAt !== undefined);

  // A search must cover every account, not only the pages loaded so far.
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = accounts;
  useEffect(() => {
    if (q && hasNextPage && !isFetchingNextPage) void fetchNextPage();
  }, [q, hasNextPage, isFetchingNextPage, fetchNextPage]);

  const setOwner = (next: StatementOwner | null) => {
    const params = new URLSearchParams(searchParams);
    if (next === null) params.delete('account');
    else params.set('account', next.kind === 'resident' ? String(next.userId) : next.kind);
    setSearchParams(params, { replace: next === null });
  };

  const openRow = (row: TimebankAccountRow) =>
    setOwner(
      row.kind !== 'resident' || row.userId === null
        ? { kind: row.kind === 'resident' ? 'pool' : row.kind }
        : { kind: 'resident', userId: row.userId },
    );

  const openRowData =
    owner === null
      ? undefined
      : all.find((row) => (owner.kind === 'resident' ? row.userId === owner.userId : row.kind === owner.kind));

  const onExport = () =>
    exportCsv.mutateAsync().then(
      () => void message.success('已导出时间银行账户'),
      (error: ApiRequestError) => void message.error(`导出失败：${error.message}`),
    );

  const columns: TableColumnsType<TimebankAccountRow> = [
    {
      title: '居民',
      dataIndex: 'name',
      render: (name: string, row) => {
        if (row.kind === 'resident') return name;
        const { icon: Icon, tag, color } = communityAccounts[row.kind];
        return (
          <Space size={6}>
            <Icon style={{ color: token.colorPrimary }} />
            <Typography.Text strong>{name}</Typography.Text>
            <Tag color={color}>{tag}</Tag>
          </Space>
        );
      },
    },
    {
      title: '住户',
      key: 'household',
      render: (_, row) =>
        row.kind !== 'resident'
          ? '—'
          : (householdOf(row) ?? <Typography.Text type="secondary">未填写</Typography.Text>),
    },
    {
      title: '手机号',
      dataIndex: 'phone',
      width: 140,
      render: (phone: string | null, row) => (row.kind !== 'resident' ? '—' : formatPhone(phone)),
    },
    {
      title: '余额',
      dataIndex: 'balance',
      width: 140,
      align: 'right',
      render: (balance: number, row) => (
        <span
          style={{
            fontVariantNumeric: 'tabular-nums',
            fontWeight: 500,
            color: balance < 0 ? token.colorTextSecondary : undefined,
          }}
          data-testid={row.kind === 'resident' ? `account-balance-${row.userId}` : `account-balance-${row.kind}`}
        >
          {minutesToHours(balance)}
          {row.kind === 'pool' && balance < 0 && (
            // Focusable, so the keyboard reads the note too.
            <Tooltip title={POOL_BALANCE_NOTE} trigger={['hover', 'focus']}>
              <QuestionCircleOutlined
                tabIndex={0}
                style={{ marginInlineStart: 6, color: token.colorTextSecondary }}
                aria-label="社区账户为什么是负数"
                data-testid="pool-balance-note"
              />
            </Tooltip>
          )}
        </span>
      ),
    },
    ...(showsLastActivity
      ? [
          {
            title: '最近变动',
            dataIndex: 'lastActivityAt',
            width: 160,
            render: (value: string | null) => formatDateTime(value),
          },
        ]
      : []),
    {
      title: '操作',
      key: 'actions',
      width: 100,
      render: (_, row) => (
        <Button
          type="link"
          size="small"
          onClick={(event) => {
            event.stopPropagation();
            openRow(row);
          }}
        >
          查看流水
        </Button>
      ),
    },
  ];

  const statementAccount =
    owner && owner.kind !== 'resident'
      ? { kind: owner.kind, name: openRowData?.name ?? '社区时间银行', balance: openRowData?.balance }
      : {
          kind: 'resident' as const,
          name: openRowData?.name ?? (owner ? `居民 #${owner.userId}` : ''),
          balance: openRowData?.balance,
          household: openRowData ? householdOf(openRowData) : null,
        };

  return (
    <>
      <Flex justify="space-between" align="center" gap={12} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          placeholder="搜索姓名、手机号或房号"
          style={{ width: 300 }}
          value={searchText}
          onChange={(event) => setSearchText(event.target.value)}
          onSearch={setSearchText}
          loading={q !== '' && accounts.isFetchingNextPage}
          data-testid="timebank-account-search"
        />
        <Space wrap>
          <Button icon={<BankOutlined />} onClick={() => setOwner({ kind: 'pool' })} data-testid="pool-statement-open">
            社区账户流水
          </Button>
          <Button
            icon={<DownloadOutlined />}
            loading={exportCsv.isPending}
            onClick={onExport}
            data-testid="timebank-accounts-export"
          >
            导出 CSV
          </Button>
          {isAdmin && (
            <Button
              type="primary"
              icon={<EditOutlined />}
              onClick={() => setAdjusting('pick')}
              data-testid="adjustment-open"
            >
              调整余额
            </Button>
          )}
        </Space>
      </Flex>

      <ListError title="账户列表加载失败" query={accounts} />

      <Table<TimebankAccountRow>
        rowKey="accountId"
        columns={columns}
        dataSource={rows}
        loading={accounts.isLoading}
        pagination={false}
        scroll={{ x: 800 }}
        onRow={(row) =>
          ({
            'data-testid': row.kind === 'resident' ? `account-row-${row.userId}` : `account-row-${row.kind}`,
            onClick: () => openRow(row),
            style: { cursor: 'pointer' },
          }) as HTMLAttributes<HTMLElement>
        }
        locale={{
          emptyText: (
            <Empty description={q ? `没有找到与「${q}」相关的账户` : '还没有时间银行账户：居民认证后自动开户'} />
          ),
        }}
        data-testid="timebank-accounts-table"
      />

      {all.length > 0 && (
        <LoadMore query={accounts} testId="timebank-accounts-load-more">
          {q ? `在全部 ${all.length} 个账户中找到 ${rows.length} 个` : `已显示全部 ${all.length} 个账户（含社区账户）`}
        </LoadMore>
      )}

      <StatementDrawer
        owner={owner}
        account={statementAccount}
        onClose={() => setOwner(null)}
        onAdjust={
          owner?.kind === 'resident'
            ? () => setAdjusting({ userId: owner.userId, name: statementAccount.name })
            : undefined
        }
      />

      {adjusting !== null && (
        <AdjustmentDialog target={adjusting === 'pick' ? undefined : adjusting} onClose={() => setAdjusting(null)} />
      )}
    </>
  );
}
