import {
  EVENT_CANCEL_REASON_MAX,
  EVENT_CAPACITY_MAX,
  EVENT_PLACE_MAX,
  EVENT_TITLE_MAX,
  groupKindLabels,
  groupKinds,
  moodLabels,
  moods,
  type BookingView,
  type CreateEventRequest,
  type EventOutcome,
  type EventView,
  type GroupKind,
} from '@linli/shared-types';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Descriptions,
  Drawer,
  Empty,
  Flex,
  Form,
  Input,
  InputNumber,
  List,
  Modal,
  Radio,
  Select,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance, TableColumnsType } from 'antd';
import { useState } from 'react';
import { StaffBookingDialog } from '../components/bookings/staff-booking-dialog';
import { useDayBookings } from '../hooks/useBookings';
import { useCancelEvent, useCreateEvent, useEventDetail, useEvents, useGroups } from '../hooks/useCentre';
import { useRooms } from '../hooks/useRooms';
import { addDays, bookingTimeText, clockText, communityToday } from '../lib/booking-format';
import { communityNowWallClock, dayjs, fromCommunityWallClock, toCommunityWallClock } from '../lib/dayjs';
import type { ApiRequestError } from '../services/http';

interface EventFormValues {
  title: string;
  range: [dayjs.Dayjs, dayjs.Dayjs];
  where: 'room' | 'place';
  bookingDate?: dayjs.Dayjs;
  bookingId?: number;
  place?: string;
  capacity: number;
  kind?: GroupKind;
  groupId?: number;
  membersOnly: boolean;
}

/** A booking an event can be held in: active and not yet over. */
const holdsEvents = (booking: BookingView, now: Date) =>
  ['pending', 'approved', 'checked_in'].includes(booking.status) && new Date(booking.endAt) > now;

const bookingLabel = (booking: BookingView) =>
  `${booking.room.name} ${clockText(booking.startAt)}–${clockText(booking.endAt)} ${booking.purpose}（${booking.booker.name ?? '未命名'}）`;

/**
 * 活动中心活动室: the event is held in a booking of the centre (its room's door code checks residents in). Staff pick
 * one of the day's bookings, or book a room first; the event's time defaults to the booking's.
 */
function BookingFields({ form }: { form: FormInstance<EventFormValues> }) {
  const bookingDate = Form.useWatch('bookingDate', form);
  const date = bookingDate ? bookingDate.format('YYYY-MM-DD') : communityToday();
  const day = useDayBookings(date);
  const rooms = useRooms();
  const [booking, setBooking] = useState(false);
  const now = new Date();
  const bookings = (day.data ?? [])
    .filter((b) => holdsEvents(b, now))
    .sort((a, b) => a.startAt.localeCompare(b.startAt));
  const pick = (id: number) => {
    const chosen = bookings.find((b) => b.id === id);
    if (!chosen) return;
    form.setFieldsValue({
      range: [toCommunityWallClock(chosen.startAt), toCommunityWallClock(chosen.endAt)],
      ...(form.getFieldValue('title') ? {} : { title: chosen.purpose }),
    });
  };
  return (
    <>
      <Flex gap={16} align="start" wrap>
        <Form.Item name="bookingDate" label="预约日期">
          <DatePicker
            allowClear={false}
            disabledDate={(d) => d.isBefore(communityNowWallClock(), 'day')}
            onChange={() => form.setFieldsValue({ bookingId: undefined })}
            data-testid="event-booking-date"
          />
        </Form.Item>
        <Form.Item
          name="bookingId"
          label="活动室预约"
          style={{ flex: 1, minWidth: 260 }}
          rules={[{ required: true, message: '请选择一条活动室预约' }]}
        >
          <Select
            placeholder={bookings.length ? '选择这一天的预约' : '这一天没有可用的预约'}
            loading={day.isLoading}
            options={bookings.map((b) => ({ value: b.id, label: bookingLabel(b) }))}
            onChange={pick}
            data-testid="event-booking-select"
          />
        </Form.Item>
      </Flex>
      <Typography.Paragraph type="secondary" style={{ marginTop: -8 }}>
        活动时间须在预约时段内；居民到场后扫活动室门上的二维码签到。还没有预约？
        <Button
          type="link"
          size="small"
          style={{ padding: 0 }}
          disabled={!rooms.data?.length}
          onClick={() => setBooking(true)}
          data-testid="event-book-room"
        >
          先预约活动室
        </Button>
      </Typography.Paragraph>
      {booking && rooms.data ? (
        <StaffBookingDialog mode="single" rooms={rooms.data} defaultDate={date} onClose={() => setBooking(false)} />
      ) : null}
    </>
  );
}

function NewEventDialog({ onClose }: { onClose(): void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<EventFormValues>();
  const create = useCreateEvent();
  const groups = useGroups('approved');
  const groupOptions = (groups.data?.pages.flatMap((page) => page.items) ?? []).map((group) => ({
    value: group.id,
    label: group.name,
  }));
  const groupId = Form.useWatch('groupId', form);
  const where = Form.useWatch('where', form);

  const submit = async () => {
    const values = await form.validateFields();
    const body: CreateEventRequest = {
      title: values.title.trim(),
      startAt: fromCommunityWallClock(values.range[0]),
      endAt: fromCommunityWallClock(values.range[1]),
      ...(values.where === 'room' ? { bookingId: values.bookingId } : { place: (values.place ?? '').trim() }),
      capacity: values.capacity,
      membersOnly: Boolean(values.groupId) && values.membersOnly,
      ...(values.groupId ? { groupId: values.groupId } : {}),
      ...(values.kind ? { kind: values.kind } : {}),
    };
    try {
      const event = await create.mutateAsync(body);
      message.success(`已发布活动：${event.title}`);
      onClose();
    } catch {
      // Shown below the form.
    }
  };

  return (
    <Modal
      open
      title="新建社区活动"
      okText="发布"
      cancelText="取消"
      okButtonProps={{ loading: create.isPending, 'data-testid': 'event-create-submit' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
      width={560}
    >
      <Form
        form={form}
        layout="vertical"
        initialValues={{ capacity: 30, membersOnly: false, where: 'place', bookingDate: communityNowWallClock() }}
        data-testid="event-form"
      >
        <Form.Item
          name="title"
          label="活动名称"
          rules={[{ required: true, whitespace: true, message: '请填写活动名称' }]}
        >
          <Input maxLength={EVENT_TITLE_MAX} placeholder="如：冬至包饺子联欢" data-testid="event-title" />
        </Form.Item>
        <Form.Item name="range" label="时间（北京时间）" rules={[{ required: true, message: '请选择开始和结束时间' }]}>
          <DatePicker.RangePicker
            showTime={{ format: 'HH:mm', minuteStep: 15 }}
            format="YYYY-MM-DD HH:mm"
            disabledDate={(day) => day.isBefore(communityNowWallClock(), 'day')}
            data-testid="event-range"
          />
        </Form.Item>
        <Form.Item name="where" label="在哪里办">
          <Radio.Group
            optionType="button"
            options={[
              { value: 'room', label: '活动中心活动室（用一条预约）' },
              { value: 'place', label: '其他地点' },
            ]}
            data-testid="event-where"
          />
        </Form.Item>
        {where === 'room' ? (
          <BookingFields form={form} />
        ) : (
          <Form.Item name="place" label="地点" rules={[{ required: true, whitespace: true, message: '请填写地点' }]}>
            <Input maxLength={EVENT_PLACE_MAX} placeholder="如：社区广场、小区花园" data-testid="event-place" />
          </Form.Item>
        )}
        <Flex gap={16}>
          <Form.Item name="capacity" label="名额" rules={[{ required: true, message: '请填写名额' }]}>
            <InputNumber min={1} max={EVENT_CAPACITY_MAX} precision={0} data-testid="event-capacity" />
          </Form.Item>
          <Form.Item name="kind" label="类别" style={{ flex: 1 }}>
            <Select
              allowClear
              placeholder="默认同小组，或「其他」"
              options={groupKinds.map((kind) => ({ value: kind, label: groupKindLabels[kind] }))}
            />
          </Form.Item>
        </Flex>
        <Form.Item name="groupId" label="主办小组（可不选）">
          <Select allowClear placeholder="社区主办" options={groupOptions} loading={groups.isLoading} />
        </Form.Item>
        <Form.Item name="membersOnly" valuePropName="checked">
          <Checkbox disabled={!groupId}>仅限该小组成员报名</Checkbox>
        </Form.Item>
      </Form>
      {create.error ? (
        <Alert
          type="error"
          showIcon
          title={`发布失败：${(create.error as ApiRequestError).message}`}
          data-testid="event-create-error"
        />
      ) : null}
    </Modal>
  );
}

function CancelEventDialog({ event, onClose }: { event: EventView; onClose(): void }) {
  const { message } = App.useApp();
  const cancel = useCancelEvent(event.id);
  const [reason, setReason] = useState('');
  const [touched, setTouched] = useState(false);
  const missing = !reason.trim();
  const submit = async () => {
    setTouched(true);
    if (missing) return;
    try {
      await cancel.mutateAsync(reason.trim());
      message.success(`已取消活动：${event.title}`);
      onClose();
    } catch {
      // Shown in the dialog (e.g. it has started meanwhile).
    }
  };
  return (
    <Modal
      open
      title="取消活动"
      okText="取消活动"
      cancelText="返回"
      okButtonProps={{ danger: true, loading: cancel.isPending, 'data-testid': 'event-cancel-confirm' }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph>
        <Typography.Text strong>{event.title}</Typography.Text> · {bookingTimeText(event)} · {event.place}
      </Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {`已报名 ${event.signedUp} 人、候补 ${event.waitlisted} 人会在消息里收到取消通知和原因。取消后不能恢复。`}
      </Typography.Paragraph>
      <Input.TextArea
        data-testid="event-cancel-reason"
        aria-label="取消原因"
        placeholder="原因（必填），例如：天气原因，改期另行通知"
        value={reason}
        maxLength={EVENT_CANCEL_REASON_MAX}
        showCount
        autoSize={{ minRows: 2, maxRows: 5 }}
        status={touched && missing ? 'error' : undefined}
        onChange={(change) => setReason(change.target.value)}
      />
      {touched && missing ? <Typography.Text type="danger">请填写原因</Typography.Text> : null}
      {cancel.error ? (
        <Alert
          style={{ marginTop: 12 }}
          type="error"
          showIcon
          title={`取消失败：${(cancel.error as ApiRequestError).message}`}
          data-testid="event-cancel-error"
        />
      ) : null}
    </Modal>
  );
}

/** After the event: the feedback mix, what residents wrote, and the thanks they sent one another. */
function EventOutcomeCard({ outcome }: { outcome: EventOutcome }) {
  const given = moods.reduce((sum, mood) => sum + outcome.feedback[mood], 0);
  return (
    <div data-testid="event-outcome">
      <Typography.Title level={5} style={{ marginTop: 16 }}>
        活动反馈
      </Typography.Title>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label="评价">
          <span data-testid="event-outcome-feedback">
            {given === 0
              ? '还没有评价'
              : moods.map((mood) => `${moodLabels[mood]} ${outcome.feedback[mood]}`).join(' · ')}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label="感谢">
          <span data-testid="event-outcome-thanks">{`${outcome.thanks} 次`}</span>
        </Descriptions.Item>
      </Descriptions>
      {outcome.words.length ? (
        <List
          size="small"
          data-testid="event-outcome-words"
          dataSource={outcome.words}
          renderItem={(item) => (
            <List.Item>
              <Typography.Text>{`${moodLabels[item.mood].slice(0, 2)} ${item.words}`}</Typography.Text>
            </List.Item>
          )}
        />
      ) : null}
    </div>
  );
}

function EventDrawer({ eventId, onClose }: { eventId: number; onClose(): void }) {
  const detail = useEventDetail(eventId);
  const [cancelling, setCancelling] = useState(false);
  const event = detail.data;
  const attendees = event?.attendees ?? [];
  const upcoming = event?.status === 'open' && new Date(event.startAt) > new Date();
  return (
    <Drawer
      open
      width={520}
      title={event?.title ?? '社区活动'}
      onClose={onClose}
      data-testid="event-drawer"
      extra={
        upcoming ? (
          <Button danger onClick={() => setCancelling(true)} data-testid="event-cancel-open">
            取消活动
          </Button>
        ) : null
      }
    >
      {detail.isError ? <Alert type="error" showIcon title={`加载失败：${detail.error.message}`} /> : null}
      {event ? (
        <>
          <Descriptions column={1} size="small" bordered>
            <Descriptions.Item label="时间">{bookingTimeText(event)}</Descriptions.Item>
            <Descriptions.Item label="地点">{event.place}</Descriptions.Item>
            <Descriptions.Item label="主办">{event.group?.name ?? '社区'}</Descriptions.Item>
            <Descriptions.Item label="组织者">{event.organiser.name ?? '未命名'}</Descriptions.Item>
            <Descriptions.Item label="报名">
              {`${event.signedUp} / ${event.capacity}，候补 ${event.waitlisted}，签到 ${attendees.filter((a) => a.checkedIn).length}`}
            </Descriptions.Item>
          </Descriptions>
          <Typography.Title level={5} style={{ marginTop: 16 }}>
            已报名
          </Typography.Title>
          <List
            size="small"
            dataSource={attendees}
            locale={{ emptyText: '还没有人报名' }}
            renderItem={(person) => (
              <List.Item>
                {person.name ?? '未命名'}
                {person.checkedIn ? <Tag color="green">已签到</Tag> : <Tag>未签到</Tag>}
              </List.Item>
            )}
          />
          {event.outcome ? <EventOutcomeCard outcome={event.outcome} /> : null}
          {cancelling ? <CancelEventDialog event={event} onClose={() => setCancelling(false)} /> : null}
        </>
      ) : null}
    </Drawer>
  );
}

/** 社区活动: what is on at the centre, who signed up and came; staff publish events here. */
export function CentreEventsPanel() {
  const today = communityToday();
  const [range, setRange] = useState<[string, string]>([addDays(today, -14), addDays(today, 60)]);
  const events = useEvents(range[0], range[1]);
  const [creating, setCreating] = useState(false);
  const [openId, setOpenId] = useState<number | null>(null);
  const rows = events.data ?? [];

  const columns: TableColumnsType<EventView> = [
    {
      title: '活动',
      key: 'title',
      render: (_, event) => (
        <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(event.id)}>
          {event.title}
        </Button>
      ),
    },
    { title: '时间', key: 'time', render: (_, event) => bookingTimeText(event) },
    { title: '地点', dataIndex: 'place', ellipsis: true },
    { title: '类别', key: 'kind', render: (_, event) => groupKindLabels[event.kind] },
    { title: '主办', key: 'group', render: (_, event) => event.group?.name ?? '社区' },
    {
      title: '报名 / 名额',
      key: 'places',
      align: 'right',
      render: (_, event) => (
        <span data-testid={`event-places-${event.id}`}>
          {`${event.signedUp} / ${event.capacity}`}
          {event.waitlisted ? `（候补 ${event.waitlisted}）` : ''}
        </span>
      ),
    },
    {
      title: '状态',
      key: 'status',
      render: (_, event) =>
        event.status === 'cancelled' ? (
          <Tag>已取消</Tag>
        ) : new Date(event.endAt) < new Date() ? (
          <Tag>已结束</Tag>
        ) : (
          <Tag color="green">报名中</Tag>
        ),
    },
  ];

  return (
    <>
      <Flex justify="space-between" align="center" style={{ marginBottom: 16 }} wrap gap={8}>
        <DatePicker.RangePicker
          allowClear={false}
          value={[dayjs(range[0]), dayjs(range[1])]}
          onChange={(value) => {
            if (value?.[0] && value[1]) setRange([value[0].format('YYYY-MM-DD'), value[1].format('YYYY-MM-DD')]);
          }}
          aria-label="活动日期范围"
        />
        <Button type="primary" onClick={() => setCreating(true)} data-testid="event-create-open">
          新建活动
        </Button>
      </Flex>
      {events.isError ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 16 }}
          title={`活动加载失败：${events.error.message}`}
          action={
            <Button size="small" onClick={() => void events.refetch()}>
              重试
            </Button>
          }
        />
      ) : null}
      <Table
        rowKey="id"
        size="middle"
        loading={events.isLoading}
        columns={columns}
        dataSource={rows}
        pagination={{ pageSize: 20, hideOnSinglePage: true }}
        data-testid="events-table"
        locale={{ emptyText: <Empty description="这段时间没有活动" /> }}
      />
      {creating ? <NewEventDialog onClose={() => setCreating(false)} /> : null}
      {openId !== null ? <EventDrawer eventId={openId} onClose={() => setOpenId(null)} /> : null}
    </>
  );
}
