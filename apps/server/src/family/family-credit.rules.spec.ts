import {
  checkCreditAsk,
  checkCreditAskDecision,
  creditAskWords,
  type CreditAskBinding,
  type CreditAskParty,
  type CreditAskState,
} from './family-credit.rules.js';

const person = (
  id: number,
  role = 'resident',
  status = 'verified',
  communityId: number | null = 1,
): CreditAskParty => ({
  id,
  role,
  status,
  communityId,
});
const daughter = person(2);
const mother = person(1);
const active: CreditAskBinding = { elderId: 1, memberId: 2, status: 'active' };

describe('checkCreditAsk: who may ask an elder for credits', () => {
  it.each<[string, CreditAskParty, CreditAskBinding | null, CreditAskParty | null, number, string | null]>([
    ['the bound member, nothing open', daughter, active, mother, 0, null],
    ['the bound member in another community', person(2, 'resident', 'verified', 7), active, mother, 0, null],
    ['staff', person(2, 'staff'), active, mother, 0, 'FORBIDDEN'],
    ['a pending member', person(2, 'resident', 'pending'), active, mother, 0, 'RESIDENT_NOT_VERIFIED'],
    [
      'a member without a community',
      person(2, 'resident', 'verified', null),
      active,
      mother,
      0,
      'RESIDENT_NOT_VERIFIED',
    ],
    ['no binding', daughter, null, mother, 0, 'FAMILY_BINDING_NOT_FOUND'],
    ['a revoked binding', daughter, { ...active, status: 'revoked' }, mother, 0, 'FAMILY_BINDING_NOT_FOUND'],
    ['the elder asking her member (wrong direction)', mother, active, daughter, 0, 'FAMILY_BINDING_NOT_FOUND'],
    ['a stranger naming the binding', person(3), active, mother, 0, 'FAMILY_BINDING_NOT_FOUND'],
    ['the elder gone', daughter, active, null, 0, 'FAMILY_BINDING_NOT_FOUND'],
    ['a disabled elder', daughter, active, person(1, 'resident', 'disabled'), 0, 'FAMILY_TRANSFER_RECIPIENT_INACTIVE'],
    ['an ask already open', daughter, active, mother, 1, 'FAMILY_CREDIT_ASK_OPEN'],
  ])('%s', (_name, member, binding, elder, open, expected) => {
    expect(checkCreditAsk(member, binding, elder, open)?.code ?? null).toBe(expected);
  });
});

describe('checkCreditAskDecision: only the elder confirms, in time, while bound', () => {
  const now = new Date('2026-12-02T02:00:00Z');
  const pending: CreditAskState = {
    elderId: 1,
    memberId: 2,
    status: 'pending',
    expiresAt: new Date(now.getTime() + 3_600_000),
  };
  const expired = { ...pending, expiresAt: new Date(now.getTime() - 1) };
  it.each<[string, CreditAskState | null, number, 'confirm' | 'decline' | 'cancel', boolean, string | null]>([
    ['the elder confirms', pending, 1, 'confirm', true, null],
    ['the elder declines', pending, 1, 'decline', true, null],
    ['the member cancels', pending, 2, 'cancel', true, null],
    ['the member confirms her own ask', pending, 2, 'confirm', true, 'FAMILY_CREDIT_ASK_NOT_FOUND'],
    ['the member declines for the elder', pending, 2, 'decline', true, 'FAMILY_CREDIT_ASK_NOT_FOUND'],
    ['the elder cancels the member’s ask', pending, 1, 'cancel', true, 'FAMILY_CREDIT_ASK_NOT_FOUND'],
    ['a stranger confirms', pending, 3, 'confirm', true, 'FAMILY_CREDIT_ASK_NOT_FOUND'],
    ['no such ask', null, 1, 'confirm', true, 'FAMILY_CREDIT_ASK_NOT_FOUND'],
    ['confirmed already', { ...pending, status: 'confirmed' }, 1, 'confirm', true, 'FAMILY_CREDIT_ASK_CLOSED'],
    ['declined already', { ...pending, status: 'declined' }, 1, 'confirm', true, 'FAMILY_CREDIT_ASK_CLOSED'],
    ['cancelled, then declined', { ...pending, status: 'cancelled' }, 1, 'decline', true, 'FAMILY_CREDIT_ASK_CLOSED'],
    ['past its time', expired, 1, 'confirm', true, 'FAMILY_CREDIT_ASK_EXPIRED'],
    ['exactly at its time', { ...pending, expiresAt: now }, 1, 'confirm', true, 'FAMILY_CREDIT_ASK_EXPIRED'],
    ['past its time, declined', expired, 1, 'decline', true, null],
    ['past its time, cancelled', expired, 2, 'cancel', true, null],
    ['the binding revoked since', pending, 1, 'confirm', false, 'FAMILY_BINDING_NOT_FOUND'],
    ['the binding revoked, declined', pending, 1, 'decline', false, null],
  ])('%s', (_name, ask, viewer, decision, bound, expected) => {
    expect(checkCreditAskDecision(ask, viewer, decision, now, bound)?.code ?? null).toBe(expected);
  });
});

describe('creditAskWords', () => {
  it('names who asks, how much, and that nothing moves without the elder', () => {
    const words = creditAskWords('女儿', '王芳', 90, ' 买菜的钱 ');
    expect(words.inboxTitle).toBe('女儿 王芳 请求转出 1.50 小时给本人');
    expect(words.inboxBody).toContain('买菜的钱');
    expect(words.inboxBody).toContain('未经您本人确认不会转出');
    expect(words.memo).toBe('经本人确认转给女儿：买菜的钱');
    expect(creditAskWords('女儿', null, 60, 'x'.repeat(200)).memo).toHaveLength(100);
  });
});
