import { boardQuery } from './help-requests.queries.js';

// What the statement returns is tested on both databases over HTTP (test/help-requests.e2e-spec.ts); here only what
// the builder decides without one.
describe('the board statement', () => {
  it.each([0, -1, 1.5, Number.NaN])('refuses limit %s (it is written into the SQL)', (limit) => {
    expect(() => boardQuery({ scope: 1, status: 'open', before: null }, limit)).toThrow(RangeError);
  });

  it('binds the community, cursor and status, and cuts limit + 1 requests before joining their offers', () => {
    const board = boardQuery({ scope: 3, status: 'open', before: 42 }, 20);
    expect(board.params).toEqual([3, 42, 'open']);
    expect(board.sql).toMatch(
      /^SELECT .* FROM \(SELECT .* FROM help_requests r WHERE r\.communityId = \? AND r\.id < \? AND r\.status = \? ORDER BY r\.id DESC LIMIT 21\) r LEFT JOIN/,
    );
  });

  it('an admin without a community or status reads every community, every state', () => {
    const board = boardQuery({ scope: null, status: undefined, before: null }, 5);
    expect(board.params).toEqual([]);
    expect(board.sql).toContain('FROM help_requests r ORDER BY r.id DESC LIMIT 6)');
  });
});
