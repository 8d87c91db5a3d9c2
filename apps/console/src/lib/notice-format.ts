import type { BuildingView, NoticeCategory, NoticeStatus, NoticeSummary } from '@linli/shared-types';
import { formatDateTime } from './format';

export const noticeStatusColors: Record<NoticeStatus, string> = {
  draft: 'default',
  scheduled: 'gold',
  published: 'green',
  archived: 'default',
};

export const noticeCategoryColors: Record<NoticeCategory, string> = {
  announcement: 'blue',
  activity: 'magenta',
  policy: 'purple',
  safety: 'red',
  service: 'cyan',
};

/** "全社区" or the names of the chosen buildings; a building not (yet) known shows its number. */
export function audienceLabel(audienceBuildingIds: number[], buildings: BuildingView[] | undefined): string {
  if (audienceBuildingIds.length === 0) return '全社区';
  const names = new Map((buildings ?? []).map((building) => [building.id, building.name]));
  return audienceBuildingIds.map((id) => names.get(id) ?? `楼栋#${id}`).join('、');
}

/** When residents see it: a draft without a time goes out when published. */
export function publishTimeLabel(notice: Pick<NoticeSummary, 'status' | 'publishAt'>): string {
  if (!notice.publishAt) return notice.status === 'draft' ? '发布时立即生效' : '—';
  if (notice.status === 'draft') return `拟定 ${formatDateTime(notice.publishAt)}`;
  return formatDateTime(notice.publishAt);
}

/** A published notice past its expiry is no longer shown to residents. */
export function isExpired(notice: Pick<NoticeSummary, 'expiresAt'>, now = Date.now()): boolean {
  return notice.expiresAt !== null && new Date(notice.expiresAt).getTime() <= now;
}

/** Share of the audience in percent, one decimal; 0 when nobody is addressed. */
export function percentOf(count: number, audience: number): number {
  return audience > 0 ? Math.round((count / audience) * 1000) / 10 : 0;
}
