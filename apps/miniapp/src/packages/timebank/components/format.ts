/** '+1.50 小时' in, '-45 分钟' out. */
export { signedMinutesText as signedHours } from '@linli/shared-types';

export { hoursWithMinutes } from '@linli/shared-types';
