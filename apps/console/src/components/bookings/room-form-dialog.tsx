import {
  minutesToHours,
  parseClockTime,
  ROOM_PRICE_MAX_MINUTES_PER_HOUR,
  slotLengths,
  type RoomView,
  type SlotMinutes,
  type UpdateRoomRequest,
} from '@linli/shared-types';
import { Alert, App, Form, Input, InputNumber, Modal, Select, Space, Switch } from 'antd';
import { useEffect } from 'react';
import { useSaveRoom } from '../../hooks/useRooms';
import type { ApiRequestError } from '../../services/http';

interface RoomFormValues {
  name: string;
  description: string;
  capacity: number;
  facilities: string[];
  openTime: string;
  closeTime: string;
  slotMinutes: SlotMinutes;
  maxMinutes: number;
  bookAheadDays: number;
  minNoticeMinutes: number;
  requiresApproval: boolean;
  active: boolean;
  priceMinutesPerHour: number;
}

/** PRODUCT.md defaults: 30-minute slots, 180 minutes at most, 7 days ahead, 60 minutes' notice. */
const defaults: RoomFormValues = {
  name: '',
  description: '',
  capacity: 20,
  facilities: [],
  openTime: '08:30',
  closeTime: '21:00',
  slotMinutes: 30,
  maxMinutes: 180,
  bookAheadDays: 7,
  minNoticeMinutes: 60,
  requiresApproval: false,
  active: true,
  priceMinutesPerHour: 0,
};

const CLOCK = /^([01]\d|2[0-3]):(00|15|30|45)$|^24:00$/;

/** New room (`room` undefined) or the rules of an existing one. */
export function RoomFormDialog({ open, room, onClose }: { open: boolean; room: RoomView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RoomFormValues>();
  const save = useSaveRoom();
  const price = Form.useWatch('priceMinutesPerHour', form);

  useEffect(() => {
    if (open) {
      form.resetFields();
      form.setFieldsValue(room ? { ...defaults, ...room } : defaults);
      save.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [open, room?.id]);

  const submit = async () => {
    // Field errors are shown beside the fields; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body: UpdateRoomRequest = {
      ...values,
      name: values.name.trim(),
      description: values.description?.trim() ?? '',
      facilities: values.facilities.map((f) => f.trim()).filter(Boolean),
    };
    try {
      const saved = await save.mutateAsync({ roomId: room?.id ?? null, body });
      message.success(room ? `已保存：${saved.name}` : `已新建活动室：${saved.name}`);
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <Modal
      open={open}
      title={room ? `编辑活动室：${room.name}` : '新建活动室'}
      okText="保存"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      okButtonProps={{ loading: save.isPending, 'data-testid': 'room-submit' }}
      destroyOnHidden
      width={640}
      forceRender
    >
      <Form form={form} layout="vertical" data-testid="room-form" requiredMark="optional">
        <Form.Item
          name="name"
          label="名称"
          rules={[
            { required: true, whitespace: true, message: '请填写名称' },
            { max: 50, message: '最多 50 个字' },
          ]}
        >
          <Input placeholder="例如：多功能厅" data-testid="room-name" />
        </Form.Item>
        <Form.Item name="description" label="简介">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={500} placeholder="位置、适合的活动等" />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="capacity" label="容纳人数" rules={[{ required: true, message: '请填写容纳人数' }]}>
            <InputNumber min={1} max={1000} precision={0} data-testid="room-capacity" />
          </Form.Item>
          <Form.Item
            name="facilities"
            label="设施"
            style={{ minWidth: 320 }}
            rules={[
              {
                validator: async (_, v: string[] = []) => {
                  if (v.some((f) => f.trim().length > 20)) throw new Error('每项设施最多 20 个字');
                  if (v.length > 20) throw new Error('最多 20 项');
                },
              },
            ]}
          >
            <Select
              mode="tags"
              placeholder="输入后回车，例如：投影仪、钢琴"
              tokenSeparators={[',', '，']}
              open={false}
              suffixIcon={null}
            />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item
            name="openTime"
            label="开门"
            rules={[
              { required: true, message: '请填写' },
              { pattern: CLOCK, message: 'HH:mm，整刻钟' },
            ]}
          >
            <Input style={{ width: 96 }} placeholder="08:30" data-testid="room-open" />
          </Form.Item>
          <Form.Item
            name="closeTime"
            label="关门"
            dependencies={['openTime']}
            rules={[
              { required: true, message: '请填写' },
              { pattern: CLOCK, message: 'HH:mm，整刻钟' },
              ({ getFieldValue }) => ({
                validator: async (_, value: string) => {
                  const open = parseClockTime(getFieldValue('openTime') ?? '');
                  const close = parseClockTime(value ?? '');
                  if (open !== null && close !== null && close <= open) throw new Error('须晚于开门时间');
                },
              }),
            ]}
          >
            <Input style={{ width: 96 }} placeholder="21:00" data-testid="room-close" />
          </Form.Item>
          <Form.Item name="slotMinutes" label="时段长度" rules={[{ required: true }]}>
            <Select style={{ width: 110 }} options={slotLengths.map((m) => ({ value: m, label: `${m} 分钟` }))} />
          </Form.Item>
          <Form.Item name="maxMinutes" label="单次最长（分钟）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={15} max={1440} step={15} precision={0} />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item name="bookAheadDays" label="可提前预约（天）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={1} max={90} precision={0} />
          </Form.Item>
          <Form.Item name="minNoticeMinutes" label="最少提前（分钟）" rules={[{ required: true, message: '请填写' }]}>
            <InputNumber min={0} max={10080} step={15} precision={0} />
          </Form.Item>
          <Form.Item name="requiresApproval" label="需审批" valuePropName="checked">
            <Switch data-testid="room-requires-approval" />
          </Form.Item>
          <Form.Item name="active" label="开放预约" valuePropName="checked">
            <Switch />
          </Form.Item>
        </Space>
        <Form.Item
          name="priceMinutesPerHour"
          label="使用费（每小时扣多少分钟时长）"
          extra={
            typeof price === 'number' && price > 0
              ? `居民每预约 1 小时冻结 ${minutesToHours(price)}，使用或未到场时扣除，取消或未通过退回`
              : '0 = 免费；工作人员和兴趣小组的预约不收费'
          }
          rules={[{ required: true, message: '请填写，免费填 0' }]}
        >
          <InputNumber min={0} max={ROOM_PRICE_MAX_MINUTES_PER_HOUR} precision={0} data-testid="room-price" />
        </Form.Item>
        {save.error && <Alert type="error" showIcon title={`保存失败：${(save.error as ApiRequestError).message}`} />}
      </Form>
    </Modal>
  );
}
