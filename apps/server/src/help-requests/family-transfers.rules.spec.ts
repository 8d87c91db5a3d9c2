import { errorStatuses, type ErrorCode } from '@linli/shared-types';
import { monthlyStats } from '../timebank/timebank.rules.js';
import {
  checkFamilyTransfer,
  familyTransferLegs,
  familyTransferLockOrder,
  familyTransferMemos,
  type FamilyTransferParty,
} from './family-transfers.rules.js';

const person = (id: number, over: Partial<FamilyTransferParty> = {}): FamilyTransferParty => ({
  id,
  role: 'resident',
  status: 'verified',
  communityId: 1,
  ...over,
});

describe('who may give credits to whom in the family', () => {
  const cases: Array<[string, FamilyTransferParty, FamilyTransferParty | null, boolean, ErrorCode | null, number]> = [
    ['a bound member in the same community', person(1), person(2), true, null, 0],
    ['a bound member in another community', person(1), person(2, { communityId: 2 }), true, null, 0],
    ['staff', person(1, { role: 'staff' }), person(2), true, 'FORBIDDEN', 403],
    ['an admin', person(1, { role: 'admin', communityId: null }), person(2), true, 'FORBIDDEN', 403],
    ['a pending sender', person(1, { status: 'pending' }), person(2), true, 'RESIDENT_NOT_VERIFIED', 403],
    ['a sender without community', person(1, { communityId: null }), person(2), true, 'RESIDENT_NOT_VERIFIED', 403],
    ['oneself', person(1), person(1), true, 'TRANSFER_TO_SELF', 422],
    ['an unknown user', person(1), null, false, 'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND', 404],
    ['a neighbour who is not bound', person(1), person(2), false, 'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND', 404],
    [
      'an unbound stranger elsewhere',
      person(1),
      person(2, { communityId: 2 }),
      false,
      'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND',
      404,
    ],
    [
      'a bound member now disabled',
      person(1),
      person(2, { status: 'disabled' }),
      true,
      'FAMILY_TRANSFER_RECIPIENT_INACTIVE',
      422,
    ],
    [
      'a bound member who became staff',
      person(1),
      person(2, { role: 'staff' }),
      true,
      'FAMILY_TRANSFER_RECIPIENT_INACTIVE',
      422,
    ],
    [
      'a bound member who moved out',
      person(1),
      person(2, { communityId: null }),
      true,
      'FAMILY_TRANSFER_RECIPIENT_INACTIVE',
      422,
    ],
    // An unbound stranger is never told whether the id exists or is disabled.
    [
      'an unbound disabled user',
      person(1),
      person(2, { status: 'disabled' }),
      false,
      'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND',
      404,
    ],
  ];
  it.each(cases)('%s', (_name, sender, recipient, bound, code, status) => {
    const refusal = checkFamilyTransfer(sender, recipient, bound);
    if (code === null) expect(refusal).toBeNull();
    else {
      expect(refusal).toEqual({ code });
      expect(errorStatuses[code]).toBe(status);
    }
  });
});

describe('the postings of a family transfer', () => {
  it('is one person-to-person posting inside a community', () => {
    expect(familyTransferLegs(3, 3)).toEqual([{ communityId: 3, from: 'sender', to: 'recipient' }]);
  });
  it('goes through both pools across communities, each leg inside one community', () => {
    expect(familyTransferLegs(3, 5)).toEqual([
      { communityId: 3, from: 'sender', to: 'pool' },
      { communityId: 5, from: 'pool', to: 'recipient' },
    ]);
  });
  it.each([
    [
      [9, 2, 7, 4],
      [2, 4, 7, 9],
    ],
    [
      [4, 2, 2, 4],
      [2, 4],
    ],
    [
      [1, 10, 2],
      [1, 2, 10],
    ],
  ])('locks %j as %j (numeric order, once each)', (ids, order) => {
    expect(familyTransferLockOrder(ids)).toEqual(order);
  });
});

describe('what the statements say', () => {
  const li = { name: '李秀英', communityName: '光明社区' };
  const sun = { name: '孙丽', communityName: '滨河社区' };
  it.each([
    [false, '亲情转赠给 孙丽：生日快乐', '李秀英 亲情转赠：生日快乐'],
    [true, '亲情转赠给 孙丽（滨河社区）：生日快乐', '李秀英（光明社区） 亲情转赠：生日快乐'],
  ])('across communities: %s', (cross, outgoing, incoming) => {
    expect(familyTransferMemos(li, sun, '  生日快乐 ', cross)).toEqual({ outgoing, incoming });
  });
  it('names an unnamed person 家人', () => {
    expect(
      familyTransferMemos({ name: null, communityName: null }, { name: null, communityName: null }, '好', true),
    ).toEqual({
      outgoing: '亲情转赠给 家人：好',
      incoming: '家人 亲情转赠：好',
    });
  });
});

describe('family transfers in the monthly chart', () => {
  const at = new Date('2026-11-10T04:00:00Z');
  it.each([
    ['one leg inside a community', [{ fromPool: false, toPool: false }], 30],
    [
      'two legs across communities count once',
      [
        { fromPool: false, toPool: true },
        { fromPool: true, toPool: false },
      ],
      30,
    ],
  ])('%s', (_name, legs, transferred) => {
    const [row] = monthlyStats(
      legs.map((l) => ({ kind: 'family_transfer' as const, amount: 30, createdAt: at, ...l })),
      ['2026-11'],
    );
    expect(row).toEqual({ month: '2026-11', issued: 0, spent: 0, transferred, reversed: 0 });
  });
});
