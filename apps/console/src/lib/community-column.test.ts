import type { TableColumnsType } from 'antd';
import { describe, expect, it } from 'vitest';
import { withCommunityColumn } from './community-column';

interface Row {
  id: number;
  communityName?: string;
}

const columns: TableColumnsType<Row> = [{ title: '编号', dataIndex: 'id' }];

describe('withCommunityColumn', () => {
  it('leaves one community’s columns as they are', () => {
    expect(withCommunityColumn(columns, false)).toBe(columns);
  });

  it('puts a 社区 column first for the whole street, showing each row’s community', () => {
    const street = withCommunityColumn(columns, true);
    expect(street.map((c) => c.title)).toEqual(['社区', '编号']);
    const render = (street[0] as { render: (value: unknown, row: Row, index: number) => unknown }).render;
    expect(render(undefined, { id: 1, communityName: '桂花社区' }, 0)).toBe('桂花社区');
    expect(render(undefined, { id: 2 }, 0)).toBe('—');
  });
});
