import { minutesToHours, type RewardView } from '@linli/shared-types';
import { Alert, App, Form, Input, InputNumber, Modal, Switch } from 'antd';
import { useState } from 'react';
import { useSaveReward } from '../../hooks/useRewards';
import { validFields } from '../../lib/form';
import type { ApiRequestError } from '../../services/http';

/** Bounds of the server's CreateRewardDto. */
const NAME_MAX = 50;
const DESCRIPTION_MAX = 500;
const PRICE_MAX = 100_000;
const STOCK_MAX = 100_000;

interface RewardForm {
  name: string;
  description: string;
  priceMinutes: number;
  stock: number;
  active: boolean;
}

/** Creates a reward, or edits one (only the changed fields are sent, so the audit log says what changed). */
export function RewardFormDialog({ reward, onClose }: { reward?: RewardView; onClose: () => void }) {
  const { message } = App.useApp();
  const [form] = Form.useForm<RewardForm>();
  const save = useSaveReward();
  const [failure, setFailure] = useState<string | null>(null);
  const price = Form.useWatch('priceMinutes', form);

  const submit = async () => {
    const values = await validFields(form);
    if (!values) return;
    const input = { ...values, name: values.name.trim(), description: (values.description ?? '').trim() };
    setFailure(null);
    try {
      if (reward) {
        const change = Object.fromEntries(
          (Object.keys(input) as Array<keyof RewardForm>)
            .filter((key) => input[key] !== reward[key])
            .map((key) => [key, input[key]]),
        ) as Partial<RewardForm>;
        if (Object.keys(change).length === 0) {
          onClose();
          return;
        }
        await save.mutateAsync({ rewardId: reward.id, change });
        message.success(`已保存：${input.name}`);
      } else {
        const { active: _active, ...fields } = input;
        await save.mutateAsync({ input: fields });
        message.success(`已新增兑换项目：${input.name}`);
      }
      onClose();
    } catch (error) {
      setFailure((error as ApiRequestError).message);
    }
  };

  return (
    <Modal
      open
      title={reward ? `编辑兑换项目：${reward.name}` : '新增兑换项目'}
      width={560}
      okText={reward ? '保存' : '新增'}
      cancelText="取消"
      okButtonProps={{ loading: save.isPending, 'data-testid': 'reward-save' }}
      onOk={submit}
      onCancel={onClose}
      destroyOnHidden
    >
      <div data-testid="reward-dialog">
        <Form<RewardForm>
          form={form}
          layout="vertical"
          initialValues={
            reward
              ? {
                  name: reward.name,
                  description: reward.description,
                  priceMinutes: reward.priceMinutes,
                  stock: reward.stock,
                  active: reward.active,
                }
              : { description: '', stock: 10, active: true }
          }
        >
          <Form.Item
            name="name"
            label="名称"
            rules={[
              { required: true, whitespace: true, message: '请填写名称' },
              { max: NAME_MAX, message: `名称最多 ${NAME_MAX} 个字` },
            ]}
          >
            <Input maxLength={NAME_MAX} placeholder="例如：理发券" data-testid="reward-name" />
          </Form.Item>
          <Form.Item
            name="description"
            label="说明"
            rules={[{ max: DESCRIPTION_MAX, message: `说明最多 ${DESCRIPTION_MAX} 个字` }]}
          >
            <Input.TextArea
              rows={3}
              maxLength={DESCRIPTION_MAX}
              showCount
              placeholder="领取地点、使用方式等"
              data-testid="reward-description"
            />
          </Form.Item>
          <Form.Item
            name="priceMinutes"
            label="所需时间（分钟）"
            rules={[{ required: true, message: '请填写所需时间' }]}
            extra={
              typeof price === 'number' && price > 0 ? `居民看到的价格：${minutesToHours(price)}` : '60 分钟 = 1 小时'
            }
          >
            <InputNumber<number>
              min={1}
              max={PRICE_MAX}
              precision={0}
              step={30}
              style={{ width: 200 }}
              suffix="分钟"
              data-testid="reward-price"
            />
          </Form.Item>
          <Form.Item
            name="stock"
            label="库存"
            rules={[{ required: true, message: '请填写库存' }]}
            extra={reward ? '填写现有件数（直接设为该数，不是增加）' : undefined}
          >
            <InputNumber<number>
              min={0}
              max={STOCK_MAX}
              precision={0}
              style={{ width: 200 }}
              suffix="件"
              data-testid="reward-stock"
            />
          </Form.Item>
          {reward && (
            <Form.Item
              name="active"
              label="上架"
              valuePropName="checked"
              extra="下架后居民看不到该项目，已兑换的不受影响。"
            >
              <Switch checkedChildren="上架" unCheckedChildren="下架" data-testid="reward-active" />
            </Form.Item>
          )}
        </Form>
        {failure && <Alert type="error" showIcon title={`保存失败：${failure}`} data-testid="reward-error" />}
      </div>
    </Modal>
  );
}
