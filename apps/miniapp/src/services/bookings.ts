import type {
  BookingView,
  CreateBookingRequest,
  MyBookingsWhen,
  Page,
  ScanRequest,
  ScanResponse,
} from '@linli/shared-types';
import { http } from './http';

/** Verified residents only (403 RESIDENT_NOT_VERIFIED); refusals carry the BOOKING_* codes. */
export function createBooking(body: CreateBookingRequest): Promise<BookingView> {
  return http.post<BookingView>('bookings', body);
}

/** upcoming: still active and not ended; past: the rest (newest first). */
export function listMyBookings(when: MyBookingsWhen, cursor?: string): Promise<Page<BookingView>> {
  return http.get<Page<BookingView>>('bookings/mine', { when, cursor });
}

/** The booker may cancel before the start. */
export function cancelBooking(id: number): Promise<BookingView> {
  return http.post<BookingView>(`bookings/${id}/cancel`, {});
}

/** Whatever the camera read; a room's door QR checks in the caller's booking of that room. */
export function postScan(body: ScanRequest): Promise<ScanResponse> {
  return http.post<ScanResponse>('scan', body);
}
