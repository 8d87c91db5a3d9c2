import type { PlatformLocation } from './types';

export const platformLocation: PlatformLocation = {
  current: async () => null,
  showOnMap: () => undefined,
};
