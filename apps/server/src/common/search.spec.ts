import { containsPattern } from './search.js';

describe('containsPattern', () => {
  it.each([
    ['张', '%张%'],
    ['50%', '%50!%%'],
    ['a_b', '%a!_b%'],
    ['x!y', '%x!!y%'],
  ])('%p → %p', (text, pattern) => {
    expect(containsPattern(text)).toBe(pattern);
  });
});
