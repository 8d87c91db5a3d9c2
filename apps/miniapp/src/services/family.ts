import type { FamilyBindingView, FamilyCodeResponse, FamilyRelation, MyFamilyResponse } from '@linli/shared-types';
import { request } from './http';

// 亲情代办 is always done as oneself: nobody binds or unbinds for someone else.
export function createFamilyCode(): Promise<FamilyCodeResponse> {
  return request<FamilyCodeResponse>('POST', 'me/family-codes', { asSelf: true });
}

export function bindFamily(code: string, relation: FamilyRelation): Promise<FamilyBindingView> {
  return request<FamilyBindingView>('POST', 'family/bind', { body: { code, relation }, asSelf: true });
}

export function getMyFamily(): Promise<MyFamilyResponse> {
  return request<MyFamilyResponse>('GET', 'me/family', { asSelf: true });
}

export function revokeFamily(id: number): Promise<void> {
  return request<void>('DELETE', `me/family/${id}`, { asSelf: true });
}
