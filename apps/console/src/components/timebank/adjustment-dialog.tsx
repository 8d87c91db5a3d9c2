import { ChoiceSegmented } from '../choice-segmented';
import { REASON_MAX, minutesToHours } from '@linli/shared-types';
import { Alert, App, Descriptions, Form, Input, InputNumber, Modal, Select, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useAdjustBalance, useVerifiedResidentSearch } from '../../hooks/useTimebank';
import { formatHousehold, formatPhone } from '../../lib/format';
import { validFields } from '../../lib/form';
import type { ApiRequestError } from '../../services/http';

/** Same bound as the server's AdjustmentDto. */
const MAX_MINUTES = 100_000;

type Direction = 'add' | 'deduct';

interface AdjustmentForm {
  userId: number;
  direction: Direction;
  minutes: number;
  reason: string;
}

export interface AdjustmentTarget {
  userId: number;
  name: string;
}

/** Admins add or take back credits with a reason; mounted when opened, so each opening starts empty. */
export function AdjustmentDialog({ target, onClose }: { target?: AdjustmentTarget; onClose: () => void }) {
  const { modal, message } = App.useApp();
  const [form] = Form.useForm<AdjustmentForm>();
  const adjust = useAdjustBalance();
  const [searchText, setSearchText] = useState('');
  const [q, setQ] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const residents = useVerifiedResidentSearch(q, target === undefined);
  const direction = Form.useWatch('direction', form) ?? 'add';
  const minutes = Form.useWatch('minutes', form);

  useEffect(() => {
    const timer = window.setTimeout(() => setQ(searchText.trim()), 300);
    return () => window.clearTimeout(timer);
  }, [searchText]);

  const options = target
    ? [{ value: target.userId, label: target.name }]
    : (residents.data ?? []).map((resident) => ({
        value: resident.id,
        label: `${resident.name ?? '未填写姓名'}\u3000${formatHousehold(resident) ?? ''}\u3000${formatPhone(resident.phone)}`,
        name: resident.name ?? `居民 #${resident.id}`,
      }));

  const nameOf = (userId: number) =>
    target?.userId === userId ? target.name : (residents.data?.find((r) => r.id === userId)?.name ?? `居民 #${userId}`);

  const submit = async () => {
    const values = await validFields(form);
    if (!values) return;
    const signed = values.direction === 'add' ? values.minutes : -values.minutes;
    const name = nameOf(values.userId);
    const reason = values.reason.trim();
    modal.confirm({
      title: '确认调整时间余额？',
      width: 480,
      content: (
        <Descriptions
          column={1}
          size="small"
          style={{ marginTop: 12 }}
          data-testid="adjustment-summary"
          items={[
            { key: 'who', label: '居民', children: name },
            {
              key: 'what',
              label: '调整',
              children: `${values.direction === 'add' ? '增加' : '扣减'} ${minutesToHours(values.minutes)}（${values.minutes} 分钟）`,
            },
            {
              key: 'flow',
              label: '记账',
              children: values.direction === 'add' ? '由社区账户发放给居民' : '从居民账户扣回到社区账户',
            },
            { key: 'reason', label: '原因', children: reason },
          ]}
        />
      ),
      okText: '确认调整',
      cancelText: '再想想',
      okButtonProps: { 'data-testid': 'adjustment-confirm' },
      onOk: async () => {
        setFailure(null);
        try {
          await adjust.mutateAsync({ userId: values.userId, minutes: signed, reason });
          message.success(
            `已为${name}${values.direction === 'add' ? '增加' : '扣减'} ${minutesToHours(values.minutes)}`,
          );
          onClose();
        } catch (error) {
          setFailure((error as ApiRequestError).message);
        }
      },
    });
  };

  return (
    <Modal
      open
      title="调整时间余额"
      width={560}
      okText="下一步"
      cancelText="取消"
      okButtonProps={{ loading: adjust.isPending, 'data-testid': 'adjustment-submit' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="adjustment-dialog">
        <Typography.Paragraph type="secondary">
          调整用于补记或扣回无法通过冲正更正的时间，仅街道管理员可操作，会记入流水和审计日志。
        </Typography.Paragraph>
        <Form<AdjustmentForm>
          form={form}
          layout="vertical"
          initialValues={{ userId: target?.userId, direction: 'add' }}
        >
          <Form.Item name="userId" label="居民" rules={[{ required: true, message: '请选择居民' }]}>
            <Select
              showSearch={target === undefined ? { filterOption: false, onSearch: setSearchText } : false}
              disabled={target !== undefined}
              placeholder="输入姓名、手机号或房号搜索已认证居民"
              options={options}
              notFoundContent={residents.isFetching ? <Spin size="small" /> : '没有找到已认证的居民'}
              data-testid="adjustment-resident"
            />
          </Form.Item>
          <Form.Item name="direction" label="方向">
            <ChoiceSegmented<Direction>
              label="增加或扣减"
              options={[
                { value: 'add', label: '增加' },
                { value: 'deduct', label: '扣减' },
              ]}
              data-testid="adjustment-direction"
            />
          </Form.Item>
          <Form.Item
            name="minutes"
            label="分钟数"
            rules={[{ required: true, message: '请填写分钟数' }]}
            extra={
              typeof minutes === 'number' && minutes > 0
                ? `${direction === 'add' ? '增加' : '扣减'} ${minutesToHours(minutes)}`
                : '以分钟为单位，60 分钟 = 1 小时'
            }
          >
            <InputNumber<number>
              min={1}
              max={MAX_MINUTES}
              precision={0}
              step={15}
              style={{ width: 200 }}
              suffix="分钟"
              data-testid="adjustment-minutes"
            />
          </Form.Item>
          <Form.Item
            name="reason"
            label="原因"
            rules={[
              { required: true, whitespace: true, message: '请填写调整原因' },
              { max: REASON_MAX, message: `原因最多 ${REASON_MAX} 个字` },
            ]}
          >
            <Input.TextArea
              rows={3}
              maxLength={REASON_MAX}
              showCount
              placeholder="例如：补记 11 月助老服务 2 小时"
              data-testid="adjustment-reason"
            />
          </Form.Item>
        </Form>
        {direction === 'deduct' && (
          <Alert
            type="info"
            showIcon
            title="扣减不能超过居民当前余额，否则会被拒绝（余额不足）。"
            style={{ marginBottom: 12 }}
          />
        )}
        {failure && <Alert type="error" showIcon title={`调整失败：${failure}`} data-testid="adjustment-error" />}
      </div>
    </Modal>
  );
}
