import type { TableColumnsType } from 'antd';

/**
 * A list's columns with a 社区 column first when the whole street is shown; one community's list does not repeat
 * its name on every row.
 */
export function withCommunityColumn<T extends { communityName?: string }>(
  columns: TableColumnsType<T>,
  streetWide: boolean,
): TableColumnsType<T> {
  if (!streetWide) return columns;
  return [
    { title: '社区', key: 'community', width: 110, render: (_: unknown, row: T) => row.communityName || '—' },
    ...columns,
  ];
}
