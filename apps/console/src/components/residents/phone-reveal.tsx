import { EyeOutlined, PhoneOutlined } from '@ant-design/icons';
import { Button, Space, Tooltip, Typography } from 'antd';
import { useState } from 'react';
import { useRevealPhone } from '../../hooks/useResidents';
import { formatPhone } from '../../lib/format';
import type { ApiRequestError } from '../../services/http';

/**
 * A masked number with 显示号码 beside it (PRODUCT.md "Personal data"): one click shows this one number, as a
 * tap-to-call link, and writes who looked, whose number and where (`purpose`) to the audit log.
 */
export function PhoneReveal({
  residentId,
  name,
  maskedPhone,
  purpose,
}: {
  residentId: number;
  name: string | null;
  maskedPhone: string | null;
  purpose: string;
}) {
  const reveal = useRevealPhone();
  const [phone, setPhone] = useState<string | null>(null);
  if (!maskedPhone) return <Typography.Text type="secondary">未留电话</Typography.Text>;
  if (phone)
    return (
      <Typography.Link href={`tel:${phone}`} data-testid={`phone-full-${residentId}`}>
        <PhoneOutlined /> {phone}
      </Typography.Link>
    );
  const failed = reveal.error ? (reveal.error as ApiRequestError).message : null;
  return (
    <Space size={4}>
      <span>{formatPhone(maskedPhone)}</span>
      <Tooltip title={failed ?? '显示完整号码以便拨打；每次查看都会记入审计日志'}>
        <Button
          type="link"
          size="small"
          icon={<EyeOutlined />}
          loading={reveal.isPending}
          danger={!!failed}
          aria-label={`显示号码：${name ?? '居民'}`}
          data-testid={`phone-reveal-${residentId}`}
          onClick={() =>
            reveal.mutate({ residentId, purpose }, { onSuccess: (answer) => setPhone(answer.phone ?? '未留电话') })
          }
        >
          显示号码
        </Button>
      </Tooltip>
    </Space>
  );
}
