import type { Refusal } from '@linli/shared-types';

/** Family transfers 亲情转赠 (PRODUCT.md "Mutual help", "Family and commons"): pure rules, no database. */

export interface FamilyTransferParty {
  id: number;
  role: string;
  status: string;
  communityId: number | null;
}

/**
 * May `sender` give credits to `recipient` (null: no such user)? Only a verified resident, only to someone an active
 * family binding joins them to (either side of it, any community of the street). Anyone else is answered as not
 * bound (404), so user ids are not confirmed to strangers.
 */
export function checkFamilyTransfer(
  sender: FamilyTransferParty,
  recipient: FamilyTransferParty | null,
  bound: boolean,
): Refusal | null {
  if (sender.role !== 'resident') return { code: 'FORBIDDEN' };
  if (sender.status !== 'verified' || sender.communityId === null) return { code: 'RESIDENT_NOT_VERIFIED' };
  if (recipient && recipient.id === sender.id) return { code: 'TRANSFER_TO_SELF' };
  if (!recipient || !bound) return { code: 'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND' };
  if (recipient.role !== 'resident' || recipient.status !== 'verified' || recipient.communityId === null)
    return { code: 'FAMILY_TRANSFER_RECIPIENT_INACTIVE' };
  return null;
}

/** One posting of a family transfer; each stays inside one community, so every community still sums to zero. */
export interface FamilyTransferLeg {
  communityId: number;
  from: 'sender' | 'pool';
  to: 'recipient' | 'pool';
}

/**
 * The postings: within a community one transfer from person to person; across communities the sender pays their
 * own community's pool and the recipient's pool pays the recipient, in the same database transaction.
 */
export function familyTransferLegs(senderCommunityId: number, recipientCommunityId: number): FamilyTransferLeg[] {
  if (senderCommunityId === recipientCommunityId)
    return [{ communityId: senderCommunityId, from: 'sender', to: 'recipient' }];
  return [
    { communityId: senderCommunityId, from: 'sender', to: 'pool' },
    { communityId: recipientCommunityId, from: 'pool', to: 'recipient' },
  ];
}

/**
 * Accounts locked in ascending id order before any balance moves: two transfers the opposite way between the same
 * two communities (A→pool A, pool B→B against B→pool B, pool A→A) would otherwise each hold a row the other wants.
 */
export function familyTransferLockOrder(accountIds: number[]): number[] {
  return [...new Set(accountIds)].sort((a, b) => a - b);
}

/** What each side's statement says: the memo of the outgoing leg names the recipient, the incoming one the sender. */
export function familyTransferMemos(
  sender: { name: string | null; communityName: string | null },
  recipient: { name: string | null; communityName: string | null },
  memo: string,
  crossCommunity: boolean,
): { outgoing: string; incoming: string } {
  const who = (p: { name: string | null; communityName: string | null }) =>
    `${p.name ?? '家人'}${crossCommunity && p.communityName ? `（${p.communityName}）` : ''}`;
  const words = memo.trim();
  return {
    outgoing: `亲情转赠给 ${who(recipient)}：${words}`,
    incoming: `${who(sender)} 亲情转赠：${words}`,
  };
}
