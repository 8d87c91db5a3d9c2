import type { LoginResponse, UserView } from '@linli/shared-types';
import { createStore } from './create-store';
import { readStored, storageKeys, writeStored } from './storage';
import { stopActingFor } from './acting-for';

export interface SessionState {
  token: string | null;
  /** Last known profile, cached so pages can greet before GET me answers. */
  user: UserView | null;
}

export const sessionStore = createStore<SessionState>({
  token: readStored<string | null>(storageKeys.token, null),
  user: readStored<UserView | null>(storageKeys.user, null),
});

export function startSession({ token, user }: LoginResponse): void {
  writeStored(storageKeys.token, token);
  writeStored(storageKeys.user, user);
  sessionStore.set({ token, user });
}

export function rememberUser(user: UserView): void {
  writeStored(storageKeys.user, user);
  sessionStore.set((session) => ({ ...session, user }));
}

export function endSession(): void {
  stopActingFor();
  writeStored(storageKeys.token, null);
  writeStored(storageKeys.user, null);
  sessionStore.set({ token: null, user: null });
}
