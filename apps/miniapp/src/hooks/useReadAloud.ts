import { useCallback, useEffect, useState } from 'react';
import { useDidHide, useUnload } from '@tarojs/taro';
import { platformSpeech } from '../platform/speech';

/** What a listener should hear of a notice's Markdown: the words, not the marks or link targets. */
export function speakableText(markdown: string): string {
  return markdown
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/^\s{0,3}(#{1,6}|>|[-*+]|\d+\.)\s+/gm, '')
    .replace(/[*_~`|]/g, '')
    .replace(/\n{2,}/g, '\n')
    .trim();
}

export interface ReadAloud {
  /** False where the platform cannot speak: hide the 朗读 button. */
  available: boolean;
  speaking: boolean;
  /** Starts reading, or stops when already reading. */
  toggle(): void;
}

/** 朗读 for one text; stops when the page is hidden or closed. */
export function useReadAloud(text: string): ReadAloud {
  const [speaking, setSpeaking] = useState(false);
  const stop = useCallback(() => {
    platformSpeech.stop();
    setSpeaking(false);
  }, []);
  useDidHide(stop);
  useUnload(stop);
  // A new text (another notice) must not go on reading the old one.
  useEffect(() => stop, [text, stop]);

  const toggle = useCallback(() => {
    if (speaking) return stop();
    setSpeaking(true);
    platformSpeech.speak(text, () => setSpeaking(false));
  }, [speaking, stop, text]);

  return { available: platformSpeech.available && text !== '', speaking, toggle };
}
