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

/** 90 → '1.50 小时'. */
export function minutesToHours(minutes: number): string {
  return `${hoursText(minutes)} 小时`;
}
