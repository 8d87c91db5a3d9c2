import { Tooltip } from 'antd';
import type { ReactNode } from 'react';

/**
 * A disabled button with the reason it is disabled. A disabled button takes no focus, so a tooltip on it alone would
 * tell only a mouse why: here the reason shows on hover and on focus of a wrapper Tab reaches (e2e console-keyboard).
 * Without a reason, the button as it is.
 */
export function DisabledReason({
  reason,
  testId,
  children,
}: {
  reason?: string;
  testId?: string;
  children: ReactNode;
}) {
  if (!reason) return <>{children}</>;
  return (
    <Tooltip title={reason} trigger={['hover', 'focus']}>
      <span tabIndex={0} role="group" aria-label={reason} data-testid={testId} style={{ display: 'inline-block' }}>
        {children}
      </span>
    </Tooltip>
  );
}
