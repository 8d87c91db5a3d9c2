import type { PlatformLogin } from './types';

/** A browser has no WeChat identity: the login page offers dev login instead. */
export const platformLogin: PlatformLogin = {
  provider: null,
  login: async () => null,
};
