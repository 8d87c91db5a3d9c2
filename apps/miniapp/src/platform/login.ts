import type { PlatformLogin } from './types';

/** Targets without their own identity provider offer dev login only. */
export const platformLogin: PlatformLogin = {
  provider: null,
  login: async () => null,
};
