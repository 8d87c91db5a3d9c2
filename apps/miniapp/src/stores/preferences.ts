import { createStore } from './create-store';
import { readStored, storageKeys, writeStored } from './storage';

export interface Preferences {
  /** 长辈模式: larger text and tap targets, higher contrast. */
  elderMode: boolean;
  /** The user accepted the 隐私保护指引 on this device. */
  privacyAccepted: boolean;
}

export const preferencesStore = createStore<Preferences>({
  elderMode: readStored<boolean>(storageKeys.elderMode, false) === true,
  privacyAccepted: readStored<boolean>(storageKeys.privacyAccepted, false) === true,
});

export function setElderMode(enabled: boolean): void {
  writeStored(storageKeys.elderMode, enabled);
  preferencesStore.set((prefs) => ({ ...prefs, elderMode: enabled }));
}

export function setPrivacyAccepted(accepted: boolean): void {
  writeStored(storageKeys.privacyAccepted, accepted);
  preferencesStore.set((prefs) => ({ ...prefs, privacyAccepted: accepted }));
}
