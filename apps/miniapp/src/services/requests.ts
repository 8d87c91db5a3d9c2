import type {
  CreateRequestRequest,
  Page,
  RateRequestRequest,
  RequestDetail,
  RequestFeedQuery,
  RequestSecondResponse,
  RequestView,
  ReopenRequestRequest,
} from '@linli/shared-types';
import { http } from './http';

/** A verified resident raises a request (photos uploaded first, see services/uploads). */
export function createRequest(body: CreateRequestRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>('requests', body);
}

/** The caller's own requests, newest first. */
export function listMyRequests(query: RequestFeedQuery): Promise<Page<RequestView>> {
  return http.get<Page<RequestView>>('requests/mine', { ...query });
}

/** Public requests of the caller's community, newest first. */
export function listPublicRequests(query: RequestFeedQuery): Promise<Page<RequestView>> {
  return http.get<Page<RequestView>>('requests/public', { ...query });
}

/** One request with its timeline (own, or a neighbour's public one). */
export function getRequest(id: number): Promise<RequestDetail> {
  return http.get<RequestDetail>(`requests/${id}`);
}

/** 我也遇到: one per resident. */
export function secondRequest(id: number): Promise<RequestSecondResponse> {
  return http.post<RequestSecondResponse>(`requests/${id}/second`);
}

/** The call-back 回访: 是否解决 and how satisfied; closes the request. */
export function rateRequest(id: number, body: RateRequestRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${id}/rate`, body);
}

/** 重办: once, within 7 days of the resolution. */
export function reopenRequest(id: number, body: ReopenRequestRequest): Promise<RequestDetail> {
  return http.post<RequestDetail>(`requests/${id}/reopen`, body);
}
