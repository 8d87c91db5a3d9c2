import type { PasswordLoginRequest } from '@linli/shared-types';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import { fetchMe, loginStaff, logout } from '../services/auth';
import { ApiRequestError, clearToken, getToken, setToken } from '../services/http';

export const sessionKeys = { me: ['me'] as const };

/** The logged-in staff member; disabled when there is no token. */
export function useCurrentUser() {
  return useQuery({
    queryKey: sessionKeys.me,
    queryFn: ({ signal }) => fetchMe(signal),
    enabled: getToken() !== null,
    staleTime: 5 * 60_000,
    retry: (failureCount, error) =>
      !(error instanceof ApiRequestError && error.statusCode >= 400 && error.statusCode < 500) && failureCount < 2,
  });
}

export function useLogin() {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: (credentials: PasswordLoginRequest) => loginStaff(credentials),
    onSuccess: ({ token, user }) => {
      queryClient.clear();
      setToken(token);
      queryClient.setQueryData(sessionKeys.me, user);
    },
  });
}

export function useLogout() {
  const queryClient = useQueryClient();
  return useGuardedMutation({
    mutationFn: () => logout(),
    // The session is over for this browser either way; a failed call must not keep staff logged in.
    onSettled: () => {
      clearToken();
      queryClient.clear();
    },
  });
}
