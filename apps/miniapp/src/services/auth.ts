import type { DevLoginRequest, LoginResponse, WechatLoginRequest } from '@linli/shared-types';
import { http } from './http';

export function loginWithWechat(body: WechatLoginRequest): Promise<LoginResponse> {
  return http.post<LoginResponse>('auth/wechat', body);
}

/** Phone-number login; the server answers 404 unless demo mode enabled it. */
export function devLogin(body: DevLoginRequest): Promise<LoginResponse> {
  return http.post<LoginResponse>('auth/dev-login', body);
}

export function logout(): Promise<void> {
  return http.post<void>('auth/logout');
}
