import Taro from '@tarojs/taro';
import type { PlatformScreen } from './types';

/** Keeps the screen on while a code is shown (ignored where unsupported). */
export const platformScreen: PlatformScreen = {
  keepOn() {
    void Taro.setKeepScreenOn({ keepScreenOn: true }).catch(() => undefined);
    return () => void Taro.setKeepScreenOn({ keepScreenOn: false }).catch(() => undefined);
  },
};
