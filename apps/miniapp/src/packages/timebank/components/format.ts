import { minutesToHours } from '@linli/shared-types';

/** '+1.50 小时' in, '-0.75 小时' out. */
export function signedHours(minutes: number): string {
  return `${minutes > 0 ? '+' : ''}${minutesToHours(minutes)}`;
}

/** '1.50 小时（90 分钟）': hours to read, minutes to be exact. */
export function hoursWithMinutes(minutes: number): string {
  return `${minutesToHours(minutes)}（${minutes} 分钟）`;
}
