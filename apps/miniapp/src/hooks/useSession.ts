import { useEffect } from 'react';
import { useStore } from '../stores/create-store';
import { sessionStore, type SessionState } from '../stores/session';
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
