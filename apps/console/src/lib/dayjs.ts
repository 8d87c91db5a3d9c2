import dayjs from 'dayjs';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';
import 'dayjs/locale/zh-cn';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.locale('zh-cn');

/** Times are stored in UTC and always shown in the community's time zone, whatever the browser's. */
export const COMMUNITY_TIME_ZONE = 'Asia/Shanghai';

export { dayjs };

/**
 * antd's pickers work on the browser's clock. To let staff pick community time whatever the
 * browser's zone, the picker holds the community's wall-clock time as if it were local.
 */
const WALL_CLOCK = 'YYYY-MM-DDTHH:mm:ss';

/** An instant as a picker value showing community time. */
export function toCommunityWallClock(iso: string): dayjs.Dayjs {
  return dayjs(dayjs(iso).tz(COMMUNITY_TIME_ZONE).format(WALL_CLOCK));
}

/** A picker value (community wall-clock time) as an ISO instant in UTC, e.g. 2026-12-01T00:00:00.000Z. */
export function fromCommunityWallClock(value: dayjs.Dayjs): string {
  return dayjs.tz(value.format(WALL_CLOCK), COMMUNITY_TIME_ZONE).toISOString();
}

/** Now, as a picker value in community time. */
export function communityNowWallClock(): dayjs.Dayjs {
  return toCommunityWallClock(new Date().toISOString());
}
