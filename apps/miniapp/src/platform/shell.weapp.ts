import Taro from '@tarojs/taro';
import type { PlatformShell } from './types';

/** WeChat draws the navigation bar, the tab bar and its own loading screen. */
export const platformShell: PlatformShell = {
  install: () => undefined,
  firstPageShown: () => undefined,
  watchOnline(listener) {
    const onChange = ({ isConnected }: { isConnected: boolean }) => listener(isConnected);
    Taro.onNetworkStatusChange(onChange);
    return () => Taro.offNetworkStatusChange(onChange);
  },
};
