import type {
  ActivityStatus,
  ActivityView,
  AttendancePurpose,
  CreateActivityRequest,
  ManualMinutesRequest,
  RecordAttendanceRequest,
} from '@linli/shared-types';
import { keepPreviousData, useInfiniteQuery, useQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import {
  cancelActivity,
  createActivity,
  fetchActivities,
  fetchActivity,
  fetchAllActivities,
  fetchAttendance,
  fetchLiveCode,
  publishActivity,
  recordAttendance,
  setManualMinutes,
  settleActivity,
  updateActivity,
} from '../services/activities';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';

export const activityKeys = {
  all: ['activities'] as const,
  list: (communityId: number | undefined, status: ActivityStatus | undefined) =>
    ['activities', 'list', communityId ?? null, status ?? 'all'] as const,
  detail: (activityId: number) => ['activities', 'detail', activityId] as const,
  liveCode: (activityId: number, purpose: AttendancePurpose) =>
    ['activities', 'live-code', activityId, purpose] as const,
  attendance: (activityId: number) => ['activities', 'attendance', activityId] as const,
  hoursReport: (communityId: number | undefined) => ['activities', 'hours-report', communityId ?? null] as const,
};

/** The live code rotates every 30 s (CODE_STEP_MS on the server). */
export const LIVE_CODE_STEP_MS = 30_000;

/** Activities of the scoped community for staff, newest first, a cursor page at a time; no status = all. */
export function useManagedActivities(status: ActivityStatus | undefined) {
  const { communityId, ready } = useCommunityScope();
  return useInfiniteQuery({
    queryKey: activityKeys.list(communityId, status),
    queryFn: ({ pageParam, signal }) => fetchActivities({ status, communityId, cursor: pageParam }, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (lastPage) => lastPage.nextCursor ?? undefined,
    enabled: ready,
  });
}

export function useActivity(activityId: number | undefined) {
  return useQuery({
    queryKey: activityKeys.detail(activityId ?? 0),
    queryFn: ({ signal }) => fetchActivity(activityId!, signal),
    enabled: activityId !== undefined,
  });
}

/**
 * How long after a code was fetched (`fetchedAt`, ms) to fetch the next one: just after it expires, so
 * the server is surely on the next step. A browser clock off by more than a step falls back to 30 s.
 */
export function liveCodeRefreshDelay(expiresAt: string | undefined, fetchedAt: number): number {
  const remaining = expiresAt ? new Date(expiresAt).getTime() - fetchedAt : NaN;
  if (!Number.isFinite(remaining) || remaining < 0 || remaining > LIVE_CODE_STEP_MS) return LIVE_CODE_STEP_MS;
  return Math.max(1_000, remaining + 300);
}

/**
 * The code on the projector: refetched when it expires (at most every 30 s), and also while the
 * tab is in the background, so a screen left alone never shows a stale code.
 */
export function useLiveCode(activityId: number | undefined, purpose: AttendancePurpose) {
  return useQuery({
    queryKey: activityKeys.liveCode(activityId ?? 0, purpose),
    queryFn: ({ signal }) => fetchLiveCode(activityId!, purpose, signal),
    enabled: activityId !== undefined,
    placeholderData: keepPreviousData,
    refetchInterval: (query) =>
      query.state.status === 'error'
        ? 10_000
        : liveCodeRefreshDelay(query.state.data?.expiresAt, query.state.dataUpdatedAt),
    refetchIntervalInBackground: true,
    retry: 1,
  });
}

/** The sheet changes while volunteers scan: refreshed every 15 s while open. */
export function useAttendanceSheet(activityId: number | undefined) {
  return useQuery({
    queryKey: activityKeys.attendance(activityId ?? 0),
    queryFn: ({ signal }) => fetchAttendance(activityId!, signal),
    enabled: activityId !== undefined,
    refetchInterval: 15_000,
  });
}

export interface HoursReportRow {
  activity: ActivityView;
  month: string;
  volunteers: number;
  minutes: number;
}

/**
 * Credited minutes per settled activity, from each activity's attendance sheet: one request per
 * settled activity. A server report (GET activities/hours-report?from&to) would replace this.
 */
export function useVolunteerHoursReport(monthOf: (iso: string) => string) {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: activityKeys.hoursReport(communityId),
    queryFn: async ({ signal }) => {
      const settled = await fetchAllActivities({ status: 'settled', communityId }, signal);
      const rows: HoursReportRow[] = [];
      // A few at a time, not hundreds of parallel requests.
      for (let i = 0; i < settled.length; i += 4) {
        const sheets = await Promise.all(
          settled.slice(i, i + 4).map((activity) => fetchAttendance(activity.id, signal)),
        );
        for (const sheet of sheets) {
          const credited = sheet.rows.map((row) => row.creditedMinutes ?? 0).filter((minutes) => minutes > 0);
          rows.push({
            activity: sheet.activity,
            month: monthOf(sheet.activity.startAt),
            volunteers: credited.length,
            minutes: credited.reduce((sum, minutes) => sum + minutes, 0),
          });
        }
      }
      return rows;
    },
    enabled: ready,
    staleTime: 60_000,
  });
}

/** After any change: lists, the activity, its sheet and the audit log are stale. */
function useActivityChanged() {
  const queryClient = useQueryClient();
  return (activity?: ActivityView) => {
    if (activity) queryClient.setQueryData(activityKeys.detail(activity.id), activity);
    return Promise.all([
      queryClient.invalidateQueries({ queryKey: ['activities', 'list'] }),
      queryClient.invalidateQueries({ queryKey: ['activities', 'attendance'] }),
      queryClient.invalidateQueries({ queryKey: ['activities', 'hours-report'] }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
  };
}

export interface SaveActivityVariables {
  /** Absent: create a draft. */
  activityId?: number;
  input: CreateActivityRequest;
}

export function useSaveActivity() {
  const changed = useActivityChanged();
  return useGuardedMutation({
    mutationFn: ({ activityId, input }: SaveActivityVariables) =>
      activityId === undefined ? createActivity(input) : updateActivity(activityId, input),
    onSuccess: changed,
  });
}

export function usePublishActivity() {
  const changed = useActivityChanged();
  return useGuardedMutation({ mutationFn: (activityId: number) => publishActivity(activityId), onSuccess: changed });
}

export function useCancelActivity() {
  const changed = useActivityChanged();
  return useGuardedMutation({
    mutationFn: ({ activityId, reason }: { activityId: number; reason: string }) => cancelActivity(activityId, reason),
    onSuccess: changed,
  });
}

export function useRecordAttendance(activityId: number) {
  const changed = useActivityChanged();
  return useGuardedMutation({
    mutationFn: (body: RecordAttendanceRequest) => recordAttendance(activityId, body),
    onSuccess: () => changed(),
  });
}

export function useManualMinutes(activityId: number) {
  const queryClient = useQueryClient();
  const changed = useActivityChanged();
  return useGuardedMutation({
    mutationFn: ({ userId, ...body }: ManualMinutesRequest & { userId: number }) =>
      setManualMinutes(activityId, userId, body),
    onSuccess: (sheet) => {
      queryClient.setQueryData(activityKeys.attendance(activityId), sheet);
      return changed();
    },
  });
}

export function useSettleActivity() {
  const changed = useActivityChanged();
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: (activityId: number) => settleActivity(activityId),
    onSuccess: (result) =>
      Promise.all([changed(result.activity), queryClient.invalidateQueries({ queryKey: ['timebank'] })]),
  });
}
