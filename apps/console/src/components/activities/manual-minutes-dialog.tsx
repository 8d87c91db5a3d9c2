import {
  MANUAL_REASON_MAX,
  SERVICE_ROUNDING_MINUTES,
  type ActivityView,
  type AttendanceRow,
} from '@linli/shared-types';
import { App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useManualMinutes } from '../../hooks/useActivities';
import { validFields } from '../../lib/form';
import { hoursWithMinutes } from '../../lib/timebank-format';
import type { ApiRequestError } from '../../services/http';

interface ManualMinutesValues {
  minutes: number | null;
  reason: string;
}

/** Minutes for a volunteer whose check-out is missing (or wrong): whole quarter hours up to the activity's length, with a reason. */
export function ManualMinutesDialog({
  activity,
  row,
  onClose,
}: {
  activity: ActivityView;
  row: AttendanceRow | null;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<ManualMinutesValues>();
  const manual = useManualMinutes(activity.id);
  const maxMinutes = Math.floor((new Date(activity.endAt).getTime() - new Date(activity.startAt).getTime()) / 60_000);

  const submit = async () => {
    if (!row) return;
    const values = await validFields(form);
    if (!values || values.minutes === null) return;
    try {
      await manual.mutateAsync({ userId: row.userId, minutes: values.minutes, reason: values.reason.trim() });
      message.success(`已补录 ${row.name ?? '志愿者'} ${hoursWithMinutes(values.minutes)}`);
      onClose();
    } catch (error) {
      message.error(`补录失败：${(error as ApiRequestError).message}`);
    }
  };

  return (
    <Modal
      open={row !== null}
      title={`补录服务时长：${row?.name ?? `志愿者 #${row?.userId ?? ''}`}`}
      okText="保存"
      cancelText="取消"
      okButtonProps={{ loading: manual.isPending, 'data-testid': 'manual-minutes-confirm' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">
        用于漏签退等情况。补录的时长将代替按签到签退计算的时长，并记入审计日志。
      </Typography.Paragraph>
      <Form<ManualMinutesValues>
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{ minutes: row?.manualMinutes ?? null, reason: row?.manualReason ?? '' }}
      >
        <Form.Item
          name="minutes"
          label="服务时长"
          extra={`按 ${SERVICE_ROUNDING_MINUTES} 分钟的整数倍填写，最多 ${maxMinutes} 分钟（活动时长）。`}
          rules={[
            { required: true, message: '请填写分钟数' },
            {
              validator: async (_, value: number | null) => {
                if (value === null || value === undefined) return;
                if (
                  !Number.isInteger(value) ||
                  value < 0 ||
                  value > maxMinutes ||
                  value % SERVICE_ROUNDING_MINUTES !== 0
                ) {
                  throw new Error(`须为 0–${maxMinutes} 之间、${SERVICE_ROUNDING_MINUTES} 的整数倍`);
                }
              },
            },
          ]}
        >
          <InputNumber<number>
            min={0}
            max={maxMinutes}
            step={SERVICE_ROUNDING_MINUTES}
            precision={0}
            style={{ width: 200 }}
            suffix="分钟"
            data-testid="manual-minutes"
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { max: MANUAL_REASON_MAX, message: `不能超过 ${MANUAL_REASON_MAX} 个字` },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={MANUAL_REASON_MAX}
            showCount
            placeholder="例如：手机没电未能签退，现场负责人确认服务到结束"
            data-testid="manual-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
