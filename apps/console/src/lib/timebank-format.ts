import {
  signedMinutesText,
  type LedgerDiscrepancyType,
  type LedgerKind,
  type RedemptionStatus,
} from '@linli/shared-types';

/** +1.50 小时 / -45 分钟: the sign says which way the minutes went. */
export const signedHours = signedMinutesText;

/** "1.50 小时（90 分钟）": staff enter minutes, residents think in hours; under an hour just "45 分钟". */
export { hoursWithMinutes } from '@linli/shared-types';

/** Why the community account may stand below zero: it is where credits come from (PRODUCT.md "Time bank"). */
export const POOL_BALANCE_NOTE =
  '社区账户是发放时间的源头：为居民记入服务时间时从这里转出，居民兑换奖品时转回这里，所以余额为负是正常的，' +
  '负数的大小就是居民手中尚未花掉的时间总和（全社区余额合计为零）。';

export const ledgerKindColors: Record<LedgerKind, string> = {
  service_credit: 'green',
  transfer: 'blue',
  redemption: 'orange',
  adjustment: 'purple',
  reversal: 'red',
  hold: 'gold',
  release: 'cyan',
  service_exchange: 'geekblue',
  room_charge: 'volcano',
  donation: 'magenta',
  cap_overflow: 'lime',
  family_transfer: 'pink',
};

export const redemptionStatusColors: Record<RedemptionStatus, string> = {
  pending: 'gold',
  handed_over: 'green',
  cancelled: 'default',
};

/** Staff-side wording: the shared labels (待领取, 已领取) are written for residents. */
export const redemptionStatusStaffLabels: Record<RedemptionStatus, string> = {
  pending: '待兑付',
  handed_over: '已兑付',
  cancelled: '已取消',
};

export const discrepancyLabels: Record<LedgerDiscrepancyType, string> = {
  balance_mismatch: '余额与流水不符',
  community_not_zero: '社区余额合计不为零',
  unbalanced_transaction: '交易借贷不平',
  negative_balance: '账户余额为负',
  escrow_mismatch: '冻结账户与未结清冻结不符',
};
