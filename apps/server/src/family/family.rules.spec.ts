import {
  checkBindByCode,
  checkCodeCreation,
  checkDeskBinding,
  checkExistingBinding,
  checkRevocation,
  familyCodeExpiry,
  familyCodeOf,
  type FamilyCodeState,
  type FamilyPerson,
} from './family.rules.js';

const now = new Date('2026-12-01T10:00:00Z');
const at = (minutes: number) => new Date(now.getTime() + minutes * 60_000);
const resident = (id: number, status = 'verified'): FamilyPerson => ({ id, role: 'resident', status });
const staff: FamilyPerson = { id: 9, role: 'staff', status: 'verified' };
const mother = resident(1);
const daughter = resident(2);
const code = (over: Partial<FamilyCodeState> = {}): FamilyCodeState => ({
  elderId: 1,
  expiresAt: at(5),
  usedAt: null,
  ...over,
});

describe('familyCodeOf', () => {
  it.each([
    [0, '000000'],
    [42, '000042'],
    [999_999, '999999'],
    [1_000_000, '000000'],
    [123_456.9, '123456'],
  ])('%p → %s', (n, expected) => {
    expect(familyCodeOf(n)).toBe(expected);
  });

  it('a code expires ten minutes after it is made', () => {
    expect(familyCodeExpiry(now)).toEqual(at(10));
  });
});

describe('checkCodeCreation', () => {
  it.each([
    ['a verified resident', mother, null],
    ['a pending resident', resident(1, 'pending'), 'RESIDENT_NOT_VERIFIED'],
    ['staff', staff, 'FORBIDDEN'],
  ])('%s → %s', (_name, person, expected) => {
    expect(checkCodeCreation(person)?.code ?? null).toBe(expected);
  });
});

describe('checkBindByCode', () => {
  it.each<[string, FamilyCodeState | null, FamilyPerson | null, FamilyPerson, Date, string | null]>([
    ['a live code of another verified resident', code(), mother, daughter, now, null],
    [
      'a live code one millisecond before expiry',
      code({ expiresAt: new Date(now.getTime() + 1) }),
      mother,
      daughter,
      now,
      null,
    ],
    ['no such code', null, null, daughter, now, 'FAMILY_CODE_INVALID'],
    ['an expired code', code({ expiresAt: at(-1) }), mother, daughter, now, 'FAMILY_CODE_EXPIRED'],
    ['a code at its expiry instant', code({ expiresAt: now }), mother, daughter, now, 'FAMILY_CODE_EXPIRED'],
    ['a used code', code({ usedAt: at(-2) }), mother, daughter, now, 'FAMILY_CODE_USED'],
    [
      'a used and expired code',
      code({ usedAt: at(-20), expiresAt: at(-11) }),
      mother,
      daughter,
      now,
      'FAMILY_CODE_USED',
    ],
    ['one’s own code', code(), mother, mother, now, 'FAMILY_SELF_BIND'],
    ['a pending member', code(), mother, resident(2, 'pending'), now, 'RESIDENT_NOT_VERIFIED'],
    ['staff entering a code', code(), mother, staff, now, 'FORBIDDEN'],
    ['an elder disabled since', code(), resident(1, 'disabled'), daughter, now, 'FAMILY_CODE_INVALID'],
  ])('%s → %s', (_name, state, elder, member, when, expected) => {
    expect(checkBindByCode(state, elder, member, when)?.code ?? null).toBe(expected);
  });

  it('staff hold no bindings of their own', () => {
    expect(checkBindByCode(code(), mother, staff, now)?.code).toBe('FORBIDDEN');
  });
});

describe('checkDeskBinding', () => {
  it.each<[string, FamilyPerson, FamilyPerson | null, string | null]>([
    ['a resident and a verified member', mother, daughter, null],
    ['a pending (offline) elder and a verified member', resident(1, 'pending'), daughter, null],
    ['no account with that phone', mother, null, 'FAMILY_MEMBER_NOT_FOUND'],
    ['a pending member', mother, resident(2, 'pending'), 'FAMILY_MEMBER_NOT_FOUND'],
    ['a staff member as member', mother, staff, 'FAMILY_MEMBER_NOT_FOUND'],
    ['the elder themselves', mother, mother, 'FAMILY_SELF_BIND'],
    ['a disabled elder', resident(1, 'disabled'), daughter, 'TARGET_DISABLED'],
    ['staff as elder', staff, daughter, 'NOT_A_RESIDENT'],
  ])('%s → %s', (_name, elder, member, expected) => {
    expect(checkDeskBinding(elder, member)?.code ?? null).toBe(expected);
  });
});

describe('checkExistingBinding and checkRevocation', () => {
  it.each<[string, { status: 'active' | 'revoked' } | null, string | null]>([
    ['no binding yet', null, null],
    ['a revoked binding (bound afresh)', { status: 'revoked' }, null],
    ['an active binding', { status: 'active' }, 'FAMILY_ALREADY_BOUND'],
  ])('bind with %s → %s', (_name, existing, expected) => {
    expect(checkExistingBinding(existing)?.code ?? null).toBe(expected);
  });

  const binding = { elderId: 1, memberId: 2, status: 'active' as const };
  it.each<
    [string, typeof binding | { elderId: number; memberId: number; status: 'revoked' } | null, number, string | null]
  >([
    ['the elder', binding, 1, null],
    ['the member', binding, 2, null],
    ['a stranger', binding, 3, 'FAMILY_BINDING_NOT_FOUND'],
    ['already revoked', { ...binding, status: 'revoked' }, 1, 'FAMILY_BINDING_NOT_FOUND'],
    ['no such binding', null, 1, 'FAMILY_BINDING_NOT_FOUND'],
  ])('revoke by %s → %s', (_name, b, userId, expected) => {
    expect(checkRevocation(b, userId)?.code ?? null).toBe(expected);
  });
});
