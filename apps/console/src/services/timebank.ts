import type {
  AdjustmentRequest,
  IsoDateTime,
  LedgerAuditResult,
  LedgerTransactionView,
  Page,
  ReverseTransactionRequest,
  StatementItem,
  TimebankAccountListItem,
  TimebankAccountQuery,
  TimebankMonthlyStatsResponse,
} from '@linli/shared-types';
import { http, requestFile } from './http';

/**
 * Not in shared-types: the last movement of an account. The console shows it when the server sends it
 * (GET timebank/accounts does not yet), so the column appears without a console release.
 */
export interface TimebankAccountRow extends TimebankAccountListItem {
  lastActivityAt?: IsoDateTime | null;
}

/** GET timebank/accounts: accounts of the community, pool included, newest first (staff; admins name the community). */
export function fetchTimebankAccounts(
  query: TimebankAccountQuery,
  signal?: AbortSignal,
): Promise<Page<TimebankAccountRow>> {
  return http.get<Page<TimebankAccountRow>>('timebank/accounts', { ...query }, signal);
}

/** Every account of the community as CSV (UTF-8 with BOM). */
export function fetchTimebankAccountsCsv(communityId: number | undefined): Promise<Blob> {
  const query = communityId === undefined ? '' : `?communityId=${communityId}`;
  return requestFile(`timebank/accounts.csv${query}`, 'text/csv');
}

/** A resident's statement as staff see it, newest first. */
export function fetchAccountStatement(
  userId: number,
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<StatementItem>> {
  return http.get<Page<StatementItem>>(`timebank/accounts/${userId}/transactions`, { cursor }, signal);
}

/** A community account's statement: the pool (credits issued and spent), the escrow (holds) or the commons. */
export function fetchPoolStatement(
  communityId: number | undefined,
  kind: 'pool' | 'escrow' | 'commons',
  cursor: string | undefined,
  signal?: AbortSignal,
): Promise<Page<StatementItem>> {
  return http.get<Page<StatementItem>>('timebank/pool/transactions', { communityId, kind, cursor }, signal);
}

/** Writes the reversal of a transaction (at most once; refused if it would overdraw a resident). */
export function reverseTransaction(transactionId: number, reason: string): Promise<LedgerTransactionView> {
  const body: ReverseTransactionRequest = { reason };
  return http.post<LedgerTransactionView>(`timebank/transactions/${transactionId}/reverse`, body);
}

/** Admins only: credits added (positive minutes) or taken back (negative). */
export function postAdjustment(body: AdjustmentRequest): Promise<LedgerTransactionView> {
  return http.post<LedgerTransactionView>('timebank/adjustments', body);
}

export function fetchMonthlyStats(
  communityId: number | undefined,
  months: number,
  signal?: AbortSignal,
): Promise<TimebankMonthlyStatsResponse> {
  return http.get<TimebankMonthlyStatsResponse>('timebank/stats/monthly', { communityId, months }, signal);
}

/** Recomputes every balance from the ledger entries on the server. */
export function fetchLedgerAudit(communityId: number | undefined, signal?: AbortSignal): Promise<LedgerAuditResult> {
  return http.get<LedgerAuditResult>('timebank/audit', { communityId }, signal);
}
