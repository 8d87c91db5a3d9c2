import { useCallback, useState } from 'react';
import { useInFlight } from './useInFlight';
import type { FamilyBindingView, FamilyTransferRequest, MyFamilyResponse, PostingResponse } from '@linli/shared-types';
import { ApiRequestError } from '../services/http';
import { getMyFamily } from '../services/family';
import { transferToFamily } from '../services/help';
import { reloadTimebankAccount } from './useTimebankAccount';
import { isUncertainFailure, useIdempotentAttempt } from './useIdempotentAttempt';
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

const fingerprintOf = (r: FamilyTransferRequest) => `${r.toUserId}|${r.minutes}|${r.memo}`;

/** 亲情转赠: confirm naming the recipient, send once per Idempotency-Key, retry safely after a lost answer. */
export function useHelpFamilyTransfer() {
  const family = useRemoteData(getMyFamily, 'help-family');
  const attempt = useIdempotentAttempt('ft');
  const [confirming, setConfirming] = useState<FamilyTransferRequest | null>(null);
  const { busy: submitting, guard } = useInFlight();
  const [error, setError] = useState<string | null>(null);
  const [retryable, setRetryable] = useState<FamilyTransferRequest | null>(null);
  const [result, setResult] = useState<PostingResponse | null>(null);

  const send = useCallback(
    async (request: FamilyTransferRequest) => {
      return (
        (await guard(async () => {
          setError(null);
          try {
            const response = await transferToFamily(request, attempt.keyFor(fingerprintOf(request)));
            attempt.settle();
            void reloadTimebankAccount();
            setRetryable(null);
            setConfirming(null);
            setResult(response);
            return true;
          } catch (caught) {
            const uncertain = isUncertainFailure(caught);
            if (!uncertain) attempt.settle();
            setRetryable(uncertain ? request : null);
            setConfirming(null);
            setError(
              uncertain
                ? `${errorText(caught)}。转赠可能未完成，请点“重试”：同一笔不会重复转出`
                : caught instanceof ApiRequestError && refusals[caught.code]
                  ? refusals[caught.code]
                  : errorText(caught),
            );
            return false;
          }
        })) ?? false
      );
    },
    [guard, attempt],
  );

  return {
    family,
    confirming,
    submitting,
    error,
    retryable,
    result,
    ask: (request: FamilyTransferRequest) => {
      setError(null);
      setConfirming(request);
    },
    cancel: () => setConfirming(null),
    confirm: () => (confirming ? send(confirming) : Promise.resolve(false)),
    retry: () => (retryable ? send(retryable) : Promise.resolve(false)),
    reset: () => {
      attempt.settle();
      setResult(null);
      setError(null);
      setRetryable(null);
    },
  };
}
