import type { IsoDateTime } from './common.js';

/** A binding code: 6 digits, valid 10 minutes, used once. */
export const FAMILY_CODE_DIGITS = 6;
export const FAMILY_CODE_TTL_MINUTES = 10;

/** What the family member is to the elder: shown to the elder as "由 女儿 王芳 代办". */
export const familyRelations = ['家人', '女儿', '儿子', '儿媳', '女婿', '配偶', '孙辈', '兄弟姐妹', '亲戚'] as const;
export type FamilyRelation = (typeof familyRelations)[number];
export const DEFAULT_FAMILY_RELATION: FamilyRelation = '家人';

/** code: the member entered the elder's code in their own app; desk: staff bound the member's phone at the service desk. */
export type FamilyBindingVia = 'code' | 'desk';

/** The request header naming the person acted for (the elder, or a resident at the desk). */
export const ACT_FOR_HEADER = 'x-act-for';

export interface FamilyCodeResponse {
  code: string;
  expiresAt: IsoDateTime;
}

export interface FamilyBindRequest {
  code: string;
  relation?: FamilyRelation;
}

/** Staff at the desk bind a family member, named by the phone of their account, to a resident. */
export interface DeskFamilyBindRequest {
  phone: string;
  relation?: FamilyRelation;
}

export interface FamilyPersonView {
  id: number;
  name: string | null;
  /** Masked. */
  phone: string | null;
  communityName: string | null;
}

export interface FamilyBindingView {
  id: number;
  relation: FamilyRelation;
  via: FamilyBindingVia;
  elder: FamilyPersonView;
  member: FamilyPersonView;
  createdAt: IsoDateTime;
}

export interface MyFamilyResponse {
  /** Family members who may act for me. */
  members: FamilyBindingView[];
  /** The people I may act for ("为 妈妈 代办"). */
  elders: FamilyBindingView[];
}

/** The line on the elder's records and inbox: 由 女儿 王芳 代办 (staff: 由 社区工作人员 张三 代办). */
export function proxyLine(relation: string, name: string | null): string {
  return `由 ${relation} ${name ?? ''}`.trimEnd() + ' 代办';
}

/** Staff register a resident who has no WeChat (窗口代办): verified at once, no login of their own. */
export interface OfflineResidentRequest {
  name: string;
  buildingId: number;
  unit: string;
  room: string;
  phone?: string;
}

/** A printable card for an offline resident: their household and a personal code staff scan at activities. */
/** POST residents/:id/phone (staff): one full number, to call a household; every reveal is in the audit log. */
export interface RevealPhoneRequest {
  /** Where staff needed it, e.g. 公告「停水通知」跟进; written to the audit entry. */
  purpose: string;
}

export interface RevealedPhone {
  userId: number;
  name: string | null;
  /** The full number, or null when the resident gave none. */
  phone: string | null;
}

export interface ResidentCardView {
  id: number;
  name: string | null;
  communityName: string | null;
  buildingName: string | null;
  unit: string | null;
  room: string | null;
  /** QR text of the card; unlike the app's rotating code it does not expire. */
  code: string;
}

/**
 * 代办转出: a proxy never moves credits out of the elder's account, except to themselves, asked for here and
 * confirmed by the elder in the elder's own app; then one transaction moves them.
 */
export const familyCreditAskStatuses = ['pending', 'confirmed', 'declined', 'cancelled'] as const;
export type FamilyCreditAskStatus = (typeof familyCreditAskStatuses)[number];

/** The member asks, naming the binding (the elder) in their own session: `POST me/family/:bindingId/credit-asks`. */
export interface FamilyCreditAskRequest {
  minutes: number;
  /** Shown to the elder and on both statements (1–60). */
  reason: string;
}

export interface FamilyCreditAskView {
  id: number;
  bindingId: number;
  relation: FamilyRelation;
  elder: FamilyPersonView;
  member: FamilyPersonView;
  minutes: number;
  hours: string;
  reason: string;
  status: FamilyCreditAskStatus;
  expiresAt: IsoDateTime;
  decidedAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

export interface MyFamilyCreditAsks {
  /** Asks to me, the elder: the ones to confirm or decline first. */
  toMe: FamilyCreditAskView[];
  /** Asks I made, as a family member. */
  mine: FamilyCreditAskView[];
}
