import type { RoomView } from '@linli/shared-types';
import { Alert, App, DatePicker, Form, Input, Modal, Radio } from 'antd';
import { useEffect } from 'react';
import { useCreateClosure } from '../../hooks/useRooms';
import { communityNowWallClock, fromCommunityWallClock, type dayjs } from '../../lib/dayjs';
import type { ApiRequestError } from '../../services/http';

interface ClosureValues {
  scope: 'room' | 'centre';
  range: [dayjs.Dayjs, dayjs.Dayjs];
  reason: string;
}

/** 闭馆: this room, or the whole centre, from / to (community time), with a reason. */
export function ClosureDialog({ room, onClose }: { room: RoomView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ClosureValues>();
  const create = useCreateClosure();

  useEffect(() => {
    if (room) {
      form.resetFields();
      const start = communityNowWallClock().add(1, 'day').startOf('day').hour(8);
      form.setFieldsValue({ scope: 'room', range: [start, start.add(4, 'hour')] });
      create.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [room?.id]);

  if (!room) return null;

  const submit = async () => {
    // Field errors are shown beside the fields; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    try {
      await create.mutateAsync({
        roomId: room.id,
        body: {
          startAt: fromCommunityWallClock(values.range[0]),
          endAt: fromCommunityWallClock(values.range[1]),
          reason: values.reason.trim(),
          wholeCentre: values.scope === 'centre',
        },
      });
      message.success(values.scope === 'centre' ? '已设置整个活动中心闭馆' : `已设置闭馆：${room.name}`);
      onClose();
    } catch {
      // Shown in the dialog.
    }
  };

  return (
    <Modal
      open
      title={`闭馆：${room.name}`}
      okText="设置闭馆"
      cancelText="取消"
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
      okButtonProps={{ loading: create.isPending, 'data-testid': 'closure-submit' }}
    >
      <Form form={form} layout="vertical" data-testid="closure-form">
        <Form.Item name="scope" label="范围">
          <Radio.Group
            options={[
              { value: 'room', label: `仅${room.name}` },
              { value: 'centre', label: '整个活动中心（所有活动室）' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="range"
          label="时间（北京时间）"
          rules={[
            { required: true, message: '请选择闭馆时间' },
            {
              validator: async (_, v?: [dayjs.Dayjs, dayjs.Dayjs]) => {
                if (v && !v[1].isAfter(v[0])) throw new Error('结束时间必须晚于开始时间');
              },
            },
          ]}
        >
          <DatePicker.RangePicker showTime={{ format: 'HH:mm', minuteStep: 15 }} format="YYYY-MM-DD HH:mm" />
        </Form.Item>
        <Form.Item name="reason" label="原因" rules={[{ required: true, whitespace: true, message: '请填写闭馆原因' }]}>
          <Input maxLength={200} placeholder="例如：设备检修、节假日闭馆" />
        </Form.Item>
        <Alert
          type="info"
          showIcon
          title="闭馆时段内不能再预约；已有的预约不会自动取消，请在日历中逐一处理并通知预约人。"
        />
        {create.error && (
          <Alert
            style={{ marginTop: 12 }}
            type="error"
            showIcon
            title={`设置失败：${(create.error as ApiRequestError).message}`}
          />
        )}
      </Form>
    </Modal>
  );
}
