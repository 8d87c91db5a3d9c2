import type {
  Page,
  PostingResponse,
  StatementItem,
  TimebankAccountView,
  TransferRecipient,
  TransferRequest,
} from '@linli/shared-types';
import { http } from './http';

/** Verified residents only; pending ones get 403 RESIDENT_NOT_VERIFIED. */
export function getTimebankAccount(): Promise<TimebankAccountView> {
  return http.get<TimebankAccountView>('timebank/account');
}

export function listStatement(cursor?: string): Promise<Page<StatementItem>> {
  return http.get<Page<StatementItem>>('timebank/transactions', { cursor });
}

/** A retry of the same attempt must send the same key: the server then answers the first result once more. */
export function transferCredits(body: TransferRequest, idempotencyKey: string): Promise<PostingResponse> {
  return http.post<PostingResponse>('timebank/transfers', body, { 'Idempotency-Key': idempotencyKey });
}

/** The neighbour behind a typed account number; refused (404/422) as the transfer itself would be. */
export function getRecipient(userId: number): Promise<TransferRecipient> {
  return http.get<TransferRecipient>(`timebank/recipients/${userId}`);
}

/** Verified neighbours whose name contains q (at most 20; never the caller). */
export function searchRecipients(q: string): Promise<Page<TransferRecipient>> {
  return http.get<Page<TransferRecipient>>('timebank/recipients', { q });
}
