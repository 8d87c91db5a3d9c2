import type { ActivityView, Page, PersonalCodeView, ScanRequest, ScanResponse } from '@linli/shared-types';
import { http } from './http';

/** The caller's community: published and settled activities, newest first. */
export function listActivities(cursor?: string): Promise<Page<ActivityView>> {
  return http.get<Page<ActivityView>>('activities', { cursor });
}

export function getActivity(id: number): Promise<ActivityView> {
  return http.get<ActivityView>(`activities/${id}`);
}

/** My sign-ups with their check-in state (one page, at most 100). */
export function listMyActivities(): Promise<Page<ActivityView>> {
  return http.get<Page<ActivityView>>('activities/mine');
}

/** Verified volunteers only; refusals carry the ACTIVITY_* codes. */
export function signUpForActivity(id: number): Promise<ActivityView> {
  return http.post<ActivityView>(`activities/${id}/signup`, {});
}

/** Until 2 h before the start, and not after a check-in. */
export function cancelActivitySignup(id: number): Promise<ActivityView> {
  return http.post<ActivityView>(`activities/${id}/cancel-signup`, {});
}

/** The volunteer's personal rotating code (QR text + 6 digits, 30 s steps). */
export function getPersonalCode(): Promise<PersonalCodeView> {
  return http.get<PersonalCodeView>('me/code');
}

/** An activity's live code (scanned or typed), with the expected activity and purpose when known. */
export function postActivityScan(body: ScanRequest): Promise<ScanResponse> {
  return http.post<ScanResponse>('scan', body);
}
