const MINUTE = 60_000;

/** Service is counted in whole quarter hours. */
export const SERVICE_ROUNDING_MINUTES = 15;

/**
 * Minutes served (PRODUCT.md "Volunteer activities"): the overlap of [check-in, check-out] with [start, end],
 * rounded down to 15 minutes. A missing check-in or check-out counts 0.
 */
export function minutesServed(checkedInAt: Date | null, checkedOutAt: Date | null, startAt: Date, endAt: Date): number {
  if (!checkedInAt || !checkedOutAt) return 0;
  const from = Math.max(checkedInAt.getTime(), startAt.getTime());
  const to = Math.min(checkedOutAt.getTime(), endAt.getTime());
  if (to <= from) return 0;
  const minutes = Math.floor((to - from) / MINUTE);
  return minutes - (minutes % SERVICE_ROUNDING_MINUTES);
}

const EARTH_RADIUS_M = 6_371_000;
const rad = (deg: number) => (deg * Math.PI) / 180;

/** Great-circle distance in metres (haversine). */
export function distanceM(a: { lat: number; lng: number }, b: { lat: number; lng: number }): number {
  const dLat = rad(b.lat - a.lat);
  const dLng = rad(b.lng - a.lng);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(a.lat)) * Math.cos(rad(b.lat)) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Inside the geofence (the boundary counts as inside). */
export function insideGeofence(
  fence: { lat: number; lng: number; radiusM: number },
  position: { lat: number; lng: number },
): boolean {
  return distanceM(fence, position) <= fence.radiusM;
}
