import type { RequestLight, RequestStatus } from '@linli/shared-types';
import { dayjs } from './dayjs';

/** antd Tag colours; the tag always carries the word (正常 / 临期 / 超期) and a shape, never colour alone. */
export const requestLightColors: Record<RequestLight, string> = { green: 'success', yellow: 'warning', red: 'error' };
export const requestLightGlyphs: Record<RequestLight, string> = { green: '●', yellow: '▲', red: '■' };

export const requestStatusColors: Record<RequestStatus, string> = {
  submitted: 'orange',
  accepted: 'blue',
  in_progress: 'processing',
  resolved: 'cyan',
  closed: 'default',
  referred: 'purple',
};

/** 3 小时后 / 超期 2 天: how far the running deadline is, from now. */
export function deadlineDistance(deadlineAt: string | null, now = Date.now()): string | null {
  if (!deadlineAt) return null;
  const diffMinutes = Math.round((dayjs(deadlineAt).valueOf() - now) / 60_000);
  const text = durationText(Math.abs(diffMinutes));
  return diffMinutes >= 0 ? `剩 ${text}` : `超期 ${text}`;
}

/** Minutes as the largest sensible unit: 45 分钟, 5.5 小时, 3.2 天. */
export function durationText(minutes: number | null): string {
  if (minutes === null) return '—';
  if (minutes < 60) return `${Math.round(minutes)} 分钟`;
  if (minutes < 60 * 48) return `${Number((minutes / 60).toFixed(1))} 小时`;
  return `${Number((minutes / 1440).toFixed(1))} 天`;
}

/** A fraction 0–1 as 87.5%; null (nothing to divide) as —. */
export function rateText(rate: number | null): string {
  return rate === null ? '—' : `${Number((rate * 100).toFixed(1))}%`;
}
