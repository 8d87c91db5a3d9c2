import Taro from '@tarojs/taro';
import type { PlatformPrivacy, PrivacyRequest } from './types';

const agreeButtonId = 'privacy-agree';
const listeners = new Set<(request: PrivacyRequest) => void>();
let registered = false;

function register(): void {
  if (registered || typeof Taro.onNeedPrivacyAuthorization !== 'function') return;
  registered = true;
  // WeChat pauses the privacy-scoped call (getLocation, scanCode…) until resolve() is called.
  Taro.onNeedPrivacyAuthorization((resolve) => {
    let settled = false;
    const request: PrivacyRequest = {
      agree() {
        if (settled) return;
        settled = true;
        resolve({ event: 'agree', buttonId: agreeButtonId });
      },
      disagree() {
        if (settled) return;
        settled = true;
        resolve({ event: 'disagree' });
      },
    };
    if (listeners.size === 0) {
      request.disagree();
      return;
    }
    resolve({ event: 'exposureAuthorization' });
    listeners.forEach((listener) => listener(request));
  });
}

export const platformPrivacy: PlatformPrivacy = {
  agreeButtonId,
  agreesThroughOpenType: true,
  watch(listener) {
    register();
    listeners.add(listener);
    return () => listeners.delete(listener);
  },
};
