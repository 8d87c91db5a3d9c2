import type { FamilyBindingView, FamilyTransferRequest, MyFamilyResponse } from '@linli/shared-types';
import { ApiRequestError } from '../services/http';
import { getMyFamily } from '../services/family';
import { transferToFamily } from '../services/help';
import { reloadTimebankAccount } from './useTimebankAccount';
import { useConfirmedTransfer, type TransferChannel } from './useConfirmedTransfer';
import { errorText, useRemoteData } from './useRemoteData';

/** A family member I may give credits to: either side of an active binding, in any community of the street. */
export interface FamilyRecipient {
  userId: number;
  name: string;
  /** 女儿, or 家人 when I am the member and they the elder. */
  relation: string;
  communityName: string | null;
}

export function familyRecipients(family: MyFamilyResponse | undefined, selfId: number | null): FamilyRecipient[] {
  if (!family) return [];
  const seen = new Map<number, FamilyRecipient>();
  const add = (b: FamilyBindingView, side: 'elder' | 'member', relation: string) => {
    const person = b[side];
    if (person.id === selfId || seen.has(person.id)) return;
    seen.set(person.id, { userId: person.id, name: person.name ?? '', relation, communityName: person.communityName });
  };
  for (const b of family.members) add(b, 'member', b.relation);
  for (const b of family.elders) add(b, 'elder', '长辈');
  return [...seen.values()];
}

const refusals: Record<string, string> = {
  INSUFFICIENT_CREDITS: '可用时长不足，请减少转赠的时长',
  FAMILY_TRANSFER_RECIPIENT_NOT_FOUND: '只能转给已绑定的家人：绑定可能已解除，请刷新',
  FAMILY_TRANSFER_RECIPIENT_INACTIVE: '对方账户暂不能接收时长',
  TRANSFER_TO_SELF: '不能转给自己',
  PROXY_NOT_ALLOWED: '代办时不能转出长辈的时长，请长辈本人操作',
};

const familyTransfer: TransferChannel<FamilyTransferRequest> = {
  keyPrefix: 'ft',
  post: transferToFamily,
  refusalText: (caught) =>
    caught instanceof ApiRequestError && refusals[caught.code] ? refusals[caught.code] : errorText(caught),
  posted: () => void reloadTimebankAccount(),
};

/** 亲情转赠: confirm naming the recipient, send once per Idempotency-Key, retry safely after a lost answer. */
export function useHelpFamilyTransfer() {
  const family = useRemoteData(getMyFamily, 'help-family');
  return { family, ...useConfirmedTransfer(familyTransfer) };
}
