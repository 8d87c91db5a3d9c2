import type { ActivityView, NoticeStats, NoticeSummary } from '@linli/shared-types';
import { useQuery } from '@tanstack/react-query';
import { communityToday } from '../lib/booking-format';
import { dayjs, COMMUNITY_TIME_ZONE } from '../lib/dayjs';
import { fetchAllActivities } from '../services/activities';
import { fetchManagedNotices, fetchNoticeStats } from '../services/notices';
import { useCommunityScope } from './useCommunityScope';

/** How many published notices needing confirmation the 工作台 checks (the newest ones). */
const ACK_NOTICES_CHECKED = 10;

export interface NoticeAckGap {
  notice: NoticeSummary;
  stats: NoticeStats;
  /** Residents addressed who have not confirmed yet. */
  missing: number;
}

export const workbenchKeys = {
  all: ['workbench'] as const,
  ackGaps: (communityId: number | undefined) => ['workbench', 'ack-gaps', communityId ?? null] as const,
  activitiesToday: (communityId: number | undefined, date: string) =>
    ['workbench', 'activities-today', communityId ?? null, date] as const,
};

/**
 * Published notices that need a confirmation and still miss some, most missing first. There is no
 * aggregated endpoint: the first page of published notices, then one stats call per notice needing one.
 */
export function useNoticeAckGaps() {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: workbenchKeys.ackGaps(communityId),
    queryFn: async ({ signal }): Promise<NoticeAckGap[]> => {
      const page = await fetchManagedNotices({ status: 'published', communityId, limit: 50 }, signal);
      const needingAck = page.items.filter((notice) => notice.requiresAck).slice(0, ACK_NOTICES_CHECKED);
      const stats = await Promise.all(needingAck.map((notice) => fetchNoticeStats(notice.id, signal)));
      return needingAck
        .map((notice, index) => ({
          notice,
          stats: stats[index],
          missing: stats[index].audience - stats[index].ackCount,
        }))
        .filter((gap) => gap.missing > 0)
        .sort((a, b) => b.missing - a.missing);
    },
    enabled: ready,
    staleTime: 60_000,
  });
}

function isOnDate(activity: ActivityView, date: string): boolean {
  const start = dayjs(activity.startAt).tz(COMMUNITY_TIME_ZONE).format('YYYY-MM-DD');
  const end = dayjs(activity.endAt).tz(COMMUNITY_TIME_ZONE).format('YYYY-MM-DD');
  return start <= date && date <= end;
}

/** Published volunteer activities running on the community's today, earliest first. */
export function useActivitiesToday() {
  const { communityId, ready } = useCommunityScope();
  const today = communityToday();
  return useQuery({
    queryKey: workbenchKeys.activitiesToday(communityId, today),
    queryFn: ({ signal }) => fetchAllActivities({ status: 'published', communityId }, signal),
    select: (rows) =>
      rows.filter((activity) => isOnDate(activity, today)).sort((a, b) => a.startAt.localeCompare(b.startAt)),
    enabled: ready,
    staleTime: 60_000,
  });
}
