import { createStore, useStore } from '../stores/create-store';
import { preferencesStore, setPrivacyAccepted } from '../stores/preferences';
import { platformPrivacy } from '../platform/privacy';
import type { PrivacyRequest } from '../platform/types';

interface PrivacyUi {
  /** A privacy-scoped WeChat API waits for the answer. */
  pending: PrivacyRequest | null;
  /** The user opened the guide to read it again. */
  reading: boolean;
  /** The user said 不同意 on this visit: stop insisting until they open the guide again. */
  declined: boolean;
}

const privacyUiStore = createStore<PrivacyUi>({ pending: null, reading: false, declined: false });
let stopWatching: (() => void) | null = null;

/** Called once at launch: WeChat's privacy prompts show our dialog on whatever page is open. */
export function watchPrivacyRequests(): void {
  if (stopWatching) return;
  stopWatching = platformPrivacy.watch((request) => {
    privacyUiStore.get().pending?.disagree();
    privacyUiStore.set((ui) => ({ ...ui, pending: request }));
  });
}

export function openPrivacyGuide(): void {
  privacyUiStore.set((ui) => ({ ...ui, reading: true, declined: false }));
}

export interface PrivacyState extends PrivacyUi {
  accepted: boolean;
  agreeButtonId: string;
  accept(): void;
  decline(): void;
  close(): void;
}

export function usePrivacy(): PrivacyState {
  const ui = useStore(privacyUiStore);
  const { privacyAccepted } = useStore(preferencesStore);
  return {
    ...ui,
    accepted: privacyAccepted,
    agreeButtonId: platformPrivacy.agreeButtonId,
    accept() {
      setPrivacyAccepted(true);
      ui.pending?.agree();
      privacyUiStore.set({ pending: null, reading: false, declined: false });
    },
    decline() {
      ui.pending?.disagree();
      privacyUiStore.set({ pending: null, reading: false, declined: true });
    },
    close() {
      privacyUiStore.set((state) => ({ ...state, reading: false }));
    },
  };
}
