import { roomPriceMinutes, type BookingStatus } from '@linli/shared-types';

/** Rooms priced in credits (PRODUCT.md "Mutual help"): pure rules, no database. */

export interface PricedBooking {
  /** The room's price when the booking is made, minutes of credit per hour. */
  priceMinutesPerHour: number;
  /** Length of the booking. */
  minutes: number;
  /** Staff book for the community (events, club practice): the community does not pay itself. */
  staffBooking: boolean;
  /** Group bookings spend the group's weekly quota staff granted, not a member's credits. */
  groupBooking: boolean;
}

/** What a booking holds from the booker: the hourly price pro rata, rounded up to a whole minute; 0 for free. */
export function roomChargeMinutes(b: PricedBooking): number {
  return b.staffBooking || b.groupBooking ? 0 : roomPriceMinutes(b.priceMinutesPerHour, b.minutes);
}

/**
 * What a status change does to the hold: a booking used (completed) or not turned up to (no_show) is charged to the
 * pool; one refused (rejected) or withdrawn (cancelled) is released to the booker; the others leave it held.
 */
export function roomChargeOutcome(to: BookingStatus): 'charge' | 'release' | null {
  if (to === 'completed' || to === 'no_show') return 'charge';
  if (to === 'rejected' || to === 'cancelled') return 'release';
  return null;
}

/** The hold's reference: one hold per booking (the unique reference key). */
export const bookingHoldReference = (bookingId: number) => `booking:${bookingId}`;
