import type { CentreReportQuery, CreateEventRequest, GroupStatus } from '@linli/shared-types';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import {
  approveGroup,
  cancelEvent,
  createEvent,
  declineGroup,
  fetchCentreReport,
  fetchEvent,
  fetchEvents,
  fetchGroup,
  fetchGroups,
  setGroupQuota,
} from '../services/centre';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';

const centreKeys = {
  all: ['centre'] as const,
  groups: (communityId: number | undefined, status: GroupStatus | undefined) =>
    ['centre', 'groups', communityId ?? null, status ?? null] as const,
  group: (groupId: number) => ['centre', 'group', groupId] as const,
  events: (communityId: number | undefined, from: string, to: string) =>
    ['centre', 'events', communityId ?? null, from, to] as const,
  event: (eventId: number) => ['centre', 'event', eventId] as const,
  report: (query: CentreReportQuery) => ['centre', 'report', query] as const,
};

/** The scoped community's groups, newest first; `status` narrows to 待审核 / 已成立 / 未通过. */
export function useGroups(status: GroupStatus | undefined) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: centreKeys.groups(communityId, status),
    queryFn: ({ pageParam, signal }) => fetchGroups({ status, communityId, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    placeholderData: keepPreviousData,
    enabled: ready,
  });
}

export function useGroupDetail(groupId: number | null) {
  return useQuery({
    queryKey: centreKeys.group(groupId ?? 0),
    queryFn: ({ signal }) => fetchGroup(groupId!, signal),
    enabled: groupId !== null,
  });
}

export type GroupActionInput =
  { action: 'approve' } | { action: 'decline'; reason: string } | { action: 'quota'; weeklyQuotaMinutes: number };

/** 批准, 不予批准 (with a reason), 每周时长: lists, report and audit go stale. */
export function useGroupAction(groupId: number) {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: (input: GroupActionInput) =>
      input.action === 'approve'
        ? approveGroup(groupId)
        : input.action === 'decline'
          ? declineGroup(groupId, input.reason)
          : setGroupQuota(groupId, input.weeklyQuotaMinutes),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: centreKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

/** Events of the scoped community between two local dates. */
export function useEvents(from: string, to: string) {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: centreKeys.events(communityId, from, to),
    queryFn: ({ signal }) => fetchEvents({ from, to, communityId }, signal),
    placeholderData: keepPreviousData,
    enabled: ready,
  });
}

export function useEventDetail(eventId: number | null) {
  return useQuery({
    queryKey: centreKeys.event(eventId ?? 0),
    queryFn: ({ signal }) => fetchEvent(eventId!, signal),
    enabled: eventId !== null,
  });
}

export function useCreateEvent() {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: (body: CreateEventRequest) => createEvent(body),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: centreKeys.all }),
  });
}

export function useCancelEvent(eventId: number) {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: (reason: string) => cancelEvent(eventId, reason),
    onSettled: () =>
      Promise.all([
        queryClient.invalidateQueries({ queryKey: centreKeys.all }),
        queryClient.invalidateQueries({ queryKey: auditKeys.all }),
      ]),
  });
}

export function useCentreReport(query: CentreReportQuery) {
  const { ready } = useCommunityScope();
  return useQuery({
    queryKey: centreKeys.report(query),
    queryFn: ({ signal }) => fetchCentreReport(query, signal),
    placeholderData: keepPreviousData,
    enabled: ready,
  });
}
