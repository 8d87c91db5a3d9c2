import { Col, DatePicker, Form, Radio, Row, type FormInstance } from 'antd';
import type { Dayjs } from 'dayjs';
import { communityNowWallClock } from '../../lib/dayjs';
import type { NoticeFormValues } from '../../lib/notice-form';

const PICKER_FORMAT = 'YYYY-MM-DD HH:mm';

/** Days before today (community time) cannot be picked. */
function beforeToday(current: Dayjs): boolean {
  return current.isBefore(communityNowWallClock().startOf('day'));
}

type Validator = (rule: unknown, value: Dayjs | null) => Promise<void>;

/** 发布时间 (now or scheduled) and 过期时间, in Beijing time. */
export function NoticeScheduleFields({
  form,
  publishMode,
  validatePublishAt,
  validateExpiresAt,
}: {
  form: FormInstance<NoticeFormValues>;
  publishMode: NoticeFormValues['publishMode'] | undefined;
  validatePublishAt: Validator;
  validateExpiresAt: Validator;
}) {
  return (
    <Row gutter={24}>
      <Col xs={24} md={12}>
        <Form.Item name="publishMode" label="发布时间" required extra="时间均为北京时间（Asia/Shanghai）。">
          <Radio.Group
            options={[
              { value: 'now', label: '立即（点击发布时）' },
              { value: 'scheduled', label: '定时' },
            ]}
            onChange={() => form.validateFields(['expiresAt']).catch(() => undefined)}
            data-testid="notice-publish-mode"
          />
        </Form.Item>
        {publishMode === 'scheduled' && (
          <Form.Item name="publishAt" label="定时发布于" required rules={[{ validator: validatePublishAt }]}>
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={PICKER_FORMAT}
              disabledDate={beforeToday}
              placeholder="选择发布时间"
              style={{ width: 220 }}
              data-testid="notice-publish-at"
            />
          </Form.Item>
        )}
      </Col>
      <Col xs={24} md={12}>
        <Form.Item
          name="expiresAt"
          label="过期时间"
          dependencies={['publishAt', 'publishMode']}
          rules={[{ validator: validateExpiresAt }]}
          extra="可不填；过期后居民不再看到这条公告。"
        >
          <DatePicker
            showTime={{ format: 'HH:mm' }}
            format={PICKER_FORMAT}
            disabledDate={beforeToday}
            placeholder="不过期"
            allowClear
            style={{ width: 220 }}
            data-testid="notice-expires-at"
          />
        </Form.Item>
      </Col>
    </Row>
  );
}
