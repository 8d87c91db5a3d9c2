import { queueQuery, queueRowFacts } from './requests.queries.js';

// What the statements return is tested against both databases (test/requests-queue.int-spec.ts); here only what the
// builders decide without one.
const now = new Date('2026-11-30T04:00:00.000Z');
const open = { open: true, after: null } as const;

describe('the queue follows its index on MariaDB only, and only within a community', () => {
  it.each([
    ['a community', { scope: 1 }, true, 'USE INDEX (idx_resident_requests_queue)'],
    ['a community by status', { scope: 1, status: 'accepted' }, true, 'USE INDEX (idx_resident_requests_queue_status)'],
    ['the whole street', { scope: null }, true, null],
    ['SQLite', { scope: 1 }, false, null],
  ] as const)('%s', (_name, filter, hints, hint) => {
    const { sql } = queueQuery(open, filter, now, 21, hints);
    if (hint) expect(sql).toContain(`resident_requests r ${hint} LEFT JOIN`);
    else expect(sql).not.toContain('USE INDEX');
  });
});

describe('parameters are bound, never written into the SQL', () => {
  it('filters, the light and the cursor', () => {
    const at = new Date('2026-12-01T00:00:00.000Z');
    const q = queueQuery(
      { open: true, after: { at, id: 7 } },
      { scope: 3, status: 'accepted', category: 'repair', assigneeId: 9, unreasonable: 'marked', light: 'yellow' },
      now,
      21,
      true,
    );
    expect(q.params).toEqual([3, 'accepted', 'repair', 9, 'marked', now, now, at, at, 7]);
    expect(q.sql).toContain('ORDER BY r.deadlineAt ASC, r.id DESC LIMIT 21');
    const rest = queueQuery({ open: false, afterId: 40 }, { scope: null }, now, 5, true);
    expect(rest.params).toEqual([40]);
    expect(rest.sql).toContain('WHERE r.deadlineAt IS NULL AND r.id < ? ORDER BY r.id DESC LIMIT 5');
  });

  it.each([0, -1, 1.5, Number.NaN])('limit %s is refused', (limit) => {
    expect(() => queueQuery(open, { scope: 1 }, now, limit, true)).toThrow(RangeError);
  });
});

describe('the facts of a row', () => {
  it('a submitter or assignee gone from users shows as none; no photos as an empty list', () => {
    const facts = queueRowFacts({ communityName: null, submitterId: null, assigneeUserId: null, photoIds: null });
    expect(facts).toEqual({
      communityName: '',
      buildingName: null,
      submitter: null,
      assignee: null,
      photoIds: [],
      secondedByMe: false,
    });
  });

  it('photo ids in the order GROUP_CONCAT gave them', () => {
    expect(
      queueRowFacts({ submitterId: 4, assigneeUserId: 2, assigneeName: '社工', photoIds: 'b_1,a-2' }),
    ).toMatchObject({
      submitter: { id: 4, name: null },
      assignee: { id: 2, name: '社工' },
      photoIds: ['b_1', 'a-2'],
    });
  });
});
