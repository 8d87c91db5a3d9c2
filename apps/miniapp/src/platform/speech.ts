import type { PlatformSpeech } from './types';

/** No speech outside weapp and h5: 朗读 stays hidden. */
export const platformSpeech: PlatformSpeech = {
  available: false,
  speak: (_text, onEnd) => onEnd(),
  stop: () => undefined,
};
