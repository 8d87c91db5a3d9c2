import type {
  AcceptRequestRequest,
  ExtendRequestRequest,
  MarkUnreasonableRequest,
  Page,
  RequestAssignee,
  RequestAssigneesQuery,
  ReferRequestRequest,
  RequestDetail,
  RequestHelpTaskRequest,
  RequestProgressRequest,
  RequestQueueQuery,
  RequestStats,
  RequestStatsQuery,
  RequestView,
  ResolveRequestRequest,
} from '@linli/shared-types';
import { http } from './http';

/** GET requests (staff: their community; admins: the street or ?communityId): open ones first, most overdue first. */
export function fetchRequestQueue(query: RequestQueueQuery, signal?: AbortSignal): Promise<Page<RequestView>> {
  return http.get<Page<RequestView>>('requests', { ...query }, signal);
}

export function fetchRequest(requestId: number, signal?: AbortSignal): Promise<RequestDetail> {
  return http.get<RequestDetail>(`requests/${requestId}`, undefined, signal);
}

/** The assignee picker: active staff of the community (admins: of the named community, or the street). */
export function fetchRequestAssignees(
  query: RequestAssigneesQuery,
  signal?: AbortSignal,
): Promise<Page<RequestAssignee>> {
  return http.get<Page<RequestAssignee>>('requests/assignees', { ...query }, signal);
}

export function fetchRequestStats(query: RequestStatsQuery, signal?: AbortSignal): Promise<RequestStats> {
  return http.get<RequestStats>('requests/stats', { ...query }, signal);
}

/** 受理: assigneeId defaults to the caller (staff); admins must name a staff member. */
export function acceptRequest(requestId: number, body: AcceptRequestRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/accept`, body);
}

export function addRequestProgress(requestId: number, body: RequestProgressRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/progress`, body);
}

export function resolveRequest(requestId: number, body: ResolveRequestRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/resolve`, body);
}

export function referRequest(requestId: number, body: ReferRequestRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/refer`, body);
}

export function extendRequest(requestId: number, body: ExtendRequestRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/extend`, body);
}

export function markRequestUnreasonable(requestId: number, body: MarkUnreasonableRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/unreasonable`, body);
}

/** Admins confirm a staff member's 不合理诉求 mark; the request then leaves the rates. */
export function confirmRequestUnreasonable(requestId: number): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/unreasonable/confirm`);
}

/** 派给志愿者: a help task for the resident on the mutual-help board, paid from the community pool. */
export function createRequestHelpTask(requestId: number, body: RequestHelpTaskRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${requestId}/help-task`, body);
}
