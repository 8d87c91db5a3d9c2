import { checkProfileUpdate, checkVerification, checkVolunteerGrant } from './users.rules.js';

const household = { buildingId: 1, unit: '1', room: '101', name: '张三' };

describe('checkProfileUpdate', () => {
  it.each([
    [
      'pending resident sets household',
      { role: 'resident', status: 'pending' },
      { buildingId: 1, unit: '1', room: '101' },
      null,
    ],
    ['verified resident changes name', { role: 'resident', status: 'verified' }, { name: '李四' }, null],
    [
      'verified resident may not move household',
      { role: 'resident', status: 'verified' },
      { room: '102' },
      'PROFILE_LOCKED',
    ],
    ['staff have no household', { role: 'staff', status: 'verified' }, { buildingId: 2 }, 'NOT_A_RESIDENT'],
    ['staff change their name', { role: 'staff', status: 'verified' }, { name: '王五' }, null],
  ] as const)('%s', (_n, user, change, code) => {
    expect(checkProfileUpdate(user, change)?.code ?? null).toBe(code);
  });
});

describe('checkVerification', () => {
  it.each([
    ['complete pending household', { role: 'resident', status: 'pending', ...household }, null],
    ['already verified', { role: 'resident', status: 'verified', ...household }, 'RESIDENT_ALREADY_VERIFIED'],
    ['disabled', { role: 'resident', status: 'disabled', ...household }, 'TARGET_DISABLED'],
    ['no building', { role: 'resident', status: 'pending', ...household, buildingId: null }, 'HOUSEHOLD_INCOMPLETE'],
    ['no room', { role: 'resident', status: 'pending', ...household, room: null }, 'HOUSEHOLD_INCOMPLETE'],
    ['no name', { role: 'resident', status: 'pending', ...household, name: null }, 'HOUSEHOLD_INCOMPLETE'],
    ['staff are not residents', { role: 'staff', status: 'pending', ...household }, 'NOT_A_RESIDENT'],
  ] as const)('%s', (_n, resident, code) => {
    expect(checkVerification(resident)?.code ?? null).toBe(code);
  });
});

describe('checkVolunteerGrant', () => {
  it.each([
    ['grant to verified', { role: 'resident', status: 'verified' }, true, null],
    ['grant to pending', { role: 'resident', status: 'pending' }, true, 'TARGET_NOT_VERIFIED'],
    ['revoke from pending is harmless', { role: 'resident', status: 'pending' }, false, null],
    ['staff', { role: 'staff', status: 'verified' }, true, 'NOT_A_RESIDENT'],
  ] as const)('%s', (_n, resident, volunteer, code) => {
    expect(checkVolunteerGrant(resident, volunteer)?.code ?? null).toBe(code);
  });
});
