import type { IsoDateTime } from './common.js';

/** Lifecycle of a volunteer activity (PRODUCT.md "Volunteer activities and QR check-in"). */
export const activityStatuses = ['draft', 'published', 'settled', 'cancelled'] as const;
export type ActivityStatus = (typeof activityStatuses)[number];

export const activityStatusLabels: Record<ActivityStatus, string> = {
  draft: '草稿',
  published: '已发布',
  settled: '已结算',
  cancelled: '已取消',
};

/** What a rotating code is for. */
export const attendancePurposes = ['checkin', 'checkout'] as const;
export type AttendancePurpose = (typeof attendancePurposes)[number];

export const ACTIVITY_TITLE_MAX = 100;
export const ACTIVITY_PLACE_MAX = 200;
export const ACTIVITY_DESCRIPTION_MAX = 2000;
export const MANUAL_REASON_MAX = 200;

export interface Geofence {
  lat: number;
  lng: number;
  radiusM: number;
}

/** The caller's own sign-up and attendance. */
export interface MyAttendanceView {
  activityId: number;
  signedUpAt: IsoDateTime;
  checkedInAt: IsoDateTime | null;
  checkedOutAt: IsoDateTime | null;
  /** Minutes credited at settlement; null until settled. */
  creditedMinutes: number | null;
}

export interface ActivityView {
  id: number;
  communityId: number;
  /** Staff lists: the community's name, for the street-wide console's 社区 column. */
  communityName?: string;
  title: string;
  description: string;
  place: string;
  geofence: Geofence | null;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  signupDeadline: IsoDateTime;
  capacity: number;
  signedUp: number;
  placesLeft: number;
  status: ActivityStatus;
  settledAt: IsoDateTime | null;
  /** The caller's sign-up, when they have one. */
  mine: MyAttendanceView | null;
  createdAt: IsoDateTime;
}

/** POST activities (staff): created as a draft. */
export interface CreateActivityRequest {
  title: string;
  description: string;
  place: string;
  geofence?: Geofence | null;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  capacity: number;
  signupDeadline: IsoDateTime;
}

/** PATCH activities/:id (staff): any field; times and capacity are checked again. */
export type UpdateActivityRequest = Partial<CreateActivityRequest>;

export interface ActivityQuery {
  cursor?: string;
  limit?: number;
  status?: ActivityStatus;
  communityId?: number;
}

/** GET activities/:id/live-code?purpose= (staff): the text of the QR code shown at the door; it changes every step. */
export interface LiveCodeView {
  activityId: number;
  purpose: AttendancePurpose;
  code: string;
  /** The same code as 8 digits, to type when the phone cannot scan (POST scan accepts "1234 5678"). */
  shortCode: string;
  step: number;
  /** When the next code replaces this one (it is still accepted for one more step). */
  expiresAt: IsoDateTime;
  /** Volunteers checked in so far (for the projector page). */
  checkedIn: number;
}

/** GET me/code: the volunteer's personal rotating code, for staff to scan or type when the phone cannot scan. */
export interface PersonalCodeView {
  /** The QR text. */
  code: string;
  /** The same code as 6 digits, to read out. */
  digits: string;
  step: number;
  expiresAt: IsoDateTime;
}

/** POST activities/:id/cancel (staff): the volunteers signed up are told the reason. */
export interface CancelActivityRequest {
  reason: string;
}

/** POST activities/:id/attendance (staff): a volunteer's personal code (QR text or 6 digits). */
export interface RecordAttendanceRequest {
  userCode: string;
  action: AttendancePurpose;
}

/** POST activities/:id/attendance/:userId/manual (staff): minutes for a missing check-out. */
export interface ManualMinutesRequest {
  minutes: number;
  reason: string;
}

export interface AttendanceRow {
  userId: number;
  name: string | null;
  /** Masked. */
  phone: string | null;
  signedUpAt: IsoDateTime;
  checkedInAt: IsoDateTime | null;
  checkedOutAt: IsoDateTime | null;
  /** From the check-in and check-out (PRODUCT.md rule). */
  computedMinutes: number;
  manualMinutes: number | null;
  manualReason: string | null;
  /** What settlement credits: manual minutes when entered, else the computed ones. */
  minutes: number;
  settledAt: IsoDateTime | null;
  creditedMinutes: number | null;
}

export interface AttendanceSheet {
  activity: ActivityView;
  rows: AttendanceRow[];
  totalMinutes: number;
}

/** POST activities/:id/settle: what this call credited (0 when settled before). */
export interface SettleActivityResponse {
  activity: ActivityView;
  credited: number;
  creditedMinutes: number;
  alreadySettled: number;
}

/** What POST scan did with an activity code. */
export type ActivityScanResponse =
  | { kind: 'activity_checkin'; activity: ActivityView; attendance: MyAttendanceView }
  | { kind: 'activity_checkout'; activity: ActivityView; attendance: MyAttendanceView };
