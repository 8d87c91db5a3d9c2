import type { PlatformPrivacy } from './types';

/** Only WeChat holds privacy-scoped APIs back; elsewhere the app-level agreement is all there is. */
export const platformPrivacy: PlatformPrivacy = {
  agreeButtonId: 'privacy-agree',
  agreesThroughOpenType: false,
  watch: () => () => undefined,
};
