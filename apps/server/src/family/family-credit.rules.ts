import { hoursText, type ErrorCode } from '@linli/shared-types';

/**
 * 代办转出 (PRODUCT.md "Family proxy"): a proxy never moves credits out of the elder's account, except to
 * themselves, asked by them and confirmed by the elder in the elder's own session. Pure rules, no database.
 */

/** An ask waits this long for the elder; after it, it can no longer be confirmed. */
export const FAMILY_CREDIT_ASK_TTL_HOURS = 72;

export interface CreditAskParty {
  id: number;
  role: string;
  status: string;
  communityId: number | null;
}

export interface CreditAskBinding {
  elderId: number;
  memberId: number;
  status: string;
}

/**
 * May `member` ask `elder` for credits? Only a verified resident, only through an active binding in which they are
 * the member (a binding has a direction: the elder is the one acted for). Anyone else is answered as having no such
 * binding (404), so bindings are not confirmed to strangers. One open ask per binding.
 */
export function checkCreditAsk(
  member: CreditAskParty,
  binding: CreditAskBinding | null,
  elder: CreditAskParty | null,
  openAsks: number,
): { code: ErrorCode } | null {
  if (member.role !== 'resident') return { code: 'FORBIDDEN' };
  if (member.status !== 'verified' || member.communityId === null) return { code: 'RESIDENT_NOT_VERIFIED' };
  if (!binding || binding.memberId !== member.id || binding.status !== 'active' || !elder)
    return { code: 'FAMILY_BINDING_NOT_FOUND' };
  if (elder.role !== 'resident' || elder.status !== 'verified' || elder.communityId === null)
    return { code: 'FAMILY_TRANSFER_RECIPIENT_INACTIVE' };
  if (openAsks > 0) return { code: 'FAMILY_CREDIT_ASK_OPEN' };
  return null;
}

export interface CreditAskState {
  elderId: number;
  memberId: number;
  status: string;
  expiresAt: Date;
}

export type CreditAskDecision = 'confirm' | 'decline' | 'cancel';

/**
 * May `viewerId` decide the ask? The elder confirms or declines, the member who asked cancels; anyone else is told
 * there is no such ask (404). Only a pending ask is decided once (409); a pending ask past its time can only be
 * declined or cancelled (422), and one whose binding was revoked can no longer be confirmed (422).
 */
export function checkCreditAskDecision(
  ask: CreditAskState | null,
  viewerId: number,
  decision: CreditAskDecision,
  now: Date,
  bindingActive: boolean,
): { code: ErrorCode } | null {
  const decider = decision === 'cancel' ? ask?.memberId : ask?.elderId;
  if (!ask || decider !== viewerId) return { code: 'FAMILY_CREDIT_ASK_NOT_FOUND' };
  if (ask.status !== 'pending') return { code: 'FAMILY_CREDIT_ASK_CLOSED' };
  if (decision !== 'confirm') return null;
  if (ask.expiresAt.getTime() <= now.getTime()) return { code: 'FAMILY_CREDIT_ASK_EXPIRED' };
  if (!bindingActive) return { code: 'FAMILY_BINDING_NOT_FOUND' };
  return null;
}

/** What the ask reads like, to the elder (inbox) and on both statements. */
export function creditAskWords(
  relation: string,
  memberName: string | null,
  minutes: number,
  reason: string,
): { inboxTitle: string; inboxBody: string; memo: string } {
  const who = `${relation} ${memberName ?? ''}`.trimEnd();
  const hours = hoursText(minutes);
  return {
    inboxTitle: `${who} 请求转出 ${hours} 小时给本人`,
    inboxBody: `${who} 请求从您的时间账户转出 ${hours} 小时给 TA 本人：${reason.trim()}。请在“我的-亲情代办”中确认或拒绝；未经您本人确认不会转出。`,
    memo: `经本人确认转给${relation}：${reason.trim()}`.slice(0, 100),
  };
}
