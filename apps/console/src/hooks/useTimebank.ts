import type { AdjustmentRequest } from '@linli/shared-types';
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { safeFilename, saveBlob } from '../lib/download';
import { fetchResidents } from '../services/residents';
import {
  fetchAccountStatement,
  fetchLedgerAudit,
  fetchMonthlyStats,
  fetchPoolStatement,
  fetchTimebankAccounts,
  fetchTimebankAccountsCsv,
  postAdjustment,
  reverseTransaction,
} from '../services/timebank';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';
import { useCurrentUser } from './useSession';

/** The community's own accounts: the pool, the escrow of held credits (冻结), the commons 公益池. */
export type CommunityAccountKind = 'pool' | 'escrow' | 'commons';

/** Whose statement: a resident's account (by user id) or one of the community's own accounts. */
export type StatementOwner = { kind: 'resident'; userId: number } | { kind: CommunityAccountKind };

export const timebankKeys = {
  all: ['timebank'] as const,
  accounts: (communityId: number | undefined) => ['timebank', 'accounts', communityId ?? null] as const,
  statement: (communityId: number | undefined, owner: StatementOwner | null) =>
    [
      'timebank',
      'statement',
      communityId ?? null,
      owner?.kind ?? null,
      owner?.kind === 'resident' ? owner.userId : null,
    ] as const,
  monthly: (communityId: number | undefined, months: number) =>
    ['timebank', 'monthly', communityId ?? null, months] as const,
  // Outside 'timebank': a posting must not silently re-run the audit, whose result says when it was checked.
  ledgerAudit: (communityId: number | undefined) => ['ledger-audit', communityId ?? null] as const,
};

/** Only admins may adjust balances; staff do not see the action at all. */
export function useIsAdmin(): boolean {
  return useCurrentUser().data?.role === 'admin';
}

/** Accounts of the scoped community (the pool among them), a cursor page at a time. */
export function useTimebankAccounts() {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: timebankKeys.accounts(communityId),
    queryFn: ({ pageParam, signal }) => fetchTimebankAccounts({ communityId, cursor: pageParam, limit: 100 }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready,
  });
}

/** One account's statement, newest first; disabled while no account is open. */
export function useAccountStatement(owner: StatementOwner | null) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: timebankKeys.statement(communityId, owner),
    queryFn: ({ pageParam, signal }) =>
      owner?.kind === 'resident'
        ? fetchAccountStatement(owner.userId, pageParam, signal)
        : fetchPoolStatement(communityId, owner?.kind ?? 'pool', pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready && owner !== null,
  });
}

export function useMonthlyStats(months = 12) {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: timebankKeys.monthly(communityId, months),
    queryFn: ({ signal }) => fetchMonthlyStats(communityId, months, signal),
    enabled: ready,
  });
}

/** The ledger audit runs only when staff ask for it (`refetch`): it reads every entry of the community. */
export function useLedgerAudit() {
  const { communityId } = useCommunityScope();
  return useQuery({
    queryKey: timebankKeys.ledgerAudit(communityId),
    queryFn: ({ signal }) => fetchLedgerAudit(communityId, signal),
    enabled: false,
    staleTime: Infinity,
    retry: false,
  });
}

/** Verified residents of the scoped community matching a name, phone or room (the adjustment's picker). */
export function useVerifiedResidentSearch(q: string, enabled: boolean) {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: ['residents', 'list', communityId ?? null, { status: 'verified', q, picker: true }] as const,
    queryFn: ({ signal }) => fetchResidents({ status: 'verified', q: q || undefined, communityId }, signal),
    enabled: ready && enabled,
    select: (page) => page.items,
    placeholderData: (previous) => previous,
  });
}

/** A posting changes balances, statements, the monthly figures and the audit log. */
function useLedgerChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: timebankKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useReverseTransaction() {
  const changed = useLedgerChanged();
  return useMutation({
    mutationFn: ({ transactionId, reason }: { transactionId: number; reason: string }) =>
      reverseTransaction(transactionId, reason),
    onSuccess: changed,
  });
}

export function useAdjustBalance() {
  const changed = useLedgerChanged();
  return useMutation({ mutationFn: (body: AdjustmentRequest) => postAdjustment(body), onSuccess: changed });
}

/** Downloads every account of the community as CSV (the audit log is refreshed in case the server records exports). */
export function useExportTimebankAccounts() {
  const { communityId, community } = useCommunityScope();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      const blob = await fetchTimebankAccountsCsv(communityId);
      saveBlob(blob, `${safeFilename(`${community?.name ?? ''}时间银行账户`, '时间银行账户')}.csv`);
    },
    onSuccess: () => queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
