import type { PlatformSpeech } from './types';

const synth = typeof window !== 'undefined' && 'speechSynthesis' in window ? window.speechSynthesis : null;

/** The browser's own speech synthesis, in zh-CN, a little slower than its default for older ears. */
export const platformSpeech: PlatformSpeech = {
  available: synth !== null && typeof SpeechSynthesisUtterance !== 'undefined',
  speak(text, onEnd) {
    if (!synth) return onEnd();
    synth.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.lang = 'zh-CN';
    utterance.rate = 0.9;
    const chinese = synth.getVoices().find((voice) => voice.lang.replace('_', '-').startsWith('zh'));
    if (chinese) utterance.voice = chinese;
    utterance.onend = onEnd;
    utterance.onerror = onEnd;
    synth.speak(utterance);
  },
  stop() {
    synth?.cancel();
  },
};
