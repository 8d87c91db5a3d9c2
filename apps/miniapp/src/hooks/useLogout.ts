import { useCallback, useState } from 'react';
import { logout as logoutRequest } from '../services/auth';
import { endSession } from '../stores/session';
import { goToLogin } from '../routes';

export function useLogout(): { loggingOut: boolean; logout(): Promise<void> } {
  const [loggingOut, setLoggingOut] = useState(false);
  const logout = useCallback(async () => {
    setLoggingOut(true);
    try {
      await logoutRequest();
    } catch {
      // Revoking on the server is best effort: the device forgets the token either way.
    } finally {
      setLoggingOut(false);
      endSession();
      goToLogin();
    }
  }, []);
  return { loggingOut, logout };
}
