import { bookingStatuses, type BookingStatus } from '@linli/shared-types';
import {
  bookingHoldReference,
  roomChargeMinutes,
  roomChargeOutcome,
  type PricedBooking,
} from './room-charges.rules.js';

const booking = (over: Partial<PricedBooking> = {}): PricedBooking => ({
  priceMinutesPerHour: 30,
  minutes: 60,
  staffBooking: false,
  groupBooking: false,
  ...over,
});

describe('what a booking of a priced room holds', () => {
  it.each<[string, Partial<PricedBooking>, number]>([
    ['a free room', { priceMinutesPerHour: 0 }, 0],
    ['one hour at 30 min/h', {}, 30],
    ['two hours at 30 min/h', { minutes: 120 }, 60],
    ['half an hour at 30 min/h', { minutes: 30 }, 15],
    ['45 minutes at 20 min/h: 15, exact', { minutes: 45, priceMinutesPerHour: 20 }, 15],
    ['15 minutes at 10 min/h: 2.5, rounded up', { minutes: 15, priceMinutesPerHour: 10 }, 3],
    ['15 minutes at 1 min/h: 0.25, rounded up to 1', { minutes: 15, priceMinutesPerHour: 1 }, 1],
    ['three hours at the top price 120 min/h', { minutes: 180, priceMinutesPerHour: 120 }, 360],
    ['staff booking for the community', { staffBooking: true }, 0],
    ['a group booking (the group quota pays)', { groupBooking: true }, 0],
    ['a zero-length booking', { minutes: 0 }, 0],
    ['a negative price (never stored) is free', { priceMinutesPerHour: -5 }, 0],
  ])('%s → %i', (_name, over, expected) => {
    expect(roomChargeMinutes(booking(over))).toBe(expected);
  });
});

describe('what a status change does to the hold', () => {
  const expected: Record<BookingStatus, 'charge' | 'release' | null> = {
    pending: null,
    approved: null,
    checked_in: null,
    completed: 'charge',
    no_show: 'charge',
    rejected: 'release',
    cancelled: 'release',
  };
  it.each(bookingStatuses.map((s) => [s, expected[s]] as const))('%s → %s', (status, outcome) => {
    expect(roomChargeOutcome(status)).toBe(outcome);
  });
  it('names one hold per booking', () => {
    expect(bookingHoldReference(7)).toBe('booking:7');
  });
});
