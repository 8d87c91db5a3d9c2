import type {
  FamilyBindingView,
  FamilyCodeResponse,
  FamilyCreditAskRequest,
  FamilyCreditAskView,
  FamilyRelation,
  MyFamilyCreditAsks,
  MyFamilyResponse,
} from '@linli/shared-types';
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

// 代办转出: asked in the member's own name, confirmed by the elder in hers; never sent as a proxy.
export function askFamilyCredit(bindingId: number, body: FamilyCreditAskRequest): Promise<FamilyCreditAskView> {
  return request<FamilyCreditAskView>('POST', `me/family/${bindingId}/credit-asks`, { body, asSelf: true });
}

export function getFamilyCreditAsks(): Promise<MyFamilyCreditAsks> {
  return request<MyFamilyCreditAsks>('GET', 'me/family/credit-asks', { asSelf: true });
}

export function decideFamilyCredit(
  id: number,
  decision: 'confirm' | 'decline' | 'cancel',
): Promise<FamilyCreditAskView> {
  return request<FamilyCreditAskView>('POST', `me/family/credit-asks/${id}/${decision}`, { asSelf: true });
}
