import { requestLightLabels, requestStatusLabels, type RequestLight, type RequestStatus } from '@linli/shared-types';
import { Tag } from 'antd';
import { requestLightColors, requestLightGlyphs, requestStatusColors } from '../../lib/request-format';

export function LightTag({ light }: { light: RequestLight }) {
  return (
    <Tag color={requestLightColors[light]} data-testid={`request-light-${light}`}>
      {`${requestLightGlyphs[light]} ${requestLightLabels[light]}`}
    </Tag>
  );
}

export function StatusTag({ status }: { status: RequestStatus }) {
  return (
    <Tag color={requestStatusColors[status]} data-testid="request-status">
      {requestStatusLabels[status]}
    </Tag>
  );
}
