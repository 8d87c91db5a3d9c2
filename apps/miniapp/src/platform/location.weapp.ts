import Taro from '@tarojs/taro';
import type { PlatformLocation } from './types';

export const platformLocation: PlatformLocation = {
  async current() {
    try {
      // wgs84 matches what browsers report, so one geofence works for both clients.
      const { latitude, longitude, accuracy } = await Taro.getLocation({ type: 'wgs84' });
      return { lat: latitude, lng: longitude, accuracy };
    } catch {
      return null;
    }
  },
  showOnMap({ lat, lng, name, address }) {
    void Taro.openLocation({ latitude: lat, longitude: lng, name, address, scale: 17 });
  },
};
