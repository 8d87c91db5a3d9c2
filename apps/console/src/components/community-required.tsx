import { Result, Select } from 'antd';
import type { ReactNode } from 'react';
import { useCommunityScope } from '../hooks/useCommunityScope';

/**
 * Work on one community (a room grid, a ledger, a new notice): an admin looking at the whole street is asked which
 * community, and picking one switches the console to it, so nothing is ever written without a community.
 */
export function CommunityRequired({ what, children }: { what: string; children?: ReactNode }) {
  const scope = useCommunityScope();
  if (!scope.streetWide) return <>{children}</>;
  return (
    <Result
      status="info"
      title={`${what}需要选择一个社区`}
      subTitle="当前为全街道视图。选择社区后，右上角也会切换到该社区。"
      extra={
        <Select
          style={{ minWidth: 200 }}
          placeholder="选择社区"
          aria-label="选择社区"
          data-testid="community-required-select"
          onChange={(communityId: number) => scope.selectCommunity(communityId)}
          options={scope.communities.map((community) => ({ value: community.id, label: community.name }))}
        />
      }
      data-testid="community-required"
    />
  );
}
