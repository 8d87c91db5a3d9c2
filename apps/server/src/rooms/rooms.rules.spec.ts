import type { Role } from '@linli/shared-types';
import { roomVisibleTo } from './rooms.rules.js';

describe('roomVisibleTo (admins all; staff their community; residents their community, active rooms only)', () => {
  it.each<[Role, number | null, number, boolean, boolean]>([
    ['admin', null, 1, false, true],
    ['admin', null, 2, true, true],
    ['staff', 1, 1, true, true],
    ['staff', 1, 1, false, true],
    ['staff', 1, 2, true, false],
    ['resident', 1, 1, true, true],
    ['resident', 1, 1, false, false],
    ['resident', 1, 2, true, false],
  ])('%p of community %p, room of community %p (active %p) → %p', (role, communityId, roomCommunity, active, seen) => {
    expect(roomVisibleTo({ role, communityId }, { communityId: roomCommunity, active })).toBe(seen);
  });
});
