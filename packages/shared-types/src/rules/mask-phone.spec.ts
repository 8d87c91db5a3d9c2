import { maskPhone } from './mask-phone.js';

describe('maskPhone', () => {
  it.each([
    ['13800000001', '138****0001'],
    ['+8613800000001', '+86****0001'],
    ['1234567', '123****4567'],
    ['12345', '*****'],
    ['', null],
    [null, null],
    [undefined, null],
  ])('%p → %p', (input, expected) => {
    expect(maskPhone(input)).toBe(expected);
  });
});
