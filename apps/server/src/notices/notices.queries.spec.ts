import { feedQuery, readsQuery, unreadQuery } from './notices.queries.js';

const now = new Date('2026-11-28T02:00:00.000Z');
const at = new Date('2026-11-27T10:00:00.000Z');
const COLUMNS =
  'SELECT n.id, n.communityId, n.title, n.excerpt, n.category, n.pinned, n.requiresAck, n.wholeCommunity, ' +
  'n.audienceBuildingIds, n.status, n.publishAt, n.expiresAt, n.createdAt, n.updatedAt FROM notices n WHERE ';
const VISIBLE = "n.status = 'published' AND n.publishAt <= ? AND (n.expiresAt IS NULL OR n.expiresAt > ?)";
const BUILDING =
  '(n.wholeCommunity = 1 OR EXISTS (SELECT 1 FROM notice_buildings nb WHERE nb.noticeId = n.id AND nb.buildingId = ?))';
const ORDER = ' ORDER BY n.pinned DESC, n.publishAt DESC, n.id DESC LIMIT ';
const resident = { role: 'resident', communityId: 1, buildingId: 7 } as const;

describe('feedQuery', () => {
  it.each([
    [
      'a resident, first page (the benchmarked statement)',
      resident,
      { after: null },
      20,
      `${COLUMNS}${VISIBLE} AND n.communityId = ? AND ${BUILDING}${ORDER}21`,
      [now, now, 1, 7],
    ],
    [
      'a resident without a building matches whole-community notices only',
      { ...resident, buildingId: null },
      { after: null },
      20,
      `${COLUMNS}${VISIBLE} AND n.communityId = ? AND ${BUILDING}${ORDER}21`,
      [now, now, 1, 0],
    ],
    [
      'staff: their community, every building',
      { role: 'staff', communityId: 2, buildingId: null },
      { after: null },
      5,
      `${COLUMNS}${VISIBLE} AND n.communityId = ?${ORDER}6`,
      [now, now, 2],
    ],
    [
      'an admin: every community',
      { role: 'admin', communityId: null, buildingId: null },
      { after: null },
      20,
      `${COLUMNS}${VISIBLE}${ORDER}21`,
      [now, now],
    ],
    [
      'category and keyword (LIKE escaped with !)',
      resident,
      { category: 'safety', q: '50%_!', after: null },
      20,
      `${COLUMNS}${VISIBLE} AND n.communityId = ? AND ${BUILDING} AND n.category = ? AND (n.title LIKE ? ESCAPE '!' OR n.body LIKE ? ESCAPE '!')${ORDER}21`,
      [now, now, 1, 7, 'safety', '%50!%!_!!%', '%50!%!_!!%'],
    ],
    [
      'after a pinned cursor',
      resident,
      { after: { pinned: true, publishAt: at, id: 9 } },
      20,
      `${COLUMNS}${VISIBLE} AND n.communityId = ? AND ${BUILDING} AND (n.pinned < ? OR (n.pinned = ? AND (n.publishAt < ? OR (n.publishAt = ? AND n.id < ?))))${ORDER}21`,
      [now, now, 1, 7, 1, 1, at, at, 9],
    ],
    [
      'after an unpinned cursor',
      { role: 'staff', communityId: 2, buildingId: null },
      { after: { pinned: false, publishAt: at, id: 3 } },
      1,
      `${COLUMNS}${VISIBLE} AND n.communityId = ? AND (n.pinned < ? OR (n.pinned = ? AND (n.publishAt < ? OR (n.publishAt = ? AND n.id < ?))))${ORDER}2`,
      [now, now, 2, 0, 0, at, at, 3],
    ],
  ] as const)('%s', (_name, viewer, filter, limit, sql, params) => {
    expect(feedQuery(viewer, filter, now, limit)).toEqual({ sql, params });
  });

  it.each([
    ['a resident with no community', { role: 'resident', communityId: null, buildingId: null }],
    ['staff with no community', { role: 'staff', communityId: null, buildingId: null }],
  ] as const)('sees nothing: %s', (_name, viewer) => {
    expect(feedQuery(viewer, { after: null }, now, 20)).toBeNull();
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses limit %s (it is written into the SQL)', (limit) => {
    expect(() => feedQuery(resident, { after: null }, now, limit)).toThrow(RangeError);
  });
});

describe('readsQuery', () => {
  it.each([
    [[5], 'SELECT noticeId, ackAt FROM notice_reads WHERE userId = ? AND noticeId IN (?)', [3, 5]],
    [[5, 4, 2], 'SELECT noticeId, ackAt FROM notice_reads WHERE userId = ? AND noticeId IN (?, ?, ?)', [3, 5, 4, 2]],
  ])('ids %j', (ids, sql, params) => {
    expect(readsQuery(3, ids)).toEqual({ sql, params });
  });

  it('is null with no notices shown', () => {
    expect(readsQuery(3, [])).toBeNull();
  });
});

describe('unreadQuery', () => {
  const since = new Date('2026-08-30T02:00:00.000Z');
  const UNREAD =
    ' AND n.publishAt > ? AND NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.noticeId = n.id AND r.userId = ?) LIMIT 100';
  it.each([
    [
      "a resident: the feed's visibility, unopened, since the window start",
      { ...resident, id: 5 },
      `SELECT n.id FROM notices n WHERE ${VISIBLE} AND n.communityId = ? AND ${BUILDING}${UNREAD}`,
      [now, now, 1, 7, since, 5],
    ],
    [
      'staff: their community',
      { role: 'staff', communityId: 2, buildingId: null, id: 9 },
      `SELECT n.id FROM notices n WHERE ${VISIBLE} AND n.communityId = ?${UNREAD}`,
      [now, now, 2, since, 9],
    ],
  ] as const)('%s', (_name, viewer, sql, params) => {
    expect(unreadQuery(viewer, now, since, 100)).toEqual({ sql, params });
  });

  it('is null for a viewer with no community', () => {
    expect(unreadQuery({ role: 'resident', communityId: null, buildingId: null, id: 5 }, now, since, 100)).toBeNull();
  });

  it.each([0, 2.5])('refuses cap %s (it is written into the SQL)', (cap) => {
    expect(() => unreadQuery({ ...resident, id: 5 }, now, since, cap)).toThrow(RangeError);
  });
});
