import {
  HELP_LIMITS,
  helpRequestKindLabels,
  helpRequestKinds,
  hoursText,
  REQUEST_EXTENSION_DAYS_MAX,
  REQUEST_NOTE_MAX,
  REQUEST_PHOTOS_MAX,
  REQUEST_REASON_MAX,
  REQUEST_REFER_TO_MAX,
  UPLOAD_MAX_BYTES,
  type HelpRequestKind,
  type RequestDetail,
  type RequestAssignee,
  type RequestStatus,
  type UserView,
} from '@linli/shared-types';
import {
  App,
  Button,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Space,
  Typography,
  Upload,
  type UploadFile,
} from 'antd';
import { useState } from 'react';
import { useRequestAction, type RequestActionInput } from '../../hooks/useRequests';
import { dayjs, fromCommunityWallClock } from '../../lib/dayjs';
import type { ApiRequestError } from '../../services/http';

type ActionKey =
  'accept' | 'progress' | 'resolve' | 'refer' | 'extend' | 'help-task' | 'unreasonable' | 'confirm-unreasonable';

const actionTitles: Record<ActionKey, string> = {
  accept: '受理',
  progress: '添加进展',
  resolve: '办结',
  refer: '转办',
  extend: '延期',
  'help-task': '派给志愿者',
  unreasonable: '标记不合理',
  'confirm-unreasonable': '确认不合理诉求',
};

/** Which actions the request's status allows (the server's transitions; it refuses the rest with 409). */
const allowed: Record<Exclude<ActionKey, 'confirm-unreasonable'>, readonly RequestStatus[]> = {
  accept: ['submitted'],
  progress: ['accepted', 'in_progress'],
  resolve: ['accepted', 'in_progress'],
  refer: ['submitted', 'accepted', 'in_progress'],
  extend: ['accepted', 'in_progress'],
  'help-task': ['accepted', 'in_progress'],
  unreasonable: ['submitted', 'accepted', 'in_progress'],
};

/** The help task's kind most likely for a category (the server's default when none is chosen). */
const defaultHelpKind = (request: RequestDetail): HelpRequestKind =>
  request.category === 'repair' ? 'repair' : request.category === 'care' ? 'company' : 'other';

function availableActions(request: RequestDetail, user: UserView): ActionKey[] {
  const keys = (Object.keys(allowed) as Array<keyof typeof allowed>).filter((key) =>
    allowed[key].includes(request.status),
  );
  const result: ActionKey[] = keys.filter((key) => {
    if (key === 'extend') return request.extensionDays === null;
    if (key === 'help-task') return request.helpRequestId === null && request.unreasonable === null;
    if (key === 'unreasonable') return request.unreasonable === null;
    return true;
  });
  if (user.role === 'admin' && request.unreasonable?.state === 'marked') result.push('confirm-unreasonable');
  return result;
}

interface ActionFormValues {
  assigneeId?: number;
  note?: string;
  resolution?: string;
  to?: string;
  reason?: string;
  days?: number;
  rewardMinutes?: number;
  minutes?: number;
  startAt?: dayjs.Dayjs;
  kind?: HelpRequestKind;
}

/** The bar of actions on a request page; each opens a dialog that states what will happen and asks to confirm. */
export function RequestActions({
  request,
  user,
  assignees,
}: {
  request: RequestDetail;
  user: UserView;
  /** Active staff of the request's community (GET requests/assignees). */
  assignees: { people: RequestAssignee[]; loading: boolean; failed: boolean };
}) {
  const { message } = App.useApp();
  const mutation = useRequestAction(request.id);
  const [open, setOpen] = useState<ActionKey | null>(null);
  const [files, setFiles] = useState<UploadFile[]>([]);
  const [form] = Form.useForm<ActionFormValues>();
  const actions = availableActions(request, user);

  // The caller first (the default), then the others of the community by name.
  const candidates = [
    ...(user.role === 'staff' ? [{ id: user.id, name: `${user.name ?? user.username ?? '我'}（我）` }] : []),
    ...assignees.people.filter((person) => person.id !== user.id && person.communityId === request.communityId),
  ];

  const start = (key: ActionKey) => {
    form.resetFields();
    setFiles([]);
    if (key === 'accept' && candidates.length) form.setFieldsValue({ assigneeId: candidates[0].id });
    if (key === 'help-task')
      form.setFieldsValue({
        rewardMinutes: 60,
        minutes: 60,
        kind: defaultHelpKind(request),
        startAt: dayjs().add(1, 'day').hour(9).minute(0).second(0),
      });
    setOpen(key);
  };

  const submit = async () => {
    // A second click while the first is on its way does nothing (the button also shows it is busy).
    if (!open || mutation.isPending) return;
    const values = await form.validateFields();
    let input: RequestActionInput;
    switch (open) {
      case 'accept':
        input = { action: 'accept', body: values.assigneeId ? { assigneeId: values.assigneeId } : {} };
        break;
      case 'progress':
        input = {
          action: 'progress',
          note: values.note!.trim(),
          photos: files.map((file) => file.originFileObj).filter((file): file is NonNullable<typeof file> => !!file),
        };
        break;
      case 'resolve':
        input = { action: 'resolve', resolution: values.resolution!.trim() };
        break;
      case 'refer':
        input = { action: 'refer', to: values.to!.trim(), reason: values.reason!.trim() };
        break;
      case 'extend':
        input = { action: 'extend', body: { days: values.days!, reason: values.reason!.trim() } };
        break;
      case 'help-task':
        input = {
          action: 'help-task',
          body: {
            rewardMinutes: values.rewardMinutes!,
            minutes: values.minutes!,
            kind: values.kind!,
            startAt: fromCommunityWallClock(values.startAt!),
          },
        };
        break;
      case 'unreasonable':
        input = { action: 'unreasonable', reason: values.reason!.trim() };
        break;
      case 'confirm-unreasonable':
        input = { action: 'confirm-unreasonable' };
        break;
    }
    try {
      await mutation.mutateAsync(input);
      void message.success(`已${actionTitles[open]}`);
      setOpen(null);
    } catch (error) {
      void message.error(`${actionTitles[open]}失败：${(error as ApiRequestError).message}`);
    }
  };

  if (actions.length === 0) return null;

  const text = (name: keyof ActionFormValues, label: string, max: number, placeholder: string) => (
    <Form.Item
      name={name}
      label={label}
      rules={[
        { required: true, whitespace: true, message: `请填写${label}` },
        { max, message: `最多 ${max} 字` },
      ]}
    >
      <Input.TextArea
        rows={4}
        maxLength={max}
        showCount
        placeholder={placeholder}
        data-testid={`request-${name}-input`}
      />
    </Form.Item>
  );

  return (
    <>
      <Space wrap data-testid="request-actions">
        {actions.map((key) => (
          <Button
            key={key}
            type={key === 'accept' || key === 'resolve' ? 'primary' : 'default'}
            danger={key === 'unreasonable' || key === 'confirm-unreasonable'}
            onClick={() => start(key)}
            data-testid={`request-action-${key}`}
          >
            {actionTitles[key]}
          </Button>
        ))}
      </Space>
      <Modal
        open={open !== null}
        title={open ? `${actionTitles[open]}：${request.title}` : ''}
        okText={open ? `确认${actionTitles[open]}` : '确认'}
        cancelText="取消"
        onOk={() => void submit()}
        onCancel={() => !mutation.isPending && setOpen(null)}
        confirmLoading={mutation.isPending}
        okButtonProps={{
          danger: open === 'unreasonable' || open === 'confirm-unreasonable',
          'data-testid': 'request-action-confirm',
        }}
        closable={!mutation.isPending}
        maskClosable={false}
        destroyOnHidden
      >
        <Form form={form} layout="vertical" disabled={mutation.isPending} preserve={false}>
          {open === 'accept' ? (
            <>
              <Typography.Paragraph type="secondary">
                受理后诉求进入处置，居民会收到消息；承办人负责在办结时限内处理。
              </Typography.Paragraph>
              <Form.Item
                name="assigneeId"
                label="承办人"
                rules={user.role === 'admin' ? [{ required: true, message: '请选择本社区的工作人员' }] : []}
              >
                <Select
                  placeholder={assignees.loading ? '正在加载本社区工作人员…' : '选择承办人'}
                  loading={assignees.loading}
                  showSearch={{ optionFilterProp: 'label' }}
                  notFoundContent={assignees.failed ? '工作人员列表加载失败，请稍后重试' : '本社区没有在岗的工作人员'}
                  options={candidates.map((person) => ({
                    value: person.id,
                    label: person.name ?? `工作人员 #${person.id}`,
                  }))}
                  data-testid="request-assignee-select"
                />
              </Form.Item>
              {assignees.failed ? (
                <Typography.Text type="warning">
                  {user.role === 'staff'
                    ? '工作人员列表加载失败：可先由您本人受理，稍后再指派。'
                    : '工作人员列表加载失败，请刷新页面后重试。'}
                </Typography.Text>
              ) : null}
            </>
          ) : null}
          {open === 'progress' ? (
            <>
              {text('note', '进展说明', REQUEST_NOTE_MAX, '如：已联系物业，明天上午更换灯泡')}
              <Form.Item label={`照片（可选，最多 ${REQUEST_PHOTOS_MAX} 张，每张不超过 5 MB）`}>
                <Upload
                  listType="picture-card"
                  accept="image/jpeg,image/png,image/webp"
                  multiple
                  fileList={files}
                  maxCount={REQUEST_PHOTOS_MAX}
                  beforeUpload={(file) => {
                    if (file.size > UPLOAD_MAX_BYTES) {
                      void message.error(`${file.name} 超过 5 MB`);
                      return Upload.LIST_IGNORE;
                    }
                    return false;
                  }}
                  onChange={({ fileList }) => setFiles(fileList.slice(0, REQUEST_PHOTOS_MAX))}
                >
                  {files.length < REQUEST_PHOTOS_MAX ? '+ 添加照片' : null}
                </Upload>
              </Form.Item>
              <Typography.Text type="secondary">进展和照片居民都能看到。</Typography.Text>
            </>
          ) : null}
          {open === 'resolve' ? (
            <>
              <Typography.Paragraph type="secondary">
                办结后居民会收到消息并回访评价；居民 7 天内可申请重办一次。
              </Typography.Paragraph>
              {text('resolution', '办理结果', REQUEST_NOTE_MAX, '如：已更换 3 栋 2 单元楼道灯，经现场确认恢复照明')}
            </>
          ) : null}
          {open === 'refer' ? (
            <>
              <Typography.Paragraph type="secondary">
                不属于社区职责的诉求转给相关部门，诉求随即关闭，居民会看到转办去向和原因。
              </Typography.Paragraph>
              <Form.Item
                name="to"
                label="转给"
                rules={[
                  { required: true, whitespace: true, message: '请填写转办去向' },
                  { max: REQUEST_REFER_TO_MAX, message: `最多 ${REQUEST_REFER_TO_MAX} 字` },
                ]}
              >
                <Input
                  maxLength={REQUEST_REFER_TO_MAX}
                  placeholder="如：区住建局、供电公司"
                  data-testid="request-to-input"
                />
              </Form.Item>
              {text('reason', '转办原因', REQUEST_REASON_MAX, '如：涉及市政道路，不属社区管辖')}
            </>
          ) : null}
          {open === 'extend' ? (
            <>
              <Typography.Paragraph type="secondary">{`每个诉求只能延期一次，最多 ${REQUEST_EXTENSION_DAYS_MAX} 天。`}</Typography.Paragraph>
              <Form.Item name="days" label="延期天数" rules={[{ required: true, message: '请填写延期天数' }]}>
                <InputNumber
                  min={1}
                  max={REQUEST_EXTENSION_DAYS_MAX}
                  precision={0}
                  addonAfter="天"
                  data-testid="request-days-input"
                />
              </Form.Item>
              {text('reason', '延期原因', REQUEST_REASON_MAX, '如：需等待配件到货')}
            </>
          ) : null}
          {open === 'help-task' ? (
            <>
              <Typography.Paragraph type="secondary">
                为这位居民在邻里互助中发布一条任务，报酬由社区时间池支付（发布时冻结）；志愿者接单、上门服务并经居民确认后，时长计入志愿者账户。每个诉求只能派一次。
              </Typography.Paragraph>
              <Form.Item name="kind" label="互助类型" rules={[{ required: true, message: '请选择互助类型' }]}>
                <Select
                  options={helpRequestKinds.map((kind) => ({ value: kind, label: helpRequestKindLabels[kind] }))}
                  data-testid="request-kind-select"
                />
              </Form.Item>
              <Form.Item name="startAt" label="开始时间" rules={[{ required: true, message: '请选择开始时间' }]}>
                <DatePicker
                  showTime={{ format: 'HH:mm', minuteStep: 5 }}
                  format="YYYY-MM-DD HH:mm"
                  allowClear={false}
                  disabledDate={(day) => day.isBefore(dayjs().startOf('day'))}
                  data-testid="request-start-input"
                />
              </Form.Item>
              <Form.Item
                name="minutes"
                label="预计时长"
                rules={[{ required: true, message: '请填写预计时长' }]}
                extra={`${HELP_LIMITS.minutesMin}–${HELP_LIMITS.minutesMax} 分钟`}
              >
                <InputNumber
                  min={HELP_LIMITS.minutesMin}
                  max={HELP_LIMITS.minutesMax}
                  precision={0}
                  step={15}
                  addonAfter="分钟"
                  data-testid="request-minutes-input"
                />
              </Form.Item>
              <Form.Item noStyle shouldUpdate={(a, b) => a.rewardMinutes !== b.rewardMinutes}>
                {({ getFieldValue }) => {
                  const reward = getFieldValue('rewardMinutes') as number | undefined;
                  return (
                    <Form.Item
                      name="rewardMinutes"
                      label="报酬（社区时间池支付）"
                      rules={[{ required: true, message: '请填写报酬' }]}
                      extra={reward ? `合 ${hoursText(reward)} 小时` : null}
                    >
                      <InputNumber
                        min={HELP_LIMITS.rewardMin}
                        max={HELP_LIMITS.rewardMax}
                        precision={0}
                        step={15}
                        addonAfter="分钟"
                        data-testid="request-reward-input"
                      />
                    </Form.Item>
                  );
                }}
              </Form.Item>
            </>
          ) : null}
          {open === 'unreasonable' ? (
            <>
              <Typography.Paragraph type="secondary">
                标记后需街道管理员确认；确认后诉求关闭，且不计入三率。
              </Typography.Paragraph>
              {text('reason', '理由', REQUEST_REASON_MAX, '如：诉求违反法律法规或公序良俗')}
            </>
          ) : null}
          {open === 'confirm-unreasonable' ? (
            <Typography.Paragraph>
              {`工作人员标记的理由：${request.unreasonable?.reason ?? ''}。确认后诉求关闭，不再计入三率，此操作不可撤销。`}
            </Typography.Paragraph>
          ) : null}
        </Form>
      </Modal>
    </>
  );
}
