import {
  canSee,
  checkAddLeader,
  checkDecision,
  checkGroupQuota,
  checkJoin,
  checkLead,
  checkLeave,
  checkPropose,
  hasRoom,
  seesInside,
} from './groups.rules.js';

const resident = { id: 7, role: 'resident', status: 'verified', communityId: 1 } as const;
const pending = { ...resident, status: 'pending' } as const;
const staff = { id: 2, role: 'staff', status: 'verified', communityId: 1 } as const;
const otherStaff = { ...staff, communityId: 2 } as const;
const admin = { id: 1, role: 'admin', status: 'verified', communityId: null } as const;

describe('who may propose a group', () => {
  it.each([
    ['verified resident', resident, null],
    ['pending resident', pending, 'RESIDENT_NOT_VERIFIED'],
    ['resident without a community', { ...resident, communityId: null }, 'RESIDENT_NOT_VERIFIED'],
    ['staff', staff, 'FORBIDDEN'],
    ['admin', admin, 'FORBIDDEN'],
  ] as const)('%s → %s', (_who, caller, code) => {
    expect(checkPropose(caller)?.code ?? null).toBe(code);
  });
});

describe('who sees a group', () => {
  const approved = { communityId: 1, status: 'approved', proposerId: 9 } as const;
  const proposed = { ...approved, status: 'proposed' } as const;
  it.each([
    ['resident, approved group', resident, approved, null, true],
    ['resident, someone else’s proposal', resident, proposed, null, false],
    ['resident, own proposal', resident, { ...proposed, proposerId: 7 }, null, true],
    ['member, declined group', resident, { ...approved, status: 'declined' }, 'member', true],
    ['pending resident, approved group', pending, approved, null, false],
    ['resident of another community', { ...resident, communityId: 2 }, approved, null, false],
    ['staff of the community, proposal', staff, proposed, null, true],
    ['staff of another community', otherStaff, approved, null, false],
    ['admin', admin, proposed, null, true],
  ] as const)('%s → %p', (_case, caller, group, role, visible) => {
    expect(canSee(caller, group, role)).toBe(visible);
  });

  it.each([
    [resident, null, false],
    [resident, 'member', true],
    [resident, 'leader', true],
    [staff, null, true],
  ] as const)('inside: %o as %s → %p', (caller, role, inside) => {
    expect(seesInside(caller, role)).toBe(inside);
  });
});

describe('decisions, joining, leaving, leading', () => {
  it.each([
    ['proposed', null],
    ['approved', 'GROUP_NOT_PROPOSED'],
    ['declined', 'GROUP_NOT_PROPOSED'],
  ] as const)('deciding a %s group → %s', (status, code) => {
    expect(checkDecision(status)?.code ?? null).toBe(code);
  });

  it.each([
    [resident, 'approved', null, null],
    [resident, 'proposed', null, 'GROUP_NOT_APPROVED'],
    [resident, 'declined', null, 'GROUP_NOT_APPROVED'],
    [resident, 'approved', 'member', 'GROUP_ALREADY_MEMBER'],
    [resident, 'approved', 'leader', 'GROUP_ALREADY_MEMBER'],
    [staff, 'approved', null, 'FORBIDDEN'],
  ] as const)('join: %o, %s group, role %s → %s', (caller, status, role, code) => {
    expect(checkJoin(caller, status, role)?.code ?? null).toBe(code);
  });

  it.each([
    [0, null, true],
    [4, 5, true],
    [5, 5, false],
    [6, 5, false],
    [0, 0, false],
  ] as const)('room for one more: %i members, cap %p → %p', (count, cap, room) => {
    expect(hasRoom(count, cap)).toBe(room);
  });

  it.each([
    [null, 1, 3, 'GROUP_NOT_MEMBER'],
    ['member', 1, 3, null],
    ['leader', 2, 3, null],
    ['leader', 1, 3, 'GROUP_LAST_LEADER'],
    ['leader', 1, 1, null],
  ] as const)('leave as %s with %i leaders of %i members → %s', (role, leaders, members, code) => {
    expect(checkLeave(role, leaders, members)?.code ?? null).toBe(code);
  });

  it.each([
    ['leader', 'approved', null],
    ['member', 'approved', 'GROUP_NOT_LEADER'],
    [null, 'approved', 'GROUP_NOT_LEADER'],
    ['leader', 'proposed', 'GROUP_NOT_APPROVED'],
    ['leader', 'declined', 'GROUP_NOT_APPROVED'],
  ] as const)('lead as %s of a %s group → %s', (role, status, code) => {
    const refusal = checkLead(role, status);
    expect(refusal?.code ?? null).toBe(code);
  });

  it.each([
    [null, 'GROUP_NOT_MEMBER'],
    ['member', null],
    ['leader', 'GROUP_ALREADY_LEADER'],
  ] as const)('add a leader who is %s → %s', (role, code) => {
    expect(checkAddLeader(role)?.code ?? null).toBe(code);
  });

  it.each([
    [0, 120, 240, null],
    [120, 120, 240, null],
    [180, 120, 240, 'GROUP_QUOTA_WEEKLY'],
    [0, 120, 0, 'GROUP_QUOTA_WEEKLY'],
  ] as const)('quota: %i used + %i within %i → %s', (used, minutes, quota, code) => {
    expect(checkGroupQuota(used, minutes, quota)?.code ?? null).toBe(code);
  });
});
