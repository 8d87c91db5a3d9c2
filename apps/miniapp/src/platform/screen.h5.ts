import type { PlatformScreen } from './types';

export const platformScreen: PlatformScreen = {
  keepOn: () => () => undefined,
};
