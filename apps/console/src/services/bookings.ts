import {
  everyPage,
  type BookingQuery,
  type BookingView,
  type CancelBookingRequest,
  type CreateBookingRequest,
  type Page,
  type RecurringBookingRequest,
  type RecurringBookingResponse,
  type RejectBookingRequest,
} from '@linli/shared-types';
import { http } from './http';

/**
 * Not in shared-types: the booker's phone. The drawer shows it masked when the server sends it
 * (GET bookings does not yet), so it appears without a console release.
 */
export interface BookingRow extends BookingView {
  booker: BookingView['booker'] & { phone?: string | null };
}

/** GET bookings, every page: a day or the pending queue of one community is at most a few hundred rows. */
export function fetchAllBookings(
  query: Omit<BookingQuery, 'cursor' | 'limit'>,
  signal?: AbortSignal,
): Promise<BookingRow[]> {
  return everyPage((cursor) => http.get<Page<BookingRow>>('bookings', { ...query, cursor, limit: 100 }, signal));
}

/** Staff book for the community: no quotas, the other rules still apply. */
export function createBooking(body: CreateBookingRequest): Promise<BookingRow> {
  return http.post<BookingRow>('bookings', body);
}

/** The same local time every week for N weeks; conflicting weeks are skipped with their reason. */
export function createRecurringBooking(body: RecurringBookingRequest): Promise<RecurringBookingResponse> {
  return http.post<RecurringBookingResponse>('bookings/recurring', body);
}

export function approveBooking(bookingId: number): Promise<BookingRow> {
  return http.post<BookingRow>(`bookings/${bookingId}/approve`);
}

export function rejectBooking(bookingId: number, reason: string): Promise<BookingRow> {
  const body: RejectBookingRequest = { reason };
  return http.post<BookingRow>(`bookings/${bookingId}/reject`, body);
}

export function cancelBooking(bookingId: number, reason: string): Promise<BookingRow> {
  const body: CancelBookingRequest = { reason };
  return http.post<BookingRow>(`bookings/${bookingId}/cancel`, body);
}

/** Staff check a resident in on their behalf. */
export function checkInBooking(bookingId: number): Promise<BookingRow> {
  return http.post<BookingRow>(`bookings/${bookingId}/check-in`);
}
