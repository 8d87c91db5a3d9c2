import { distanceM, insideGeofence, minutesServed } from './minutes-served.js';

const at = (hhmm: string) => new Date(`2026-11-29T${hhmm}:00+08:00`);
const start = at('09:00');
const end = at('11:00');

describe('minutesServed', () => {
  it.each([
    ['whole activity', '08:40', '11:30', 120],
    ['exactly start to end', '09:00', '11:00', 120],
    ['late arrival, rounded down', '09:07', '11:00', 105],
    ['early leave, rounded down', '09:00', '10:59', 105],
    ['14 minutes counts 0', '09:00', '09:14', 0],
    ['15 minutes counts 15', '09:00', '09:15', 15],
    ['both inside', '09:20', '10:10', 45],
    ['check-out before start', '08:30', '08:55', 0],
    ['check-in after end', '11:05', '11:30', 0],
    ['check-out before check-in', '10:00', '09:30', 0],
  ])('%s: %s–%s → %p', (_name, inAt, outAt, expected) => {
    expect(minutesServed(at(inAt), at(outAt), start, end)).toBe(expected);
  });

  it.each([
    [null, at('11:00')],
    [at('09:00'), null],
    [null, null],
  ])('a missing check-in or check-out counts 0 (%p, %p)', (inAt, outAt) => {
    expect(minutesServed(inAt, outAt, start, end)).toBe(0);
  });
});

describe('geofence', () => {
  const centre = { lat: 30.6586, lng: 104.0647 };
  it.each([
    [{ lat: 30.6586, lng: 104.0647 }, 0, 1],
    [{ lat: 30.6595, lng: 104.0647 }, 100, 101],
    [{ lat: 30.6676, lng: 104.0647 }, 1000, 1002],
  ])('distance to %p is about %p m', (point, low, high) => {
    const d = distanceM(centre, point);
    expect(d).toBeGreaterThanOrEqual(low);
    expect(d).toBeLessThan(high);
  });

  it.each([
    [{ lat: 30.6586, lng: 104.0647 }, 50, true],
    [{ lat: 30.659, lng: 104.0647 }, 50, true],
    [{ lat: 30.6595, lng: 104.0647 }, 50, false],
    [{ lat: 30.6595, lng: 104.0647 }, 150, true],
    [{ lat: 31.2304, lng: 121.4737 }, 500, false],
  ])('%p within %p m → %p', (point, radiusM, expected) => {
    expect(insideGeofence({ ...centre, radiusM }, point)).toBe(expected);
  });
});
