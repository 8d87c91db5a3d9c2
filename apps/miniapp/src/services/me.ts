import type { UpdateMeRequest, UserView } from '@linli/shared-types';
import { http } from './http';

export function getMe(): Promise<UserView> {
  return http.get<UserView>('me');
}

/** Pending residents set their household here; verified ones get 422 PROFILE_LOCKED for household fields. */
export function updateMe(body: UpdateMeRequest): Promise<UserView> {
  return http.patch<UserView>('me', body);
}
