import Taro from '@tarojs/taro';
import type { PlatformScanner } from './types';

export const platformScanner: PlatformScanner = {
  async scan() {
    try {
      const result = await Taro.scanCode({ onlyFromCamera: false, scanType: ['qrCode', 'barCode'] });
      return result.result || null;
    } catch (error) {
      // "scanCode:fail cancel" is the user closing the scanner, not an error.
      const message = (error as { errMsg?: string }).errMsg ?? '';
      if (message.includes('cancel')) return null;
      throw new Error('无法打开扫码，请检查相机权限', { cause: error });
    }
  },
};
