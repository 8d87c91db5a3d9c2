import type {
  CommonsView,
  ConfirmHelpRequest,
  CreateHelpRequest,
  FamilyTransferRequest,
  HelpRequestStatus,
  HelpRequestView,
  Page,
  PostingResponse,
} from '@linli/shared-types';
import { http } from './http';

/** Subpackage 互助, from 首页 and the 志愿 tab (the server's inbox links open `detail?id=`). */
export const helpPages = {
  index: '/packages/help/pages/index/index',
  post: '/packages/help/pages/post/index',
  detail: '/packages/help/pages/detail/index',
  mine: '/packages/help/pages/mine/index',
  commons: '/packages/help/pages/commons/index',
  family: '/packages/help/pages/family/index',
} as const;

/** Open requests of my community (the server's default for residents), newest first. */
export function listHelpRequests(cursor?: string, status?: HelpRequestStatus): Promise<Page<HelpRequestView>> {
  return http.get<Page<HelpRequestView>>('help-requests', { cursor, status });
}

/** The ones I posted, offered on or took (the latest 50). */
export function listMyHelpRequests(): Promise<Page<HelpRequestView>> {
  return http.get<Page<HelpRequestView>>('help-requests/mine');
}

export function getHelpRequest(id: number): Promise<HelpRequestView> {
  return http.get<HelpRequestView>(`help-requests/${id}`);
}

export function postHelpRequest(body: CreateHelpRequest): Promise<HelpRequestView> {
  return http.post<HelpRequestView>('help-requests', body);
}

export const helpActions = {
  offer: (id: number) => http.post<HelpRequestView>(`help-requests/${id}/offer`),
  choose: (id: number, helperId: number) => http.post<HelpRequestView>(`help-requests/${id}/choose`, { helperId }),
  done: (id: number) => http.post<HelpRequestView>(`help-requests/${id}/done`),
  confirm: (id: number, body: ConfirmHelpRequest) => http.post<HelpRequestView>(`help-requests/${id}/confirm`, body),
  dispute: (id: number, reason: string) => http.post<HelpRequestView>(`help-requests/${id}/dispute`, { reason }),
  cancel: (id: number) => http.post<HelpRequestView>(`help-requests/${id}/cancel`),
};

/** The helper scans the poster's personal code at the meeting (POST scan recognises it). */
export function scanHelpArrival(code: string): Promise<unknown> {
  return http.post<unknown>('scan', { code });
}

export function getCommons(): Promise<CommonsView> {
  return http.get<CommonsView>('timebank/commons');
}

export function donateToCommons(minutes: number): Promise<PostingResponse> {
  return http.post<PostingResponse>('timebank/donations', { minutes });
}

/** A retry of the same attempt must send the same key: the server then answers the first result once more. */
export function transferToFamily(body: FamilyTransferRequest, idempotencyKey: string): Promise<PostingResponse> {
  return http.post<PostingResponse>('timebank/family-transfers', body, { 'Idempotency-Key': idempotencyKey });
}
