import {
  hoursText,
  maskPhone,
  type LedgerCounterparty,
  type LedgerTransactionView,
  type RedemptionView,
  type RewardView,
  type StatementItem,
  type TimebankAccountListItem,
  type TimebankAccountView,
} from '@linli/shared-types';
import type { Building } from '../tenancy/building.entity.js';
import type { User } from '../users/user.entity.js';
import type { LedgerTransaction } from './ledger-transaction.entity.js';
import type { Reward, RewardRedemption } from './reward.entity.js';
import type { TimebankAccount } from './timebank-account.entity.js';
import type { AccountRow } from './timebank.queries.js';
import { accountFigures } from './timebank.rules.js';

export const POOL_NAME = '社区时间银行';
export const ESCROW_NAME = '互助冻结';
export const COMMONS_NAME = '社区公益池';

/** The name statements show for an account that is not a resident's. */
export const communityAccountName = (kind: TimebankAccount['kind']) =>
  kind === 'escrow' ? ESCROW_NAME : kind === 'commons' ? COMMONS_NAME : POOL_NAME;

/** Balance = available + held: held minutes sit in the escrow until paid or released. */
export function toAccountView(a: AccountRow): TimebankAccountView {
  const figures = accountFigures(Number(a.balance), Number(a.held ?? 0));
  return {
    id: a.id,
    communityId: a.communityId,
    userId: a.userId,
    kind: a.kind,
    balance: figures.balance,
    balanceHours: hoursText(figures.balance),
    held: figures.held,
    heldHours: hoursText(figures.held),
    available: figures.available,
    availableHours: hoursText(figures.available),
  };
}

/** Who is on the other side: a resident by name (`owner`, the account's user), or one of the community's own accounts. */
export function toCounterparty(
  account: Pick<TimebankAccount, 'kind' | 'userId'> | undefined,
  owner?: Pick<User, 'name'> | null,
): LedgerCounterparty {
  if (!account) return { userId: null, kind: 'pool', name: POOL_NAME };
  if (account.kind !== 'resident' || account.userId === null)
    return { userId: null, kind: account.kind, name: communityAccountName(account.kind) };
  return { userId: account.userId, kind: 'resident', name: owner?.name ?? '居民' };
}

/** A transaction as the statement of `accountId` shows it: signed from that account's side. */
export function toStatementItem(
  t: LedgerTransaction,
  accountId: number,
  counterparty: LedgerCounterparty,
  reversedById: number | null,
): StatementItem {
  const amount = t.toAccountId === accountId ? t.amount : -t.amount;
  return {
    id: t.id,
    kind: t.kind,
    amount,
    amountHours: hoursText(amount),
    counterparty,
    memo: t.memo,
    reference: t.reference,
    reversesId: t.reversesId,
    reversedById,
    createdAt: t.createdAt.toISOString(),
  };
}

export function toTransactionView(
  t: LedgerTransaction,
  from: LedgerCounterparty,
  to: LedgerCounterparty,
): LedgerTransactionView {
  return {
    id: t.id,
    communityId: t.communityId,
    kind: t.kind,
    amount: t.amount,
    amountHours: hoursText(t.amount),
    from,
    to,
    memo: t.memo,
    reference: t.reference,
    reversesId: t.reversesId,
    createdAt: t.createdAt.toISOString(),
  };
}

export function toAccountListItem(
  a: TimebankAccount,
  user: User | undefined,
  building: Building | undefined,
): TimebankAccountListItem {
  return {
    accountId: a.id,
    kind: a.kind,
    communityId: a.communityId,
    userId: a.userId,
    name: a.kind === 'resident' ? (user?.name ?? '居民') : communityAccountName(a.kind),
    phone: maskPhone(user?.phone),
    buildingName: building?.name ?? null,
    unit: user?.unit ?? null,
    room: user?.room ?? null,
    balance: a.balance,
    balanceHours: hoursText(a.balance),
  };
}

export const toRewardView = (r: Reward): RewardView => ({
  id: r.id,
  communityId: r.communityId,
  name: r.name,
  description: r.description,
  priceMinutes: r.priceMinutes,
  priceHours: hoursText(r.priceMinutes),
  stock: r.stock,
  active: r.active,
  createdAt: r.createdAt.toISOString(),
});

export function toRedemptionView(
  r: RewardRedemption,
  reward: Reward | undefined,
  resident: User | undefined,
): RedemptionView {
  return {
    id: r.id,
    communityId: r.communityId,
    reward: { id: r.rewardId, name: reward?.name ?? '' },
    resident: { id: r.userId, name: resident?.name ?? null },
    priceMinutes: r.priceMinutes,
    priceHours: hoursText(r.priceMinutes),
    status: r.status,
    transactionId: r.transactionId,
    reversalId: r.reversalId,
    handledAt: r.handledAt?.toISOString() ?? null,
    createdAt: r.createdAt.toISOString(),
  };
}
