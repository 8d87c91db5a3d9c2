import { DisabledReason } from '../components/disabled-reason';
import { ChoiceSegmented } from '../components/choice-segmented';
import { userStatuses, userStatusLabels, type ResidentListItem, type UserStatus } from '@linli/shared-types';
import { App, Button, Card, Empty, Flex, Input, Popconfirm, Table, Tag, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { useCommunityScope } from '../hooks/useCommunityScope';
import { useResidents, useSetResidentVolunteer, useVerifyResident } from '../hooks/useResidents';
import { PageHeader } from '../layout/page-header';
import { withCommunityColumn } from '../lib/community-column';
import { formatDateTime, formatHousehold, formatPhone, isHouseholdComplete, userStatusColors } from '../lib/format';
import type { ApiRequestError } from '../services/http';
import { ListError, LoadMore } from '../components/list-parts';
import { CareRecipientToggle } from './help-care-recipient';

const emptyTexts: Record<UserStatus, string> = {
  pending: '暂无待认证的居民',
  verified: '暂无已认证的居民',
  disabled: '暂无已停用的居民',
};

function parseStatus(value: string | null): UserStatus {
  return (userStatuses as readonly string[]).includes(value ?? '') ? (value as UserStatus) : 'pending';
}

function residentName(resident: ResidentListItem): string {
  return resident.name ?? '该居民';
}

function ResidentActions({ resident }: { resident: ResidentListItem }) {
  const { message } = App.useApp();
  const verify = useVerifyResident();
  const setVolunteer = useSetResidentVolunteer();

  if (resident.status === 'pending') {
    const complete = isHouseholdComplete(resident);
    const button = (
      <Button
        type="primary"
        size="small"
        disabled={!complete}
        loading={verify.isPending}
        data-testid={`verify-resident-${resident.id}`}
      >
        认证
      </Button>
    );
    if (!complete) {
      return (
        <DisabledReason reason="住户尚未填写楼栋、单元和房号，暂不能认证" testId={`verify-reason-${resident.id}`}>
          {button}
        </DisabledReason>
      );
    }
    return (
      <Popconfirm
        title="确认已核实该住户信息？"
        description={`${residentName(resident)}：${formatHousehold(resident)}`}
        okText="确认认证"
        cancelText="取消"
        okButtonProps={{ 'data-testid': 'verify-confirm' }}
        onConfirm={() =>
          verify.mutateAsync(resident.id).then(
            () => void message.success(`已认证：${residentName(resident)}`),
            (error: ApiRequestError) => void message.error(`认证失败：${error.message}`),
          )
        }
      >
        {button}
      </Popconfirm>
    );
  }

  if (resident.status === 'verified') {
    const toggle = (volunteer: boolean) =>
      setVolunteer.mutateAsync({ residentId: resident.id, volunteer }).then(
        () =>
          void message.success(
            volunteer ? `已将${residentName(resident)}设为志愿者` : `已取消${residentName(resident)}的志愿者身份`,
          ),
        (error: ApiRequestError) => void message.error(`操作失败：${error.message}`),
      );
    if (resident.volunteer) {
      return (
        <Popconfirm
          title="确定取消该居民的志愿者身份？"
          okText="取消志愿者"
          cancelText="不取消"
          onConfirm={() => toggle(false)}
        >
          <Button size="small" danger loading={setVolunteer.isPending} data-testid={`volunteer-toggle-${resident.id}`}>
            取消志愿者
          </Button>
        </Popconfirm>
      );
    }
    return (
      <Button
        size="small"
        loading={setVolunteer.isPending}
        onClick={() => toggle(true)}
        data-testid={`volunteer-toggle-${resident.id}`}
      >
        设为志愿者
      </Button>
    );
  }

  return <Typography.Text type="secondary">—</Typography.Text>;
}

const columns: TableColumnsType<ResidentListItem> = [
  {
    title: '姓名',
    dataIndex: 'name',
    render: (name: string | null) => name ?? <Typography.Text type="secondary">未填写</Typography.Text>,
  },
  { title: '手机号', dataIndex: 'phone', render: (phone: string | null) => formatPhone(phone) },
  {
    title: '楼栋-单元-房号',
    key: 'household',
    render: (_, resident) => formatHousehold(resident) ?? <Typography.Text type="secondary">未填写</Typography.Text>,
  },
  {
    title: '状态',
    dataIndex: 'status',
    render: (status: UserStatus) => <Tag color={userStatusColors[status]}>{userStatusLabels[status]}</Tag>,
  },
  {
    title: '志愿者',
    dataIndex: 'volunteer',
    render: (volunteer: boolean) =>
      volunteer ? <Tag color="magenta">志愿者</Tag> : <Typography.Text type="secondary">—</Typography.Text>,
  },
  { title: '注册时间', dataIndex: 'createdAt', render: (createdAt: string) => formatDateTime(createdAt) },
  {
    title: '操作',
    key: 'actions',
    fixed: 'right',
    render: (_, resident) => (
      <Flex gap={8} align="center" wrap>
        <ResidentActions resident={resident} />
        <CareRecipientToggle resident={resident} />
      </Flex>
    ),
  },
];

export function ResidentsPage() {
  const { community, ready, streetWide } = useCommunityScope();
  const [searchParams, setSearchParams] = useSearchParams();
  const status = parseStatus(searchParams.get('status'));
  const q = searchParams.get('q')?.trim() ?? '';
  const [searchText, setSearchText] = useState(q);
  useEffect(() => setSearchText(q), [q]);

  const residents = useResidents({ status, q });
  const rows = residents.data?.pages.flatMap((page) => page.items) ?? [];

  const updateFilter = (next: { status?: UserStatus; q?: string }) => {
    const params = new URLSearchParams();
    params.set('status', next.status ?? status);
    const nextQ = (next.q ?? q).trim();
    if (nextQ) params.set('q', nextQ);
    setSearchParams(params, { replace: true });
  };

  return (
    <>
      <PageHeader
        title="居民"
        description={`${community?.name ?? ''}居民名册：核实住户信息后认证，认证后的居民可设为志愿者。`}
      />
      <Card>
        <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
          <ChoiceSegmented<UserStatus>
            label="按认证状态筛选"
            value={status}
            onChange={(value) => updateFilter({ status: value })}
            options={userStatuses.map((value) => ({ value, label: userStatusLabels[value] }))}
            data-testid="resident-status-filter"
          />
          <Input.Search
            allowClear
            placeholder="搜索姓名、手机号或房号"
            style={{ width: 300 }}
            value={searchText}
            onChange={(event) => setSearchText(event.target.value)}
            onSearch={(value) => updateFilter({ q: value })}
            data-testid="resident-search"
          />
        </Flex>

        <ListError title="居民列表加载失败" query={residents} />

        <Table<ResidentListItem>
          rowKey="id"
          columns={withCommunityColumn(columns, streetWide)}
          dataSource={rows}
          loading={!ready || residents.isLoading}
          pagination={false}
          scroll={{ x: 900 }}
          locale={{ emptyText: <Empty description={q ? `没有找到与「${q}」相关的居民` : emptyTexts[status]} /> }}
          data-testid="residents-table"
        />

        {rows.length > 0 && (
          <LoadMore query={residents} testId="residents-load-more">
            已显示全部 {rows.length} 位居民
          </LoadMore>
        )}
      </Card>
    </>
  );
}
