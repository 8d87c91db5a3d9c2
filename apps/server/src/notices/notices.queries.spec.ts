import { feedQuery, unreadQuery } from './notices.queries.js';

// What the statements return is tested against both databases (test/notices.int-spec.ts, test/raw-reads.int-spec.ts);
// here only what the builders decide without one.
const now = new Date('2026-11-28T02:00:00.000Z');
const since = new Date('2026-08-30T02:00:00.000Z');
const resident = { id: 5, role: 'resident', communityId: 1, buildingId: 7 } as const;

describe('who can see nothing gets no statement', () => {
  it.each([
    ['a resident with no community', { role: 'resident', communityId: null, buildingId: null }],
    ['staff with no community', { role: 'staff', communityId: null, buildingId: null }],
  ] as const)('%s', (_name, viewer) => {
    expect(feedQuery({ ...viewer, id: 5 }, { after: null }, now, 20)).toBeNull();
    expect(unreadQuery({ ...viewer, id: 5 }, now, since, 100)).toBeNull();
  });
});

describe('numbers written into the SQL must be whole and positive', () => {
  it.each([0, -1, 1.5, Number.NaN])('feed limit %s', (limit) => {
    expect(() => feedQuery(resident, { after: null }, now, limit)).toThrow(RangeError);
  });

  it.each([0, 2.5])('unread cap %s', (cap) => {
    expect(() => unreadQuery(resident, now, since, cap)).toThrow(RangeError);
  });
});

describe('parameters are bound, never written into the SQL', () => {
  it('a keyword with quotes and wildcards', () => {
    const page = feedQuery(resident, { q: "50%_!' OR 1=1 --", after: null }, now, 20)!;
    expect(page.sql).not.toContain('OR 1=1');
    expect(page.params).toContain("%50!%!_!!' OR 1=1 --%");
  });
});
