import {
  everyPage,
  type CreateEventRequest,
  type CreateGroupRequest,
  type EventDetail,
  type EventFeedbackRequest,
  type EventQuery,
  type EventSignupResponse,
  type EventThanksRequest,
  type EventThanksView,
  type EventView,
  type GroupBookingRequest,
  type GroupBookingResponse,
  type GroupDetail,
  type GroupMemberView,
  type GroupNoticeRequest,
  type GroupNoticeView,
  type GroupView,
  type Page,
  type ScanResponse,
} from '@linli/shared-types';
import { http } from './http';

/* 活动中心: interest groups 兴趣小组 and resident events 社区活动 (PRODUCT.md "Life in the activity centre"). */

/** The approved groups of the caller's community, and the caller's own proposals. */
export function listGroups(cursor?: string): Promise<Page<GroupView>> {
  return http.get<Page<GroupView>>('groups', { cursor });
}

export function listMyGroups(): Promise<Page<GroupView>> {
  return http.get<Page<GroupView>>('groups/mine');
}

/** Members see members, notices and the calendar; others the card only. */
export function getGroup(id: number): Promise<GroupDetail> {
  return http.get<GroupDetail>(`groups/${id}`);
}

export function proposeGroup(body: CreateGroupRequest): Promise<GroupView> {
  return http.post<GroupView>('groups', body);
}

export function joinGroup(id: number): Promise<GroupView> {
  return http.post<GroupView>(`groups/${id}/join`);
}

export function leaveGroup(id: number): Promise<GroupView> {
  return http.post<GroupView>(`groups/${id}/leave`);
}

export function postGroupNotice(id: number, body: GroupNoticeRequest): Promise<GroupNoticeView> {
  return http.post<GroupNoticeView>(`groups/${id}/notices`, body);
}

/** Leaders: a room for the group, weekly for `weeks` weeks, within the group's weekly quota. */
export function bookForGroup(id: number, body: GroupBookingRequest): Promise<GroupBookingResponse> {
  return http.post<GroupBookingResponse>(`groups/${id}/bookings`, body);
}

export function addGroupLeader(id: number, userId: number): Promise<GroupMemberView[]> {
  return http.post<GroupMemberView[]>(`groups/${id}/leaders`, { userId });
}

/** Events of the caller's community between two local dates (inclusive), soonest first: every page of the window. */
export function listEvents(query: Omit<EventQuery, 'cursor' | 'limit'>): Promise<EventView[]> {
  return everyPage((cursor) => http.get<Page<EventView>>('events', { ...query, cursor, limit: 100 }));
}

export function getEvent(id: number): Promise<EventDetail> {
  return http.get<EventDetail>(`events/${id}`);
}

/** Leaders for their group (staff create them in the console). */
export function createEvent(body: CreateEventRequest): Promise<EventView> {
  return http.post<EventView>('events', body);
}

/** A place, or the waitlist when full: `status` says which. */
export function signUpForEvent(id: number): Promise<EventSignupResponse> {
  return http.post<EventSignupResponse>(`events/${id}/signup`);
}

export function cancelEventSignup(id: number): Promise<EventView> {
  return http.post<EventView>(`events/${id}/cancel-signup`);
}

/** The organiser or a leader of its group calls it off before it starts; everyone in it is told why. */
export function cancelEvent(id: number, reason: string): Promise<EventView> {
  return http.post<EventView>(`events/${id}/cancel`, { reason });
}

export function giveEventFeedback(id: number, body: EventFeedbackRequest): Promise<EventView> {
  return http.post<EventView>(`events/${id}/feedback`, body);
}

export function thankAtEvent(id: number, body: EventThanksRequest): Promise<EventThanksView> {
  return http.post<EventThanksView>(`events/${id}/thanks`, body);
}

/** The room's door code scanned during an event: POST scan checks the caller in (kind `event_checkin`). */
export function scanAtEvent(code: string): Promise<ScanResponse> {
  return http.post<ScanResponse>('scan', { code });
}
