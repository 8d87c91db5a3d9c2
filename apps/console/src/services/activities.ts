import {
  everyPage,
  type ActivityQuery,
  type ActivityView,
  type AttendancePurpose,
  type AttendanceSheet,
  type CreateActivityRequest,
  type LiveCodeView,
  type ManualMinutesRequest,
  type MyAttendanceView,
  type Page,
  type RecordAttendanceRequest,
  type SettleActivityResponse,
  type UpdateActivityRequest,
} from '@linli/shared-types';
import { http } from './http';

/** GET activities (staff): every activity of the community (admins: ?communityId), newest first. */
export function fetchActivities(query: ActivityQuery, signal?: AbortSignal): Promise<Page<ActivityView>> {
  return http.get<Page<ActivityView>>('activities', { ...query }, signal);
}

/** Every page of GET activities with a status: bounded to ten pages of a hundred. */
export function fetchAllActivities(
  query: Omit<ActivityQuery, 'cursor' | 'limit'>,
  signal?: AbortSignal,
): Promise<ActivityView[]> {
  return everyPage((cursor) => fetchActivities({ ...query, cursor, limit: 100 }, signal));
}

export function fetchActivity(activityId: number, signal?: AbortSignal): Promise<ActivityView> {
  return http.get<ActivityView>(`activities/${activityId}`, undefined, signal);
}

/** Created as a draft in the caller's community; publishing is a separate step. */
export function createActivity(input: CreateActivityRequest): Promise<ActivityView> {
  return http.post<ActivityView>('activities', input);
}

export function updateActivity(activityId: number, change: UpdateActivityRequest): Promise<ActivityView> {
  return http.patch<ActivityView>(`activities/${activityId}`, change);
}

export function publishActivity(activityId: number): Promise<ActivityView> {
  return http.post<ActivityView>(`activities/${activityId}/publish`);
}

/** The volunteers signed up are told the reason. */
export function cancelActivity(activityId: number, reason: string): Promise<ActivityView> {
  return http.post<ActivityView>(`activities/${activityId}/cancel`, { reason });
}

/** The rotating code shown at the door; it changes every 30 s. */
export function fetchLiveCode(
  activityId: number,
  purpose: AttendancePurpose,
  signal?: AbortSignal,
): Promise<LiveCodeView> {
  return http.get<LiveCodeView>(`activities/${activityId}/live-code`, { purpose }, signal);
}

export function fetchAttendance(activityId: number, signal?: AbortSignal): Promise<AttendanceSheet> {
  return http.get<AttendanceSheet>(`activities/${activityId}/attendance`, undefined, signal);
}

/** Staff check a volunteer in or out with the volunteer's personal code (QR text or 6 digits). */
export function recordAttendance(activityId: number, body: RecordAttendanceRequest): Promise<MyAttendanceView> {
  return http.post<MyAttendanceView>(`activities/${activityId}/attendance`, body);
}

export function setManualMinutes(
  activityId: number,
  userId: number,
  body: ManualMinutesRequest,
): Promise<AttendanceSheet> {
  return http.post<AttendanceSheet>(`activities/${activityId}/attendance/${userId}/manual`, body);
}

/** Credits each volunteer once; settling again credits nothing more. */
export function settleActivity(activityId: number): Promise<SettleActivityResponse> {
  return http.post<SettleActivityResponse>(`activities/${activityId}/settle`);
}
