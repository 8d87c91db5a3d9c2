import type { IsoDateTime } from './common.js';

/** What a ledger transaction records. */
export const ledgerKinds = [
  'service_credit',
  'transfer',
  'redemption',
  'adjustment',
  'reversal',
  // Mutual help: a promise of credits moves into the community's escrow and out again (PRODUCT.md "Mutual help").
  'hold',
  'release',
  'service_exchange',
  'room_charge',
  'donation',
  'cap_overflow',
  // A resident gives credits to a bound family member (across communities: through both pools).
  'family_transfer',
] as const;
export type LedgerKind = (typeof ledgerKinds)[number];

/** How clients name the kinds (statements, console). */
export const ledgerKindLabels: Record<LedgerKind, string> = {
  service_credit: '志愿服务',
  transfer: '转赠',
  redemption: '兑换',
  adjustment: '调整',
  reversal: '冲正',
  hold: '冻结',
  release: '解冻',
  service_exchange: '邻里互助',
  room_charge: '场地使用',
  donation: '捐赠公益池',
  cap_overflow: '超上限转公益池',
  family_transfer: '亲情转赠',
};

/**
 * A resident's account; the community pool that issues and receives credits; the community's escrow, which holds
 * promised credits (help requests, priced rooms) until they are paid or released; the community commons 公益池.
 */
export const timebankAccountKinds = ['resident', 'pool', 'escrow', 'commons'] as const;
export type TimebankAccountKind = (typeof timebankAccountKinds)[number];

/** GET timebank/account */
export interface TimebankAccountView {
  id: number;
  communityId: number;
  userId: number | null;
  kind: TimebankAccountKind;
  /** Whole minutes: what is available plus what is held. */
  balance: number;
  /** '1.50' (hours, two decimals). */
  balanceHours: string;
  /** Minutes promised and held in escrow (open help requests, priced bookings). */
  held: number;
  heldHours: string;
  /** Minutes that may be spent, transferred or promised now: balance − held, never below zero. */
  available: number;
  availableHours: string;
}

export interface LedgerCounterparty {
  /** Null for the community pool. */
  userId: number | null;
  kind: TimebankAccountKind;
  /** The resident's name, or 社区时间银行 for the pool. */
  name: string;
}

/** One line of a statement: a transaction as seen from one account. */
export interface StatementItem {
  /** The transaction id. */
  id: number;
  kind: LedgerKind;
  /** Signed minutes: positive received, negative paid. */
  amount: number;
  amountHours: string;
  counterparty: LedgerCounterparty;
  memo: string;
  reference: string | null;
  /** Set on a reversal: the transaction it reverses. */
  reversesId: number | null;
  /** Set when this transaction has been reversed. */
  reversedById: number | null;
  createdAt: IsoDateTime;
}

/** POST timebank/transfers (with an Idempotency-Key header). */
export interface TransferRequest {
  toUserId: number;
  /** Whole minutes, 1..100000. */
  minutes: number;
  /** 1–100 characters. */
  memo: string;
}

/** The answer of every posting endpoint: the transaction as the caller's statement shows it. */
export interface PostingResponse {
  transaction: StatementItem;
  /** The caller's (or the adjusted resident's) balance after it. */
  balance: number;
  balanceHours: string;
}

/** A transaction seen from outside (staff answers of reversals and adjustments). */
export interface LedgerTransactionView {
  id: number;
  communityId: number;
  kind: LedgerKind;
  amount: number;
  amountHours: string;
  from: LedgerCounterparty;
  to: LedgerCounterparty;
  memo: string;
  reference: string | null;
  reversesId: number | null;
  createdAt: IsoDateTime;
}

/** POST timebank/transactions/:id/reverse */
export interface ReverseTransactionRequest {
  reason: string;
}

/** POST timebank/adjustments (admins). Negative minutes take credits away. */
export interface AdjustmentRequest {
  userId: number;
  minutes: number;
  reason: string;
}

/** GET timebank/accounts (staff). */
export interface TimebankAccountListItem {
  accountId: number;
  kind: TimebankAccountKind;
  communityId: number;
  userId: number | null;
  name: string;
  /** Masked, e.g. 138****0001. */
  phone: string | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  balance: number;
  balanceHours: string;
}

export interface TimebankAccountQuery {
  communityId?: number;
  cursor?: string;
  limit?: number;
}

export const ledgerDiscrepancyTypes = [
  'balance_mismatch',
  'community_not_zero',
  'unbalanced_transaction',
  'negative_balance',
  // The escrow account of a community must equal the sum of its open holds.
  'escrow_mismatch',
] as const;
export type LedgerDiscrepancyType = (typeof ledgerDiscrepancyTypes)[number];

export interface LedgerDiscrepancy {
  type: LedgerDiscrepancyType;
  communityId: number | null;
  accountId: number | null;
  transactionId: number | null;
  /** What the entries say. */
  expected: number;
  /** What is stored. */
  actual: number;
  message: string;
}

/** GET timebank/audit: every balance recomputed from the entries. */
export interface LedgerAuditResult {
  ok: boolean;
  checkedAt: IsoDateTime;
  accounts: number;
  transactions: number;
  communities: Array<{ communityId: number; balanceSum: number }>;
  discrepancies: LedgerDiscrepancy[];
}

/** Staff create (POST rewards); admins also name the community. */
export interface CreateRewardRequest {
  name: string;
  description: string;
  priceMinutes: number;
  stock: number;
  communityId?: number;
}

/** PATCH rewards/:id (staff): any of the fields; `active: false` takes it off the residents' catalogue. */
export interface UpdateRewardRequest {
  name?: string;
  description?: string;
  priceMinutes?: number;
  stock?: number;
  active?: boolean;
}

export interface RewardView {
  id: number;
  communityId: number;
  name: string;
  description: string;
  priceMinutes: number;
  priceHours: string;
  stock: number;
  active: boolean;
  createdAt: IsoDateTime;
}

export const redemptionStatuses = ['pending', 'handed_over', 'cancelled'] as const;
export type RedemptionStatus = (typeof redemptionStatuses)[number];

export const redemptionStatusLabels: Record<RedemptionStatus, string> = {
  pending: '待领取',
  handed_over: '已领取',
  cancelled: '已取消',
};

export interface RedemptionView {
  id: number;
  communityId: number;
  reward: { id: number; name: string };
  resident: { id: number; name: string | null };
  priceMinutes: number;
  priceHours: string;
  status: RedemptionStatus;
  transactionId: number;
  /** The reversal written when it was cancelled. */
  reversalId: number | null;
  handledAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

/** POST rewards/:id/redeem answers the redemption and the resident's balance after it. */
export interface RedeemResponse {
  redemption: RedemptionView;
  balance: number;
  balanceHours: string;
}

export interface RedemptionQuery {
  status?: RedemptionStatus;
  communityId?: number;
  cursor?: string;
  limit?: number;
}

export interface CancelRedemptionRequest {
  reason?: string;
}

/** GET timebank/stats/monthly (staff): minutes moved per month (Asia/Shanghai), oldest first, for the console chart. */
export interface TimebankMonthlyStat {
  /** 'YYYY-MM' */
  month: string;
  /** Credited from the pool: service credits and positive adjustments. */
  issued: number;
  /** Paid into the pool: redemptions and negative adjustments. */
  spent: number;
  /** Moved between residents. */
  transferred: number;
  /** Moved back by reversals (either way). */
  reversed: number;
}

export interface TimebankMonthlyStatsResponse {
  items: TimebankMonthlyStat[];
}

/** GET timebank/recipients?q=: verified neighbours of the caller's community whose name contains q (at most 20). */
export interface TransferRecipient {
  userId: number;
  name: string;
  /** e.g. "1栋" — enough to tell two 王芳 apart without showing the room. */
  buildingName: string | null;
  unit: string | null;
}

export interface TransferRecipientQuery {
  q: string;
}

/** The largest balance an account may hold, in hours (street setting TIMEBANK_CAP_HOURS); beyond it credit goes to the commons. */
export const DEFAULT_ACCOUNT_CAP_HOURS = 1500;

/** POST timebank/donations: a resident gives minutes to the community commons 公益池. */
export interface DonationRequest {
  /** Whole minutes, 1..100000. */
  minutes: number;
}

/** One movement into or out of the commons. */
export interface CommonsFlow {
  id: number;
  kind: LedgerKind;
  /** Signed from the commons' side: positive in, negative out. */
  amount: number;
  amountHours: string;
  /** Who gave or received (a resident's name, or the pool). */
  counterparty: string;
  memo: string;
  createdAt: IsoDateTime;
}

/** GET timebank/commons: the community commons, visible to every resident. */
export interface CommonsView {
  communityId: number;
  balance: number;
  balanceHours: string;
  /** The most recent flows, newest first (at most 20). */
  flows: CommonsFlow[];
}
