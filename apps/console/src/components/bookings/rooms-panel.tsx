import { PlusOutlined } from '@ant-design/icons';
import { minutesToHours, type RoomView } from '@linli/shared-types';
import { Alert, Button, Flex, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useRooms } from '../../hooks/useRooms';
import { ClosureDialog } from './closure-dialog';
import { DoorCodePoster } from './door-code-poster';
import { RoomFormDialog } from './room-form-dialog';

/** 活动室: rooms and their booking rules, closures and door posters. */
export function RoomsPanel() {
  const rooms = useRooms();
  const [editing, setEditing] = useState<{ room: RoomView | null } | null>(null);
  const [closing, setClosing] = useState<RoomView | null>(null);
  const [poster, setPoster] = useState<RoomView | null>(null);

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 12 }}>
        <Typography.Text type="secondary">
          规则修改只影响之后提交的预约。闭馆可针对单个活动室或整个活动中心。
        </Typography.Text>
        <Button
          type="primary"
          icon={<PlusOutlined />}
          onClick={() => setEditing({ room: null })}
          data-testid="room-create"
        >
          新建活动室
        </Button>
      </Flex>
      {rooms.isError && (
        <Alert type="error" showIcon style={{ marginBottom: 12 }} title={`加载失败：${rooms.error.message}`} />
      )}
      <Table<RoomView>
        data-testid="rooms-table"
        rowKey="id"
        loading={rooms.isLoading}
        dataSource={rooms.data ?? []}
        pagination={false}
        scroll={{ x: 960 }}
        columns={[
          {
            title: '名称',
            key: 'name',
            render: (_, room) => (
              <>
                <Typography.Text strong>{room.name}</Typography.Text>
                {room.description && (
                  <Typography.Paragraph type="secondary" ellipsis={{ rows: 1 }} style={{ margin: 0, maxWidth: 240 }}>
                    {room.description}
                  </Typography.Paragraph>
                )}
              </>
            ),
          },
          { title: '容纳', dataIndex: 'capacity', width: 72, render: (n: number) => `${n} 人` },
          {
            title: '设施',
            dataIndex: 'facilities',
            render: (facilities: string[]) =>
              facilities.length === 0 ? (
                '—'
              ) : (
                <Space size={[4, 4]} wrap>
                  {facilities.map((f) => (
                    <Tag key={f}>{f}</Tag>
                  ))}
                </Space>
              ),
          },
          { title: '开放时间', key: 'hours', width: 120, render: (_, room) => `${room.openTime}–${room.closeTime}` },
          {
            title: '预约规则',
            key: 'rules',
            render: (_, room) => (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                每段 {room.slotMinutes} 分钟，单次最长 {room.maxMinutes} 分钟
                <br />
                提前 {room.minNoticeMinutes} 分钟至 {room.bookAheadDays} 天内
                <br />
                {room.priceMinutesPerHour > 0 ? `每小时 ${minutesToHours(room.priceMinutesPerHour)}` : '免费'}
              </Typography.Text>
            ),
          },
          {
            title: '状态',
            key: 'status',
            width: 110,
            render: (_, room) => (
              <Space size={4} wrap>
                {room.active ? <Tag color="green">开放</Tag> : <Tag>停用</Tag>}
                {room.requiresApproval && <Tag color="orange">需审批</Tag>}
              </Space>
            ),
          },
          {
            title: '操作',
            key: 'actions',
            width: 200,
            fixed: 'right',
            render: (_, room) => (
              <Space size={0} wrap>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setEditing({ room })}
                  data-testid={`room-edit-${room.id}`}
                >
                  编辑
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setClosing(room)}
                  data-testid={`room-closure-${room.id}`}
                >
                  闭馆
                </Button>
                <Button
                  type="link"
                  size="small"
                  onClick={() => setPoster(room)}
                  data-testid={`door-code-open-${room.id}`}
                >
                  门牌码
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <RoomFormDialog open={editing !== null} room={editing?.room ?? null} onClose={() => setEditing(null)} />
      <ClosureDialog room={closing} onClose={() => setClosing(null)} />
      <DoorCodePoster room={poster} onClose={() => setPoster(null)} />
    </>
  );
}
