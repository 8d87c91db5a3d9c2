import { roomPriceMinutes } from './room-price.js';

describe('roomPriceMinutes (price per hour, pro rata, rounded up to a minute)', () => {
  it.each([
    [0, 60, 0],
    [30, 60, 30],
    [30, 90, 45],
    [60, 30, 30],
    [20, 15, 5],
    [25, 30, 13],
    [1, 15, 1],
    [120, 180, 360],
    [30, 0, 0],
    [-5, 60, 0],
  ])('%p min/h for %p min → %p', (price, minutes, expected) => {
    expect(roomPriceMinutes(price, minutes)).toBe(expected);
  });
});
