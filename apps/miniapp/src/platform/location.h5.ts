import type { GeoPosition, PlatformLocation } from './types';

export const platformLocation: PlatformLocation = {
  current() {
    return new Promise<GeoPosition | null>((resolve) => {
      if (typeof navigator === 'undefined' || !navigator.geolocation) {
        resolve(null);
        return;
      }
      navigator.geolocation.getCurrentPosition(
        ({ coords }) => resolve({ lat: coords.latitude, lng: coords.longitude, accuracy: coords.accuracy }),
        () => resolve(null),
        { enableHighAccuracy: true, timeout: 10000, maximumAge: 30000 },
      );
    });
  },
  showOnMap({ lat, lng, name }) {
    // A web map (AMap's URI API); the fences are taken by GPS, hence wgs84.
    window.location.href = `https://uri.amap.com/marker?position=${lng},${lat}&name=${encodeURIComponent(name)}&coordinate=wgs84&callnative=1`;
  },
};
