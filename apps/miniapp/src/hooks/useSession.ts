import { useEffect } from 'react';
import { useStore } from '../stores/create-store';
import { sessionEndStore, sessionStore, type SessionState } from '../stores/session';
import { goToLogin } from '../routes';

export function useSession(): SessionState & { loggedIn: boolean } {
  const session = useStore(sessionStore);
  return { ...session, loggedIn: Boolean(session.token) };
}

/** Sends a logged-out visitor to the login page (also when the session ends while the page is open). */
export function useRequireLogin(enabled = true): boolean {
  const { loggedIn } = useSession();
  useEffect(() => {
    if (enabled && !loggedIn) goToLogin();
  }, [enabled, loggedIn]);
  return loggedIn;
}

/** Why the last session ended (登录已过期), or null when the user logged out or never logged in. */
export function useSessionEnd(): string | null {
  return useStore(sessionEndStore);
}
