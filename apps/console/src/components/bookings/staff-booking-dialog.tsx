import {
  BOOKING_PURPOSE_MAX,
  BOOKING_PURPOSE_MIN,
  shanghaiMidnight,
  slotGrid,
  type RecurringBookingResponse,
  type RoomView,
} from '@linli/shared-types';
import { Alert, App, DatePicker, Form, Input, InputNumber, List, Modal, Select, Space, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useCreateBooking, useCreateRecurringBooking } from '../../hooks/useBookings';
import { bookingTimeText, clockText, dateText } from '../../lib/booking-format';
import { dayjs } from '../../lib/dayjs';
import type { ApiRequestError } from '../../services/http';

interface StaffBookingValues {
  roomId: number;
  date: dayjs.Dayjs;
  startAt: string;
  endAt: string;
  purpose: string;
  attendees: number;
  weeks?: number;
}

/**
 * 社区活动预约: staff book a room for the community without quotas (opening hours, grid, closures and
 * conflicts still apply); in recurring mode the same time every week for N weeks.
 */
export function StaffBookingDialog({
  mode,
  rooms,
  defaultDate,
  onClose,
}: {
  mode: 'single' | 'recurring' | null;
  rooms: RoomView[];
  defaultDate: string;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<StaffBookingValues>();
  const single = useCreateBooking();
  const recurring = useCreateRecurringBooking();
  const [result, setResult] = useState<RecurringBookingResponse | null>(null);
  const roomId = Form.useWatch('roomId', form);
  const date = Form.useWatch('date', form);
  const startAt = Form.useWatch('startAt', form);
  const room = rooms.find((r) => r.id === roomId);
  const localDate = date ? date.format('YYYY-MM-DD') : defaultDate;
  const grid = room ? slotGrid(room, localDate) : [];
  const startOptions = grid.map((slot) => ({
    value: slot.startAt.toISOString(),
    label: clockText(slot.startAt.toISOString()),
  }));
  const endOptions = grid
    .filter(
      (slot) =>
        startAt &&
        slot.endAt.toISOString() > startAt &&
        room &&
        slot.endAt.getTime() - new Date(startAt).getTime() <= room.maxMinutes * 60_000,
    )
    .map((slot) => ({ value: slot.endAt.toISOString(), label: clockText(slot.endAt.toISOString()) }));

  useEffect(() => {
    if (mode) {
      form.resetFields();
      form.setFieldsValue({ roomId: rooms[0]?.id, date: dayjs(defaultDate), attendees: 10, weeks: 8 });
      setResult(null);
      single.reset();
      recurring.reset();
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [mode]);

  if (!mode) return null;
  const error = (mode === 'single' ? single.error : recurring.error) as ApiRequestError | null;

  const submit = async () => {
    // Field errors are shown beside the fields; nothing to send.
    const values = await form.validateFields().catch(() => null);
    if (!values) return;
    const body = {
      roomId: values.roomId,
      startAt: values.startAt,
      endAt: values.endAt,
      purpose: values.purpose.trim(),
      attendees: values.attendees,
    };
    try {
      if (mode === 'single') {
        const booking = await single.mutateAsync(body);
        message.success(`已预约：${booking.room.name} ${bookingTimeText(booking)}`);
        onClose();
      } else {
        setResult(await recurring.mutateAsync({ ...body, weeks: values.weeks ?? 1 }));
      }
    } catch {
      // Shown in the dialog.
    }
  };

  // Start and end are instants of the chosen date; changing room or date must clear them.
  const clearTimes = () => form.setFieldsValue({ startAt: undefined, endAt: undefined });

  return (
    <Modal
      open
      title={mode === 'single' ? '社区活动预约' : '每周重复预约'}
      okText={result ? '完成' : mode === 'single' ? '预约' : '批量预约'}
      cancelText="取消"
      onOk={result ? onClose : submit}
      onCancel={onClose}
      cancelButtonProps={result ? { style: { display: 'none' } } : undefined}
      okButtonProps={{ loading: single.isPending || recurring.isPending, 'data-testid': 'staff-booking-submit' }}
      destroyOnHidden
      width={560}
    >
      {result ? (
        <div data-testid="recurring-result">
          <Typography.Paragraph>
            已预约 <strong>{result.created.length}</strong> 次，跳过 <strong>{result.skipped.length}</strong> 次。
          </Typography.Paragraph>
          <Typography.Text strong>已预约的日期</Typography.Text>
          <div style={{ margin: '8px 0 16px' }}>
            {result.created.length === 0 ? (
              <Typography.Text type="secondary">无</Typography.Text>
            ) : (
              <Space size={[6, 6]} wrap>
                {result.created.map((d) => (
                  <Tag color="green" key={d} data-testid="recurring-created">
                    {dateText(d)}
                  </Tag>
                ))}
              </Space>
            )}
          </div>
          <Typography.Text strong>跳过的日期</Typography.Text>
          {result.skipped.length === 0 ? (
            <div>
              <Typography.Text type="secondary">无</Typography.Text>
            </div>
          ) : (
            <List
              size="small"
              dataSource={result.skipped}
              renderItem={(item) => (
                <List.Item data-testid="recurring-skipped">
                  <Tag color="orange">{dateText(item.date)}</Tag>
                  <Typography.Text type="secondary">{item.reason}</Typography.Text>
                </List.Item>
              )}
            />
          )}
        </div>
      ) : (
        <Form form={form} layout="vertical" requiredMark="optional" data-testid="staff-booking-form">
          <Typography.Paragraph type="secondary">
            工作人员为社区活动预约不受个人次数和时长限额，但须在开放时间内、按时段整段选择，且不能与闭馆或已有预约冲突。
          </Typography.Paragraph>
          <Form.Item name="roomId" label="活动室" rules={[{ required: true, message: '请选择活动室' }]}>
            <Select
              options={rooms.map((r) => ({
                value: r.id,
                label: `${r.name}（${r.openTime}–${r.closeTime}，${r.capacity}人）`,
              }))}
              onChange={clearTimes}
            />
          </Form.Item>
          <Space align="start" wrap>
            <Form.Item
              name="date"
              label={mode === 'single' ? '日期' : '首次日期'}
              rules={[{ required: true, message: '请选择日期' }]}
            >
              <DatePicker allowClear={false} onChange={clearTimes} />
            </Form.Item>
            <Form.Item name="startAt" label="开始" rules={[{ required: true, message: '请选择开始时间' }]}>
              <Select
                style={{ width: 110 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={startOptions}
                onChange={() => form.setFieldsValue({ endAt: undefined })}
                data-testid="staff-booking-start"
              />
            </Form.Item>
            <Form.Item name="endAt" label="结束" rules={[{ required: true, message: '请选择结束时间' }]}>
              <Select
                style={{ width: 110 }}
                showSearch={{ optionFilterProp: 'label' }}
                options={endOptions}
                disabled={!startAt}
                data-testid="staff-booking-end"
              />
            </Form.Item>
            {mode === 'recurring' && (
              <Form.Item
                name="weeks"
                label="重复周数"
                rules={[{ required: true, message: '请填写周数' }]}
                extra="含首次，最多 26 周"
              >
                <InputNumber min={1} max={26} precision={0} style={{ width: 110 }} />
              </Form.Item>
            )}
          </Space>
          <Form.Item
            name="purpose"
            label="活动内容"
            rules={[
              { required: true, whitespace: true, message: '请填写活动内容' },
              {
                min: BOOKING_PURPOSE_MIN,
                max: BOOKING_PURPOSE_MAX,
                message: `${BOOKING_PURPOSE_MIN}–${BOOKING_PURPOSE_MAX} 个字`,
              },
            ]}
          >
            <Input
              placeholder="例如：书法社每周练习"
              maxLength={BOOKING_PURPOSE_MAX}
              data-testid="staff-booking-purpose"
            />
          </Form.Item>
          <Form.Item
            name="attendees"
            label="参加人数"
            rules={[{ required: true, message: '请填写参加人数' }]}
            extra={room ? `容量 ${room.capacity} 人` : undefined}
          >
            <InputNumber min={1} max={room?.capacity ?? 1000} precision={0} />
          </Form.Item>
          {room && !shanghaiMidnight(localDate) && <Alert type="warning" title="日期无效" />}
          {error && (
            <Alert type="error" showIcon title={`预约失败：${error.message}`} data-testid="staff-booking-error" />
          )}
        </Form>
      )}
    </Modal>
  );
}
