import { writesRequestLogs } from './log-level.js';

describe('writesRequestLogs', () => {
  it.each([
    ['trace', true],
    ['debug', true],
    ['info', true],
    ['warn', false],
    ['error', false],
    ['fatal', false],
    ['silent', false],
  ])('%s → %s', (level, expected) => {
    expect(writesRequestLogs(level)).toBe(expected);
  });
});
