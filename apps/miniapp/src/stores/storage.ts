import Taro from '@tarojs/taro';

/** Keys of everything the app keeps on the device. */
export const storageKeys = {
  token: 'linli.token',
  user: 'linli.user',
  elderMode: 'linli.elderMode',
  privacyAccepted: 'linli.privacyAccepted.v1',
} as const;

export function readStored<T>(key: string, fallback: T): T {
  try {
    const value = Taro.getStorageSync<T | '' | undefined>(key);
    return value === '' || value === undefined || value === null ? fallback : value;
  } catch {
    return fallback;
  }
}

export function writeStored(key: string, value: unknown): void {
  try {
    if (value === null || value === undefined) Taro.removeStorageSync(key);
    else Taro.setStorageSync(key, value);
  } catch {
    // Storage full or unavailable (private browsing): the app still works for this run.
  }
}
