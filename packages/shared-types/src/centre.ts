import type { BookingView, RecurringBookingResponse } from './bookings.js';
import type { IsoDateTime } from './common.js';

/** Life in the activity centre (PRODUCT.md "Life in the activity centre"): interest groups, resident events, the report. */

export const groupKinds = ['culture', 'sport', 'learning', 'mutual_aid', 'other'] as const;
export type GroupKind = (typeof groupKinds)[number];
export const groupKindLabels: Record<GroupKind, string> = {
  culture: '文化',
  sport: '体育',
  learning: '学习',
  mutual_aid: '互助',
  other: '其他',
};

export const groupStatuses = ['proposed', 'approved', 'declined'] as const;
export type GroupStatus = (typeof groupStatuses)[number];
export const groupStatusLabels: Record<GroupStatus, string> = {
  proposed: '待审核',
  approved: '已成立',
  declined: '未通过',
};

export const groupRoles = ['leader', 'member'] as const;
export type GroupRole = (typeof groupRoles)[number];

export const GROUP_NAME_MAX = 30;
export const GROUP_DESCRIPTION_MAX = 500;
export const GROUP_MEMBER_CAP_MAX = 500;
export const GROUP_NOTICE_TITLE_MAX = 100;
export const GROUP_NOTICE_BODY_MAX = 2000;
/** A new group's room time per ISO week until staff set another. */
export const GROUP_DEFAULT_WEEKLY_QUOTA_MINUTES = 240;
export const GROUP_WEEKLY_QUOTA_MAX = 7 * 24 * 60;

export interface CreateGroupRequest {
  name: string;
  kind: GroupKind;
  description: string;
  memberCap?: number | null;
}

export interface DeclineGroupRequest {
  reason: string;
}

export interface UpdateGroupRequest {
  weeklyQuotaMinutes: number;
}

export interface AddGroupLeaderRequest {
  userId: number;
}

export interface GroupNoticeRequest {
  title: string;
  body: string;
}

/** POST groups/:id/bookings: one booking, or `weeks` weekly ones (the season's practice). */
export interface GroupBookingRequest {
  roomId: number;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  purpose: string;
  attendees: number;
  weeks?: number;
}

export interface GroupView {
  id: number;
  communityId: number;
  name: string;
  kind: GroupKind;
  description: string;
  memberCap: number | null;
  memberCount: number;
  status: GroupStatus;
  declineReason: string | null;
  weeklyQuotaMinutes: number;
  proposer: { id: number; name: string | null };
  /** The caller's place in the group, or null. */
  myRole: GroupRole | null;
  createdAt: IsoDateTime;
}

export interface GroupMemberView {
  userId: number;
  name: string | null;
  role: GroupRole;
  joinedAt: IsoDateTime;
}

export interface GroupNoticeView {
  id: number;
  title: string;
  body: string;
  author: { id: number; name: string | null };
  createdAt: IsoDateTime;
}

/** One entry of a group's calendar: a room booked for it, or one of its events. */
export interface GroupCalendarEntry {
  kind: 'booking' | 'event';
  id: number;
  title: string;
  place: string;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  /** An event open to the group's members only (always false for a booking). */
  membersOnly: boolean;
}

/**
 * GET groups/:id: members (and staff) see members, notices and the whole calendar; others see the card and, in
 * `calendar`, the group's upcoming events that are open to all residents (no room bookings, no members-only events).
 */
export interface GroupDetail extends GroupView {
  members: GroupMemberView[] | null;
  notices: GroupNoticeView[] | null;
  calendar: GroupCalendarEntry[];
  /** Minutes booked for the group in the current ISO week. */
  weekMinutesUsed: number | null;
}

export type GroupBookingResponse = RecurringBookingResponse & { bookings: BookingView[] };

// ---------- events ----------

export const eventStatuses = ['open', 'cancelled'] as const;
export type EventStatus = (typeof eventStatuses)[number];

export const signupStatuses = ['signed_up', 'waitlisted'] as const;
export type EventSignupStatus = (typeof signupStatuses)[number];
export const signupStatusLabels: Record<EventSignupStatus, string> = { signed_up: '已报名', waitlisted: '候补中' };

export const moods = ['good', 'ok', 'bad'] as const;
export type Mood = (typeof moods)[number];
export const moodLabels: Record<Mood, string> = { good: '😊 满意', ok: '😐 一般', bad: '😞 不满意' };

export const EVENT_TITLE_MAX = 100;
export const EVENT_PLACE_MAX = 200;
export const EVENT_CAPACITY_MAX = 1000;
export const FEEDBACK_WORDS_MAX = 200;
export const THANKS_WORDS_MAX = 100;
/** Feedback and thanks are taken from the end of an event until this many days after. */
export const FEEDBACK_WINDOW_DAYS = 7;

export interface CreateEventRequest {
  title: string;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  /** Where, when not a booking of the centre. */
  place?: string;
  bookingId?: number;
  capacity: number;
  groupId?: number;
  /** Open to the group's members only (needs groupId). */
  membersOnly: boolean;
  /** Defaults to the group's kind, else other. */
  kind?: GroupKind;
}

export interface EventMineView {
  status: EventSignupStatus;
  /** Place in the waitlist (1 = next), when waitlisted. */
  waitlistPosition: number | null;
  checkedInAt: IsoDateTime | null;
  feedbackGiven: boolean;
}

export interface EventView {
  id: number;
  communityId: number;
  title: string;
  kind: GroupKind;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  place: string;
  bookingId: number | null;
  roomId: number | null;
  capacity: number;
  signedUp: number;
  waitlisted: number;
  group: { id: number; name: string } | null;
  membersOnly: boolean;
  status: EventStatus;
  organiser: { id: number; name: string | null };
  mine: EventMineView | null;
  createdAt: IsoDateTime;
}

/** What the caller said after the event: kept, so the page shows it again after a reload. */
export interface EventMyFeedback {
  mood: Mood;
  words: string | null;
  createdAt: IsoDateTime;
}

/** What an event produced: the feedback mix, the words, the thanks sent. Shown to its organiser and staff. */
export interface EventOutcome {
  feedback: Record<Mood, number>;
  /** The optional words of the feedback, newest first (at most 50). */
  words: Array<{ mood: Mood; words: string; createdAt: IsoDateTime }>;
  thanks: number;
}

/** GET events/:id adds who came (for thanks), to the organiser, staff and those signed up. */
export interface EventDetail extends EventView {
  attendees: Array<{ id: number; name: string | null; checkedIn: boolean }> | null;
  /** The caller's feedback, or null when they gave none. */
  myFeedback: EventMyFeedback | null;
  /** Whom the caller has thanked at this event (user ids; thanks are once per person). */
  thankedUserIds: number[];
  /** To the organiser and staff; null to others. */
  outcome: EventOutcome | null;
}

export interface EventSignupResponse {
  status: EventSignupStatus;
  waitlistPosition: number | null;
  event: EventView;
}

export const EVENT_CANCEL_REASON_MAX = 200;

/** POST events/:id/cancel: the organiser, a leader of its group, or staff, before it starts; everyone signed up is told why. */
export interface CancelEventRequest {
  reason: string;
}

export interface EventFeedbackRequest {
  mood: Mood;
  words?: string;
}

export interface EventThanksRequest {
  toUserId: number;
  words: string;
}

export interface EventThanksView {
  id: number;
  toUserId: number;
  words: string;
  createdAt: IsoDateTime;
}

/** GET events: soonest first, a page at a time (1–100, default 100; `nextCursor` as `cursor` for the next). */
export interface EventQuery {
  groupId?: number;
  /** Local dates YYYY-MM-DD, inclusive; default: from a week ago. */
  from?: string;
  to?: string;
  communityId?: number;
  cursor?: string;
  limit?: number;
}

/** door code scanned during an event the caller signed up for. */
export interface EventScanResponse {
  kind: 'event_checkin';
  event: EventView;
}

// ---------- what the centre produces ----------

export interface CentreReportQuery {
  from?: string;
  to?: string;
  communityId?: number;
}

export interface CentreReportWeek {
  /** Local date of the week's Monday. */
  week: string;
  events: number;
  eventsByKind: Record<GroupKind, number>;
  signedUp: number;
  attended: number;
  /** Residents who shared an event or group with someone for the first time. */
  metSomeoneNew: number;
  activeGroupMembers: number;
  feedback: Record<Mood, number>;
  thanks: number;
  groupRoomMinutes: number;
  individualRoomMinutes: number;
  staffRoomMinutes: number;
}

export interface CentreReport {
  from: string;
  to: string;
  weeks: CentreReportWeek[];
  totals: Omit<CentreReportWeek, 'week'>;
}
