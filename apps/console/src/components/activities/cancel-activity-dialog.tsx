import { MANUAL_REASON_MAX, type ActivityView } from '@linli/shared-types';
import { Alert, App, Form, Input, Modal } from 'antd';
import { useCancelActivity } from '../../hooks/useActivities';
import { validFields } from '../../lib/form';
import type { ApiRequestError } from '../../services/http';

/** 取消活动 with a reason; the volunteers signed up are notified with it. */
export function CancelActivityDialog({ activity, onClose }: { activity: ActivityView | null; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const cancel = useCancelActivity();

  const submit = async () => {
    if (!activity) return;
    const values = await validFields(form);
    if (!values) return;
    try {
      await cancel.mutateAsync({ activityId: activity.id, reason: values.reason.trim() });
      message.success(`已取消：${activity.title}`);
      onClose();
    } catch (error) {
      message.error(`取消失败：${(error as ApiRequestError).message}`);
    }
  };

  return (
    <Modal
      open={activity !== null}
      title={`取消活动「${activity?.title ?? ''}」`}
      okText="确认取消活动"
      cancelText="返回"
      okButtonProps={{ danger: true, loading: cancel.isPending, 'data-testid': 'activity-cancel-confirm' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      {activity && activity.signedUp > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={`已有 ${activity.signedUp} 位志愿者报名，他们会收到取消通知和下面的原因。`}
        />
      )}
      <Form form={form} layout="vertical" preserve={false}>
        <Form.Item
          name="reason"
          label="取消原因"
          rules={[
            { required: true, whitespace: true, message: '请填写取消原因' },
            { max: MANUAL_REASON_MAX, message: `不能超过 ${MANUAL_REASON_MAX} 个字` },
          ]}
        >
          <Input.TextArea
            rows={3}
            maxLength={MANUAL_REASON_MAX}
            showCount
            placeholder="例如：天气原因，改期另行通知"
            data-testid="activity-cancel-reason"
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
