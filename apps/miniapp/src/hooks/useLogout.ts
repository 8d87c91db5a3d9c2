import { useCallback } from 'react';
import { logout as logoutRequest } from '../services/auth';
import { endSession } from '../stores/session';
import { goToLogin } from '../routes';
import { useInFlight } from './useInFlight';

/** 退出登录, once however often it is tapped. */
export function useLogout(): { loggingOut: boolean; logout(): Promise<void> } {
  const { busy: loggingOut, guard } = useInFlight();
  const logout = useCallback(async () => {
    await guard(async () => {
      try {
        await logoutRequest();
      } catch {
        // Revoking on the server is best effort: the device forgets the token either way.
      } finally {
        endSession();
        goToLogin();
      }
    });
  }, [guard]);
  return { loggingOut, logout };
}
