import { useEffect } from 'react';
import { platformShell } from '../platform/shell';
import { createStore, useStore } from '../stores/create-store';

const onlineStore = createStore(true);
let watching = false;

/** False while the device has no connection (every page reads the one watcher). */
export function useOnline(): boolean {
  useEffect(() => {
    if (watching) return;
    watching = true;
    platformShell.watchOnline((online) => onlineStore.set(online));
  }, []);
  return useStore(onlineStore);
}
