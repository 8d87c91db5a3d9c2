import { SHANGHAI_OFFSET_MS } from '@linli/shared-types';
import dayjs, { type Dayjs } from 'dayjs';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);

/**
 * A fixed offset (shared-types' SHANGHAI_OFFSET_MS): dayjs's timezone plugin would need Intl time-zone data, which
 * WeChat's JS engines do not all have.
 */
export function inShanghai(iso: string | Date): Dayjs {
  return dayjs(iso).utcOffset(SHANGHAI_OFFSET_MS / 60_000);
}

/** A list or detail timestamp: 今天 14:30, 昨天 09:05, 12月3日 14:30, 2025年12月3日 14:30. */
export function formatShanghaiTime(iso: string | null | undefined, now: Date = new Date()): string {
  if (!iso) return '';
  const time = inShanghai(iso);
  if (!time.isValid()) return '';
  const today = inShanghai(now).startOf('day');
  const day = time.startOf('day');
  const clock = time.format('HH:mm');
  if (day.isSame(today)) return `今天 ${clock}`;
  if (day.isSame(today.subtract(1, 'day'))) return `昨天 ${clock}`;
  if (time.year() === today.year()) return time.format('M月D日 HH:mm');
  return time.format('YYYY年M月D日 HH:mm');
}
