import type { IsoDateTime } from './common.js';

/** What an inbox entry is about; later features add theirs. */
export const notificationKinds = [
  'notice_ack_required',
  'booking_decision',
  'booking_no_show',
  'activity_reminder',
  'activity_cancelled',
  'credits_received',
  'help_request',
  'group_decision',
  'group_notice',
  'event_promoted',
  'event_cancelled',
  'centre_thanks',
  'family_binding',
  'family_credit',
  'proxy_act',
  'request_status',
  'request_deadline',
] as const;
export type NotificationKind = (typeof notificationKinds)[number];

export interface NotificationView {
  id: number;
  kind: NotificationKind;
  title: string;
  body: string;
  /** A mini-app page, e.g. "/pages/notice/detail?id=12". */
  link: string | null;
  read: boolean;
  readAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

export interface NotificationReadAllResponse {
  updated: number;
}
