import type { ResidentListItem } from '@linli/shared-types';
import { App, Button, Popconfirm, Tag } from 'antd';
import type { ApiRequestError } from '../services/http';
import { useCareRecipientIds, useSetCareRecipient } from './help-hooks';

/**
 * 帮扶对象 on a verified resident's row: staff flag an elder or someone in need, whose help requests are then paid
 * from the community pool instead of their own balance. Both ways are confirmed, and audited on the server.
 */
export function CareRecipientToggle({ resident }: { resident: ResidentListItem }) {
  const { message } = App.useApp();
  const flagged = useCareRecipientIds();
  const set = useSetCareRecipient();
  if (resident.status !== 'verified' || !flagged.data) return null;
  const isFlagged = flagged.data.has(resident.id);
  const name = resident.name ?? '该居民';
  const toggle = () =>
    set.mutateAsync({ residentId: resident.id, careRecipient: !isFlagged }).then(
      () => void message.success(isFlagged ? `已取消${name}的帮扶对象身份` : `已将${name}设为帮扶对象`),
      (error: ApiRequestError) => void message.error(`操作失败：${error.message}`),
    );
  return (
    <>
      {isFlagged ? (
        <Tag color="orange" data-testid={`care-recipient-tag-${resident.id}`}>
          帮扶对象
        </Tag>
      ) : null}
      <Popconfirm
        title={isFlagged ? '取消帮扶对象？' : '设为帮扶对象？'}
        description={
          isFlagged ? `${name}此后发布互助需求将从自己的余额中冻结时长` : `${name}发布互助需求时，时长由社区账户支付`
        }
        okText={isFlagged ? '取消帮扶' : '设为帮扶对象'}
        cancelText="不改"
        okButtonProps={{ 'data-testid': 'care-recipient-confirm' }}
        onConfirm={toggle}
      >
        <Button size="small" loading={set.isPending} data-testid={`care-recipient-toggle-${resident.id}`}>
          {isFlagged ? '取消帮扶' : '设为帮扶对象'}
        </Button>
      </Popconfirm>
    </>
  );
}
