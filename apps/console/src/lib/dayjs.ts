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
