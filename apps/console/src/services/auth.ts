import type { LoginResponse, PasswordLoginRequest, UserView } from '@linli/shared-types';
import { ApiRequestError, http, request } from './http';

/** Console roles; residents use the mini-app. */
export function isStaffUser(user: Pick<UserView, 'role'>): boolean {
  return user.role === 'staff' || user.role === 'admin';
}

/** Logs in with username and password, accepting staff and admins only. */
export async function loginStaff(credentials: PasswordLoginRequest): Promise<LoginResponse> {
  const answer = await http.post<LoginResponse>('auth/login', credentials, { expectUnauthenticated: true });
  if (!isStaffUser(answer.user)) {
    // End the session the server just opened; the console never stores it.
    await request<void>('POST', 'auth/logout', { token: answer.token }).catch(() => undefined);
    throw new ApiRequestError({ statusCode: 403, code: 'NOT_STAFF', message: '此账号不是社区工作人员' });
  }
  return answer;
}

export function logout(): Promise<void> {
  return http.post<void>('auth/logout', undefined, { expectUnauthenticated: true });
}

export function fetchMe(signal?: AbortSignal): Promise<UserView> {
  return http.get<UserView>('me', undefined, signal);
}
