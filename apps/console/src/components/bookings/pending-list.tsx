import { Button, Card, Empty, Space, Table, Typography } from 'antd';
import type { BookingAction } from '../../hooks/useBookings';
import { usePendingBookings } from '../../hooks/useBookings';
import { useCommunityScope } from '../../hooks/useCommunityScope';
import { bookingTimeText } from '../../lib/booking-format';
import { withCommunityColumn } from '../../lib/community-column';
import type { BookingRow } from '../../services/bookings';

/** The approval queue of every date, soonest first, with one-click actions. */
export function PendingList({
  onAction,
  onOpen,
}: {
  onAction: (booking: BookingRow, action: BookingAction) => void;
  onOpen: (booking: BookingRow) => void;
}) {
  const pending = usePendingBookings();
  const { streetWide } = useCommunityScope();
  const rows = pending.data ?? [];
  return (
    <Card size="small" title={`待审批（${rows.length}）`} data-testid="pending-bookings" style={{ marginBottom: 16 }}>
      {pending.isError ? (
        <Typography.Text type="danger">待审批列表加载失败：{pending.error.message}</Typography.Text>
      ) : rows.length === 0 && !pending.isLoading ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="没有待审批的预约" />
      ) : (
        <Table<BookingRow>
          rowKey="id"
          size="small"
          loading={pending.isLoading}
          dataSource={rows}
          pagination={rows.length > 8 ? { pageSize: 8 } : false}
          columns={withCommunityColumn<BookingRow>(
            [
              {
                title: '时间',
                key: 'time',
                // A button, not an <a> without href: Tab reaches it and Enter opens the booking.
                render: (_, row) => (
                  <Button type="link" size="small" style={{ padding: 0 }} onClick={() => onOpen(row)}>
                    {bookingTimeText(row)}
                  </Button>
                ),
              },
              { title: '活动室', key: 'room', render: (_, row) => row.room.name },
              { title: '预约人', key: 'booker', render: (_, row) => row.booker.name ?? '未命名' },
              { title: '用途', dataIndex: 'purpose', ellipsis: true },
              { title: '人数', dataIndex: 'attendees', width: 64 },
              {
                title: '操作',
                key: 'actions',
                width: 140,
                render: (_, row) => (
                  <Space size={4}>
                    <Button
                      size="small"
                      type="link"
                      data-testid={`pending-approve-${row.id}`}
                      onClick={() => onAction(row, 'approve')}
                    >
                      批准
                    </Button>
                    <Button
                      size="small"
                      type="link"
                      danger
                      data-testid={`pending-reject-${row.id}`}
                      onClick={() => onAction(row, 'reject')}
                    >
                      拒绝
                    </Button>
                  </Space>
                ),
              },
            ],
            streetWide,
          )}
        />
      )}
    </Card>
  );
}
