import type { TableColumnType } from 'antd';
import { Empty } from 'antd';
import type { ReactNode } from 'react';
import { useCommunityScope } from '../hooks/useCommunityScope';

/**
 * The 社区 column of a list while an admin looks at the whole street (全街道); nothing when one community is chosen.
 * Spread it where the column belongs: `columns={[...communityColumn, ...columns]}`.
 */
export function useCommunityColumn<Row extends { communityId: number | null }>(): TableColumnType<Row>[] {
  const { street, communities } = useCommunityScope();
  if (!street) return [];
  const names = new Map(communities.map((c) => [c.id, c.name]));
  return [
    {
      title: '社区',
      key: 'community',
      width: 120,
      render: (_: unknown, row: Row) => (row.communityId === null ? '街道' : (names.get(row.communityId) ?? '—')),
    },
  ];
}

/** A page that works in one community (new records, a room calendar, the pool): in 全街道 it asks for one first. */
export function NeedsCommunity({ children }: { children: ReactNode }) {
  const { street } = useCommunityScope();
  if (!street) return children;
  return (
    <Empty
      style={{ marginTop: 96 }}
      data-testid="needs-community"
      description="这里一次只办理一个社区的事务：请先在右上角选择社区"
    />
  );
}
