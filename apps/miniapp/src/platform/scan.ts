import type { PlatformScanner } from './types';

export const platformScanner: PlatformScanner = {
  scan: async () => null,
};
