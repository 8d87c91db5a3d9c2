import Taro from '@tarojs/taro';
import type { PlatformSpeech } from './types';

/** WeChat's 同声传译 plugin, when the app declares it as `WechatSI` in app.json `plugins`. */
interface WechatSI {
  textToSpeech(options: {
    lang: 'zh_CN';
    content: string;
    success(result: { retcode: number; filename: string }): void;
    fail(): void;
  }): void;
}

declare const requirePlugin: ((name: string) => unknown) | undefined;

function loadPlugin(): WechatSI | null {
  try {
    const plugin = typeof requirePlugin === 'function' ? (requirePlugin('WechatSI') as WechatSI | undefined) : null;
    return plugin && typeof plugin.textToSpeech === 'function' ? plugin : null;
  } catch {
    // Not declared in app.json: no speech, and 朗读 stays hidden.
    return null;
  }
}

const plugin = loadPlugin();
let audio: Taro.InnerAudioContext | null = null;

/** The plugin reads at most about 1000 characters at a time. */
const MAX_CHARS = 900;

export const platformSpeech: PlatformSpeech = {
  available: plugin !== null,
  speak(text, onEnd) {
    if (!plugin) return onEnd();
    audio?.destroy();
    plugin.textToSpeech({
      lang: 'zh_CN',
      content: text.slice(0, MAX_CHARS),
      success: ({ retcode, filename }) => {
        if (retcode !== 0) return onEnd();
        audio = Taro.createInnerAudioContext();
        audio.src = filename;
        audio.onEnded(onEnd);
        audio.onStop(onEnd);
        audio.onError(onEnd);
        audio.play();
      },
      fail: onEnd,
    });
  },
  stop() {
    audio?.stop();
  },
};
