import type { IsoDateTime } from './common.js';
import type { HelpRequestKind } from './help-requests.js';

/** Resident requests 居民诉求 (接诉即办), PRODUCT.md "Resident requests". */

export const requestCategories = [
  'sanitation',
  'repair',
  'dispute',
  'safety',
  'care',
  'inquiry',
  'suggestion',
  'other',
] as const;
export type RequestCategory = (typeof requestCategories)[number];

export const requestCategoryLabels: Record<RequestCategory, string> = {
  sanitation: '环境卫生',
  repair: '设施维修',
  dispute: '邻里纠纷',
  safety: '治安安全',
  care: '养老助残',
  inquiry: '政策咨询',
  suggestion: '意见建议',
  other: '其他',
};

/** submitted → accepted → in_progress → resolved → closed; or referred (closed by 转办). */
export const requestStatuses = ['submitted', 'accepted', 'in_progress', 'resolved', 'closed', 'referred'] as const;
export type RequestStatus = (typeof requestStatuses)[number];

export const requestStatusLabels: Record<RequestStatus, string> = {
  submitted: '待受理',
  accepted: '已受理',
  in_progress: '处置中',
  resolved: '已办结',
  closed: '已关闭',
  referred: '已转办',
};

/** Statuses whose clock still runs (the work queue). */
export const openRequestStatuses = ['submitted', 'accepted', 'in_progress'] as const satisfies readonly RequestStatus[];

/**
 * green: under 80 % of the running deadline used; yellow: 80 % or more; red: overdue.
 * While submitted the clock is the response deadline, then the resolution deadline. Once a request is
 * resolved, referred or closed its light is frozen at that moment (a late resolution stays red).
 */
export const requestLights = ['green', 'yellow', 'red'] as const;
export type RequestLight = (typeof requestLights)[number];

export const requestLightLabels: Record<RequestLight, string> = {
  green: '正常',
  yellow: '临期',
  red: '超期',
};

/** The share of the running deadline after which a request turns yellow. */
export const REQUEST_YELLOW_SHARE = 0.8;

export const requestSatisfactions = ['satisfied', 'basically', 'dissatisfied'] as const;
export type RequestSatisfaction = (typeof requestSatisfactions)[number];

export const requestSatisfactionLabels: Record<RequestSatisfaction, string> = {
  satisfied: '满意',
  basically: '基本满意',
  dissatisfied: '不满意',
};

/** 不合理诉求: staff mark it, an admin confirms it; a confirmed one closes and leaves the rates. */
export const requestUnreasonableStates = ['marked', 'confirmed'] as const;
export type RequestUnreasonableState = (typeof requestUnreasonableStates)[number];

export const requestUnreasonableLabels: Record<RequestUnreasonableState, string> = {
  marked: '待确认不合理',
  confirmed: '不合理诉求',
};

/** Kinds of the steps on a request's timeline. */
export const requestEventKinds = [
  'submitted',
  'accepted',
  'progress',
  'resolved',
  'referred',
  'extended',
  'reopened',
  'rated',
  'closed',
  'unreasonable_marked',
  'unreasonable_confirmed',
  'help_task',
] as const;
export type RequestEventKind = (typeof requestEventKinds)[number];

export const requestEventLabels: Record<RequestEventKind, string> = {
  submitted: '提交诉求',
  accepted: '已受理',
  progress: '处置进展',
  resolved: '已办结',
  referred: '已转办',
  extended: '延期办理',
  reopened: '申请重办',
  rated: '回访评价',
  closed: '已关闭',
  unreasonable_marked: '标记为不合理诉求',
  unreasonable_confirmed: '确认为不合理诉求',
  help_task: '派给志愿者',
};

// Limits shared by the server's validation and both clients' forms.
export const REQUEST_TITLE_MAX = 60;
export const REQUEST_DESCRIPTION_MAX = 2000;
export const REQUEST_PLACE_MAX = 100;
export const REQUEST_PHOTOS_MAX = 3;
/** Progress notes, resolutions, reasons. */
export const REQUEST_NOTE_MAX = 1000;
export const REQUEST_REASON_MAX = 500;
export const REQUEST_REFER_TO_MAX = 100;
export const REQUEST_COMMENT_MAX = 500;
/** Defaults of the community settings (PRODUCT.md): hours to accept, days to resolve, longest extension. */
export const REQUEST_ACCEPT_HOURS_URGENT = 2;
export const REQUEST_ACCEPT_HOURS_NORMAL = 24;
export const REQUEST_RESOLVE_DAYS = 7;
export const REQUEST_EXTENSION_DAYS_MAX = 15;
/** A resolved request closes this many days after resolution without a rating; reopen is allowed within it. */
export const REQUEST_AUTO_CLOSE_DAYS = 7;
export const REQUEST_REOPEN_DAYS = 7;
/** Default weights of the composite (street settings). */
export const REQUEST_COMPOSITE_WEIGHTS = { response: 0.1, resolution: 0.5, satisfaction: 0.4 } as const;

/** A photo of a request or of a progress note. `url` is the full image, `thumbnailUrl` a small one for lists. */
export interface RequestPhoto {
  id: string;
  url: string;
  thumbnailUrl: string;
}

export interface RequestPerson {
  id: number;
  name: string | null;
}

/** The submitter as staff see them: phone masked (revealing it is a separate, audited action). */
export interface RequestSubmitter extends RequestPerson {
  phoneMasked: string | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
}

export interface RequestRatingView {
  resolved: boolean;
  satisfaction: RequestSatisfaction;
  comment: string | null;
  ratedAt: IsoDateTime;
}

export interface RequestReferralView {
  to: string;
  reason: string;
  referredAt: IsoDateTime;
}

export interface RequestUnreasonableView {
  state: RequestUnreasonableState;
  reason: string;
  markedAt: IsoDateTime;
  confirmedAt: IsoDateTime | null;
}

/**
 * A request as any reader sees it (lists and detail). Neighbours reading a public request get
 * `submitter: null`; its owner and staff get the rest.
 */
export interface RequestView {
  id: number;
  communityId: number;
  communityName: string;
  category: RequestCategory;
  title: string;
  description: string;
  buildingId: number | null;
  buildingName: string | null;
  place: string | null;
  lat: number | null;
  lng: number | null;
  urgent: boolean;
  public: boolean;
  status: RequestStatus;
  light: RequestLight;
  /** The deadline the clock runs against now (response while submitted, resolution after); null once stopped. */
  deadlineAt: IsoDateTime | null;
  acceptDueAt: IsoDateTime;
  resolveDueAt: IsoDateTime;
  /** Days added by the one extension, with its reason; null when not extended. */
  extensionDays: number | null;
  extensionReason: string | null;
  /** 我也遇到 count. */
  seconds: number;
  secondedByMe: boolean;
  /** The caller submitted it. */
  mine: boolean;
  photos: RequestPhoto[];
  submitter: RequestSubmitter | null;
  assignee: RequestPerson | null;
  resolution: string | null;
  referral: RequestReferralView | null;
  rating: RequestRatingView | null;
  unreasonable: RequestUnreasonableView | null;
  /** The help task of the time bank made from it, if any. */
  helpRequestId: number | null;
  reopened: boolean;
  /** What the caller may do now (the clients show buttons from these). */
  canRate: boolean;
  canReopen: boolean;
  createdAt: IsoDateTime;
  acceptedAt: IsoDateTime | null;
  resolvedAt: IsoDateTime | null;
  closedAt: IsoDateTime | null;
}

/** One step of the timeline, oldest first; every step is visible to the resident. */
export interface RequestEventView {
  id: number;
  kind: RequestEventKind;
  /** Who did it; null for the system (auto-close). */
  actor: (RequestPerson & { role: 'resident' | 'staff' | 'admin' }) | null;
  /** Progress note, resolution, reason, referral target or rating comment. */
  note: string | null;
  photos: RequestPhoto[];
  at: IsoDateTime;
}

/** GET requests/:id */
export interface RequestDetail extends RequestView {
  timeline: RequestEventView[];
}

/** POST requests (verified residents). */
export interface CreateRequestRequest {
  category: RequestCategory;
  title: string;
  description: string;
  buildingId?: number;
  place?: string;
  lat?: number;
  lng?: number;
  urgent: boolean;
  public: boolean;
  /** Ids from POST uploads made by the caller, at most REQUEST_PHOTOS_MAX. */
  photoIds?: string[];
}

/** GET requests/mine and GET requests/public */
export interface RequestFeedQuery {
  cursor?: string;
  limit?: number;
  status?: RequestStatus;
  category?: RequestCategory;
}

/** GET requests (staff: their community; admins: the street, or one community with communityId). Open requests come first, most overdue first. */
export interface RequestQueueQuery {
  status?: RequestStatus;
  category?: RequestCategory;
  /** Open requests whose running clock shows this light (red = overdue now); closed ones never match. */
  light?: RequestLight;
  assigneeId?: number;
  communityId?: number;
  /** Only requests marked unreasonable and waiting for an admin. */
  unreasonable?: RequestUnreasonableState;
  cursor?: string;
  limit?: number;
}

/** GET requests/assignees: staff who may take a request (active staff of the community); admins: of the street or one community. */
export interface RequestAssignee extends RequestPerson {
  communityId: number;
}

export interface RequestAssigneesQuery {
  /** Admins: one community only; staff always get their own. */
  communityId?: number;
}

/** POST requests/:id/accept; assigneeId defaults to the caller (staff of the request's community). */
export interface AcceptRequestRequest {
  assigneeId?: number;
}

export interface RequestProgressRequest {
  note: string;
  photoIds?: string[];
}

export interface ResolveRequestRequest {
  resolution: string;
}

export interface ReferRequestRequest {
  to: string;
  reason: string;
}

/** One extension per request, 1..REQUEST_EXTENSION_DAYS_MAX days added to the resolution deadline. */
export interface ExtendRequestRequest {
  days: number;
  reason: string;
}

export interface MarkUnreasonableRequest {
  reason: string;
}

export interface RateRequestRequest {
  resolved: boolean;
  satisfaction: RequestSatisfaction;
  comment?: string;
}

export interface ReopenRequestRequest {
  reason: string;
}

/** POST requests/:id/second answers the new count. */
export interface RequestSecondResponse {
  seconds: number;
  secondedByMe: true;
}

/**
 * POST requests/:id/help-task (staff, 派给志愿者): a help task of the time bank for the resident, paid from the community
 * pool; answers the request (with `helpRequestId`). Title, description and place come from the request.
 */
export interface RequestHelpTaskRequest {
  /** Credits the helper earns, held from the community pool. */
  rewardMinutes: number;
  /** Default: tomorrow, on the hour. */
  startAt?: IsoDateTime;
  /** Expected minutes (15–480); default the reward within those bounds. */
  minutes?: number;
  /** Default from the request's category. */
  kind?: HelpRequestKind;
}

/** The counts behind the three rates (PRODUCT.md), unreasonable requests left out. */
export interface RequestRateCounts {
  /** Requests whose response deadline fell in the period. */
  responseDue: number;
  /** Of those, accepted or referred before the deadline. */
  respondedOnTime: number;
  /** Ratings given in the period. */
  rated: number;
  ratedResolved: number;
  satisfied: number;
  basically: number;
  dissatisfied: number;
}

/** Fractions 0–1; null when the denominator is 0 (composite null when any part is null). */
export interface RequestRates {
  responseRate: number | null;
  resolutionRate: number | null;
  satisfactionRate: number | null;
  composite: number | null;
  counts: RequestRateCounts;
}

export interface RequestStatsSlice extends RequestRates {
  /** Requests submitted in the period (unreasonable ones included here, not in the rates). */
  submitted: number;
  unreasonable: number;
  /** Median minutes from submission to acceptance / to resolution, of requests accepted / resolved in the period. */
  medianAcceptMinutes: number | null;
  medianResolveMinutes: number | null;
}

export interface RequestStatsWeek extends RequestStatsSlice {
  /** Monday 00:00 Asia/Shanghai of the week. */
  weekStart: IsoDateTime;
}

export interface RequestStatsCategory extends RequestStatsSlice {
  category: RequestCategory;
}

export interface RequestStatsCommunity extends RequestStatsSlice {
  communityId: number;
  communityName: string;
}

/** GET requests/stats?from&to (ISO times; default the last 30 days). Staff: their community; admins: the street with each community. */
export interface RequestStats extends RequestStatsSlice {
  from: IsoDateTime;
  to: IsoDateTime;
  weights: { response: number; resolution: number; satisfaction: number };
  /** Requests submitted in the period by status and category (every category and status present, 0 when none). */
  byStatus: Record<RequestStatus, number>;
  byCategory: Record<RequestCategory, number>;
  /** Open requests now red (overdue), whatever the period. */
  redNow: number;
  weeks: RequestStatsWeek[];
  categories: RequestStatsCategory[];
  /** Admins: one slice per community of the street; staff: empty. */
  communities: RequestStatsCommunity[];
}

export interface RequestStatsQuery {
  from?: IsoDateTime;
  to?: IsoDateTime;
  /** Admins: one community only. */
  communityId?: number;
}
