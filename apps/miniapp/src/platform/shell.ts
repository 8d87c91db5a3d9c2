import type { PlatformShell } from './types';

export const platformShell: PlatformShell = {
  install: () => undefined,
  firstPageShown: () => undefined,
  watchOnline: () => () => undefined,
};
