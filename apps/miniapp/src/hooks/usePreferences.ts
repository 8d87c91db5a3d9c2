import { useStore } from '../stores/create-store';
import { preferencesStore, setElderMode } from '../stores/preferences';

/** 长辈模式, remembered on the device. */
export function useElderMode(): [boolean, (enabled: boolean) => void] {
  return [useStore(preferencesStore).elderMode, setElderMode];
}
