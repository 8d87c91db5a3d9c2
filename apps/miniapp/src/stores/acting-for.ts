import { createStore } from './create-store';
import { readStored, storageKeys, writeStored } from './storage';

/** 亲情代办: the elder this phone acts for now ("为 妈妈 代办"), or null. Every request then carries X-Act-For. */
export interface ActingFor {
  elderId: number;
  elderName: string;
}

function stored(): ActingFor | null {
  const value = readStored<ActingFor | null>(storageKeys.actingFor, null);
  return value && typeof value.elderId === 'number' ? value : null;
}

export const actingForStore = createStore<ActingFor | null>(stored());

export function startActingFor(elder: ActingFor): void {
  writeStored(storageKeys.actingFor, elder);
  actingForStore.set(() => elder);
}

export function stopActingFor(): void {
  writeStored(storageKeys.actingFor, null);
  actingForStore.set(() => null);
}
