import type {
  CareRecipientView,
  CommonsView,
  HelpRequestStatus,
  HelpRequestView,
  Page,
  SetCareRecipientRequest,
  SettleHelpRequest,
} from '@linli/shared-types';
import { http } from '../services/http';

/* 邻里互助 for staff: the community's help requests, disputes to settle, the commons and escrow. */

/** GET help-requests: staff see every state of their community (admins: the street). */
export function fetchHelpRequests(
  query: { status?: HelpRequestStatus; cursor?: string },
  signal?: AbortSignal,
): Promise<Page<HelpRequestView>> {
  return http.get<Page<HelpRequestView>>('help-requests', { ...query, limit: 50 }, signal);
}

export function settleHelpRequest(id: number, body: SettleHelpRequest): Promise<HelpRequestView> {
  return http.post<HelpRequestView>(`help-requests/${id}/settle`, body);
}

/** Who staff flagged as care recipients 帮扶对象: their help requests are paid from the community pool. */
export function fetchCareRecipients(
  communityId: number | undefined,
  signal?: AbortSignal,
): Promise<CareRecipientView[]> {
  return http.get<CareRecipientView[]>('help-requests/care-recipients', { communityId }, signal);
}

export function setCareRecipient(residentId: number, careRecipient: boolean): Promise<CareRecipientView> {
  const body: SetCareRecipientRequest = { careRecipient };
  return http.post<CareRecipientView>(`residents/${residentId}/care-recipient`, body);
}

export function fetchCommons(communityId: number | undefined, signal?: AbortSignal): Promise<CommonsView> {
  return http.get<CommonsView>('timebank/commons', { communityId }, signal);
}
