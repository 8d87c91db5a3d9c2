import { REASON_MAX, ledgerKindLabels, minutesToHours, type StatementItem } from '@linli/shared-types';
import { Alert, App, Descriptions, Form, Input, Modal, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useReverseTransaction, type CommunityAccountKind } from '../../hooks/useTimebank';
import { formatDateTime } from '../../lib/format';
import { ledgerKindColors, signedHours } from '../../lib/timebank-format';
import { validFields } from '../../lib/form';
import type { ApiRequestError } from '../../services/http';

export interface StatementAccount {
  kind: 'resident' | CommunityAccountKind;
  name: string;
  /** Minutes, when known (from the accounts list). */
  balance?: number;
}

/**
 * Confirms a reversal: says which way the minutes will move back, warns when the account cannot cover
 * it, and requires a reason (it goes to the ledger memo and the audit log).
 */
/** Mounted per transaction (keyed by its id), so each opens with an empty reason. */
export function ReverseDialog({
  item,
  account,
  onClose,
}: {
  item: StatementItem;
  account: StatementAccount;
  onClose: () => void;
}) {
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const reverse = useReverseTransaction();
  const [failure, setFailure] = useState<string | null>(null);

  const minutes = Math.abs(item.amount);
  // This account received the minutes → they are taken back from it; it paid → they are returned to it.
  const payer = item.amount > 0 ? account.name : item.counterparty.name;
  const payee = item.amount > 0 ? item.counterparty.name : account.name;
  const cannotCover =
    item.amount > 0 && account.kind === 'resident' && account.balance !== undefined && account.balance < minutes;

  const submit = async () => {
    const values = await validFields(form);
    if (!values) return;
    const reason = values.reason;
    setFailure(null);
    try {
      await reverse.mutateAsync({ transactionId: item.id, reason: reason.trim() });
      message.success(`已冲正交易 #${item.id}`);
      onClose();
    } catch (error) {
      setFailure((error as ApiRequestError).message);
    }
  };

  return (
    <Modal
      open
      title={`冲正交易 #${item.id}`}
      width={560}
      okText="确认冲正"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: reverse.isPending, 'data-testid': 'reverse-confirm' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="reverse-dialog">
        <Descriptions
          column={1}
          size="small"
          style={{ marginBottom: 12 }}
          items={[
            {
              key: 'kind',
              label: '类型',
              children: <Tag color={ledgerKindColors[item.kind]}>{ledgerKindLabels[item.kind]}</Tag>,
            },
            { key: 'amount', label: `${account.name}`, children: signedHours(item.amount) },
            { key: 'counterparty', label: '对方', children: item.counterparty.name },
            { key: 'memo', label: '备注', children: item.memo || '—' },
            { key: 'time', label: '时间', children: formatDateTime(item.createdAt) },
          ]}
        />
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="reverse-effect"
          title={
            <span>
              将从「{payer}」扣回 <Typography.Text strong>{minutesToHours(minutes)}</Typography.Text>（{minutes}{' '}
              分钟），退回「{payee}」。
            </span>
          }
          description="冲正会新增一笔反向交易，原交易保留不变；每笔交易只能冲正一次，冲正后不能撤销。"
        />
        {cannotCover && (
          <Alert
            type="error"
            showIcon
            style={{ marginBottom: 12 }}
            title={`${account.name}当前余额 ${minutesToHours(account.balance!)}，不够扣回，冲正会被拒绝（余额不足）。`}
          />
        )}
        <Form form={form} layout="vertical" requiredMark>
          <Form.Item
            name="reason"
            label="冲正原因"
            rules={[
              { required: true, whitespace: true, message: '请填写冲正原因' },
              { max: REASON_MAX, message: `原因最多 ${REASON_MAX} 个字` },
            ]}
            extra="原因会写入流水备注和审计日志，居民也能看到。"
          >
            <Input.TextArea
              rows={3}
              maxLength={REASON_MAX}
              showCount
              placeholder="例如：重复记录、服务时长登记有误"
              data-testid="reverse-reason"
            />
          </Form.Item>
        </Form>
        {failure && <Alert type="error" showIcon title={`冲正失败：${failure}`} data-testid="reverse-error" />}
      </div>
    </Modal>
  );
}
