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

/** Why the last session ended, when the user did not end it themselves: the login page says so. */
export const sessionEndStore = createStore<string | null>(null);

export function startSession({ token, user }: LoginResponse): void {
  sessionEndStore.set(null);
  writeStored(storageKeys.token, token);
  writeStored(storageKeys.user, user);
  sessionStore.set({ token, user });
}

export function rememberUser(user: UserView): void {
  writeStored(storageKeys.user, user);
  sessionStore.set((session) => ({ ...session, user }));
}

/** `expired`: the server no longer accepts the token (the login page says 登录已过期). */
export function endSession(reason?: 'expired'): void {
  stopActingFor();
  sessionEndStore.set(reason === 'expired' ? '登录已过期，请重新登录' : null);
  writeStored(storageKeys.token, null);
  writeStored(storageKeys.user, null);
  sessionStore.set({ token: null, user: null });
}
