import type { IsoDateTime } from './common.js';

/** What kind of help (PRODUCT.md "Mutual help"). */
export const helpRequestKinds = ['escort', 'errands', 'repair', 'company', 'meals', 'other'] as const;
export type HelpRequestKind = (typeof helpRequestKinds)[number];

export const helpRequestKindLabels: Record<HelpRequestKind, string> = {
  escort: '陪同就医',
  errands: '代买代办',
  repair: '家电维修',
  company: '陪伴聊天',
  meals: '助餐',
  other: '其他',
};

/** The life of a help request. */
export const helpRequestStatuses = [
  'open',
  'matched',
  'started',
  'done',
  'confirmed',
  'disputed',
  'settled',
  'cancelled',
] as const;
export type HelpRequestStatus = (typeof helpRequestStatuses)[number];

export const helpRequestStatusLabels: Record<HelpRequestStatus, string> = {
  open: '待响应',
  matched: '已选定',
  started: '服务中',
  done: '待确认',
  confirmed: '已完成',
  disputed: '有异议',
  settled: '已裁定',
  cancelled: '已取消',
};

/** Who pays: the poster's own held credits, or the community pool for a care recipient 帮扶对象. */
export const helpFundingSources = ['poster', 'pool'] as const;
export type HelpFundingSource = (typeof helpFundingSources)[number];

/** Limits both clients and the server check. */
export const HELP_LIMITS = {
  titleMax: 60,
  descriptionMax: 1000,
  placeMax: 100,
  minutesMin: 15,
  minutesMax: 480,
  rewardMin: 1,
  rewardMax: 100_000,
  thanksMax: 200,
  reasonMax: 500,
  /** The helper may scan from this long before the start... */
  arriveEarlyMinutes: 30,
  /** ...until this long after the expected end. */
  arriveLateMinutes: 120,
  /** A request starts at most this many days ahead. */
  aheadDaysMax: 60,
  /** A done request nobody confirms or disputes is confirmed after this long. */
  autoConfirmHours: 72,
} as const;

/** POST help-requests */
export interface CreateHelpRequest {
  title: string;
  description: string;
  kind: HelpRequestKind;
  startAt: IsoDateTime;
  /** Expected minutes, 15–480. */
  minutes: number;
  place: string;
  /** Credits offered, whole minutes. */
  rewardMinutes: number;
}

export interface HelpPerson {
  id: number;
  name: string;
}

export interface HelpOfferView {
  helper: HelpPerson;
  createdAt: IsoDateTime;
}

export interface HelpRequestView {
  id: number;
  communityId: number;
  /** Staff lists: the community's name, for the street-wide console's 社区 column. */
  communityName?: string;
  poster: HelpPerson;
  title: string;
  description: string;
  kind: HelpRequestKind;
  startAt: IsoDateTime;
  minutes: number;
  place: string;
  rewardMinutes: number;
  rewardHours: string;
  fundedBy: HelpFundingSource;
  status: HelpRequestStatus;
  helper: HelpPerson | null;
  offerCount: number;
  /** The caller has offered to help. */
  offeredByMe: boolean;
  /** The offers, shown to the poster and staff only (empty for others). */
  offers: HelpOfferView[];
  arrivedAt: IsoDateTime | null;
  doneAt: IsoDateTime | null;
  confirmedAt: IsoDateTime | null;
  /** Confirmed by the 72-hour rule rather than by the poster. */
  autoConfirmed: boolean;
  thanks: string | null;
  stars: number | null;
  disputeReason: string | null;
  settledMinutes: number | null;
  settleReason: string | null;
  /** The resident request it came from (派给志愿者), e.g. 'request:12'. */
  sourceReference: string | null;
  createdAt: IsoDateTime;
}

export interface HelpRequestQuery {
  status?: HelpRequestStatus;
  cursor?: string;
  limit?: number;
}

/** POST help-requests/:id/choose */
export interface ChooseHelperRequest {
  helperId: number;
}

/** POST help-requests/:id/confirm */
export interface ConfirmHelpRequest {
  /** A thank-you note, ≤ 200. */
  thanks?: string;
  /** 1–5. */
  stars?: number;
}

/** POST help-requests/:id/dispute */
export interface DisputeHelpRequest {
  reason: string;
}

/** POST help-requests/:id/settle (staff): minutes paid to the helper (0..reward), the rest goes back. */
export interface SettleHelpRequest {
  minutes: number;
  reason: string;
}

/** POST residents/:id/care-recipient (staff) */
export interface SetCareRecipientRequest {
  careRecipient: boolean;
}

export interface CareRecipientView {
  userId: number;
  careRecipient: boolean;
}

/** POST scan with the poster's personal code: the chosen helper has arrived. */
export interface HelpArrivalScanResponse {
  kind: 'help_arrival';
  helpRequest: HelpRequestView;
}
