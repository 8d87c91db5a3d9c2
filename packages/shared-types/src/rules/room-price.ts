/**
 * What a booking of a priced room costs (PRODUCT.md "Mutual help"): the hourly price in minutes of credit, pro rata,
 * rounded up to a whole minute; 0 for a free room. The server holds it; the mini-app shows it before confirming.
 */
export function roomPriceMinutes(priceMinutesPerHour: number, minutes: number): number {
  if (priceMinutesPerHour <= 0 || minutes <= 0) return 0;
  return Math.ceil((priceMinutesPerHour * minutes) / 60);
}
