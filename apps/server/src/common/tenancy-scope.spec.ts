import { AppException } from './app-exception.js';
import { assertInCommunity, communityOfNewRecord, communityScope } from './tenancy-scope.js';

const staffG = { role: 'staff' as const, communityId: 1 };
const admin = { role: 'admin' as const, communityId: null };
const residentG = { role: 'resident' as const, communityId: 1 };

describe('communityScope', () => {
  it.each([
    ['staff are held to their community', staffG, 2, 1],
    ['staff without a request', staffG, undefined, 1],
    ['admin picks a community', admin, 2, 2],
    ['admin without a request sees the street', admin, undefined, null],
    ['residents are held to their community', residentG, 2, 1],
  ])('%s', (_name, user, requested, expected) => {
    expect(communityScope(user, requested)).toBe(expected);
  });
});

describe('communityOfNewRecord', () => {
  it.each([
    ['staff create in their community', staffG, undefined, 1],
    ['staff may name their own community', staffG, 1, 1],
    ['admin names a community', admin, 2, 2],
    ['admin without one: none yet', admin, undefined, null],
  ])('%s', (_name, user, requested, expected) => {
    expect(communityOfNewRecord(user, requested)).toBe(expected);
  });

  it('refuses staff naming another community (403)', () => {
    expect(() => communityOfNewRecord(staffG, 2)).toThrow(AppException);
    try {
      communityOfNewRecord(staffG, 2);
    } catch (error) {
      expect((error as AppException).getStatus()).toBe(403);
    }
  });
});

describe('assertInCommunity', () => {
  it.each([
    ['own community passes', staffG, { communityId: 1 }, true],
    ['another community is missing', staffG, { communityId: 2 }, false],
    ['a record without community is missing for staff', staffG, { communityId: null }, false],
    ['admin sees every community', admin, { communityId: 2 }, true],
    ['nothing is missing', admin, null, false],
  ])('%s', (_name, user, record, allowed) => {
    const check = () => assertInCommunity(user, record);
    if (allowed) expect(check).not.toThrow();
    else {
      expect(check).toThrow(AppException);
      try {
        check();
      } catch (e) {
        expect((e as AppException).getStatus()).toBe(404);
      }
    }
  });
});
