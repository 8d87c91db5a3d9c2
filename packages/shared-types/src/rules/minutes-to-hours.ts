/**
 * Time-bank amounts are whole minutes; people read them as hours with two decimals.
 * 90 → '1.50', 1 → '0.02', -45 → '-0.75'. Integer arithmetic, so no float drift:
 * minutes × 100 / 60 never ends in exactly one half, so rounding has no ties.
 */
export function hoursText(minutes: number): string {
  if (!Number.isSafeInteger(minutes)) throw new RangeError(`minutes must be a whole number, got ${minutes}`);
  const hundredths = Math.round((Math.abs(minutes) * 100) / 60);
  const whole = Math.floor(hundredths / 100);
  const fraction = String(hundredths % 100).padStart(2, '0');
  return `${minutes < 0 && hundredths > 0 ? '-' : ''}${whole}.${fraction}`;
}

/**
 * The one way an amount of time is written: under an hour in minutes (10 → '10 分钟', -45 → '-45 分钟'),
 * from an hour on in hours with two decimals (90 → '1.50 小时').
 */
export function minutesToHours(minutes: number): string {
  if (!Number.isSafeInteger(minutes)) throw new RangeError(`minutes must be a whole number, got ${minutes}`);
  if (Math.abs(minutes) < 60) return `${minutes} 分钟`;
  return `${hoursText(minutes)} 小时`;
}

/** '1.50 小时（90 分钟）': hours to read, minutes to be exact; under an hour just '45 分钟'. */
export function hoursWithMinutes(minutes: number): string {
  return Math.abs(minutes) < 60 ? minutesToHours(minutes) : `${minutesToHours(minutes)}（${minutes} 分钟）`;
}

/** With its sign, for a ledger line: +10 分钟, -1.50 小时, 0 分钟. */
export function signedMinutesText(minutes: number): string {
  return `${minutes > 0 ? '+' : ''}${minutesToHours(minutes)}`;
}
