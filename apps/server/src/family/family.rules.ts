import { FAMILY_CODE_DIGITS, FAMILY_CODE_TTL_MINUTES, type Refusal } from '@linli/shared-types';

export interface FamilyPerson {
  id: number;
  role: string;
  status: string;
}

export interface FamilyCodeState {
  elderId: number;
  expiresAt: Date;
  usedAt: Date | null;
}

const MINUTE = 60_000;

/** A code of exactly six digits from any non-negative integer (leading zeros kept). */
export function familyCodeOf(n: number): string {
  return String(Math.floor(Math.abs(n)) % 10 ** FAMILY_CODE_DIGITS).padStart(FAMILY_CODE_DIGITS, '0');
}

export const familyCodeExpiry = (now: Date): Date => new Date(now.getTime() + FAMILY_CODE_TTL_MINUTES * MINUTE);

/** Both sides of a binding are verified residents of the street (an elder's account has a time-bank account). */
function refuseUnverified(person: FamilyPerson): Refusal | null {
  if (person.role !== 'resident') return { code: 'FORBIDDEN' };
  if (person.status !== 'verified') return { code: 'RESIDENT_NOT_VERIFIED' };
  return null;
}

/** Who may make a binding code: a verified resident, for themselves. */
export function checkCodeCreation(elder: FamilyPerson): Refusal | null {
  return refuseUnverified(elder);
}

/**
 * May `member` redeem this code (null: no such code kept)? Refused: an unknown code, one's own code, a used one, an
 * expired one (at its expiry instant it is expired), or an elder who is no longer a verified resident.
 */
export function checkBindByCode(
  code: FamilyCodeState | null,
  elder: FamilyPerson | null,
  member: FamilyPerson,
  now: Date,
): Refusal | null {
  const own = refuseUnverified(member);
  if (own) return own;
  if (!code || !elder) return { code: 'FAMILY_CODE_INVALID' };
  if (code.elderId === member.id) return { code: 'FAMILY_SELF_BIND' };
  if (code.usedAt) return { code: 'FAMILY_CODE_USED' };
  if (code.expiresAt.getTime() <= now.getTime()) return { code: 'FAMILY_CODE_EXPIRED' };
  if (elder.role !== 'resident' || elder.status !== 'verified') return { code: 'FAMILY_CODE_INVALID' };
  return null;
}

/** Staff bind at the desk: the elder is a resident of the staff member's reach (checked by the caller), the member a verified resident. */
export function checkDeskBinding(elder: FamilyPerson, member: FamilyPerson | null): Refusal | null {
  if (elder.role !== 'resident') return { code: 'NOT_A_RESIDENT' };
  if (elder.status === 'disabled') return { code: 'TARGET_DISABLED' };
  if (!member || member.role !== 'resident' || member.status !== 'verified') return { code: 'FAMILY_MEMBER_NOT_FOUND' };
  if (member.id === elder.id) return { code: 'FAMILY_SELF_BIND' };
  return null;
}

/** A pair already bound may not bind again; a revoked pair is bound afresh. */
export function checkExistingBinding(existing: { status: 'active' | 'revoked' } | null): Refusal | null {
  return existing?.status === 'active' ? { code: 'FAMILY_ALREADY_BOUND' } : null;
}

/** Either side may end a binding; to anyone else it does not exist. */
export function checkRevocation(
  binding: { elderId: number; memberId: number; status: 'active' | 'revoked' } | null,
  userId: number,
): Refusal | null {
  if (!binding || (binding.elderId !== userId && binding.memberId !== userId) || binding.status !== 'active')
    return { code: 'FAMILY_BINDING_NOT_FOUND' };
  return null;
}
