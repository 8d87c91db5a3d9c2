import { galeraServes } from './health.rules.js';

describe('galeraServes', () => {
  it.each([
    [{ ready: true, state: 'Synced' }, true],
    [{ ready: false, state: 'Synced' }, false],
    [{ ready: true, state: 'Donor/Desynced' }, false],
    [{ ready: true, state: 'Joining' }, false],
    [{ ready: true, state: 'Joined' }, false],
    [{ ready: false, state: 'Initialized' }, false],
    [{ ready: false, state: '' }, false],
  ])('%j → %s', (node, serves) => {
    expect(galeraServes(node)).toBe(serves);
  });
});
