import { sessionUserOf, type SessionUserRow } from './session-user.js';

const created = new Date('2026-11-20T01:02:03.456Z');
const verified = new Date('2026-11-21T08:00:00.000Z');
const row: SessionUserRow = {
  id: 9,
  communityId: 1,
  role: 'resident',
  status: 'verified',
  volunteer: 1,
  name: '王芳',
  phone: '13800000001',
  username: null,
  openid: null,
  buildingId: 2,
  unit: '1',
  room: '101',
  verifiedAt: verified,
  verifiedById: 3,
  createdAt: created,
};
const user = { ...row, volunteer: true };

describe('sessionUserOf hydrates as TypeORM does', () => {
  it.each([
    ['mysql2: Dates and TINYINT', row, user],
    [
      'better-sqlite3: UTC text and integers',
      { ...row, verifiedAt: '2026-11-21 08:00:00.000', createdAt: '2026-11-20 01:02:03.456' },
      user,
    ],
    [
      'not a volunteer, never verified, no community',
      { ...row, volunteer: 0, verifiedAt: null, verifiedById: null, communityId: null },
      { ...user, volunteer: false, verifiedAt: null, verifiedById: null, communityId: null },
    ],
    [
      'staff with a username',
      { ...row, role: 'staff', username: 'staff.g', phone: null, volunteer: false },
      { ...user, role: 'staff', username: 'staff.g', phone: null, volunteer: false },
    ],
  ] as const)('%s', (_name, input, expected) => {
    expect(sessionUserOf(input as SessionUserRow)).toEqual(expected);
  });
});
