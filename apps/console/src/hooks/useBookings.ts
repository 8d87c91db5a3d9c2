import type { BookingStatus, CreateBookingRequest, RecurringBookingRequest } from '@linli/shared-types';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import { lastDays } from '../lib/booking-format';
import {
  approveBooking,
  cancelBooking,
  checkInBooking,
  createBooking,
  createRecurringBooking,
  fetchAllBookings,
  rejectBooking,
} from '../services/bookings';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';
import { roomKeys } from './useRooms';

export const bookingKeys = {
  all: ['bookings'] as const,
  day: (communityId: number | undefined, date: string) => ['bookings', 'day', communityId ?? null, date] as const,
  status: (communityId: number | undefined, status: BookingStatus) =>
    ['bookings', 'status', communityId ?? null, status] as const,
  range: (communityId: number | undefined, days: string[]) =>
    ['bookings', 'range', communityId ?? null, days[0], days.length] as const,
};

/** Every booking starting on a local date (Asia/Shanghai), any status. */
export function useDayBookings(date: string) {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: bookingKeys.day(communityId, date),
    queryFn: ({ signal }) => fetchAllBookings({ date, communityId }, signal),
    enabled: ready,
  });
}

/** The approval queue: pending bookings of any date, soonest first. */
export function usePendingBookings() {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: bookingKeys.status(communityId, 'pending'),
    queryFn: ({ signal }) => fetchAllBookings({ status: 'pending', communityId }, signal),
    enabled: ready,
    select: (rows) => [...rows].sort((a, b) => a.startAt.localeCompare(b.startAt)),
  });
}

/**
 * Bookings of the last `days` local dates, one request per day: there is no aggregated endpoint yet
 * (a GET bookings/stats/weekly would replace these requests).
 */
export function useRecentBookings(days: number, endDate: string) {
  const { communityId, ready } = useCommunityScope();
  const dates = lastDays(endDate, days);
  return useQuery({
    queryKey: bookingKeys.range(communityId, dates),
    queryFn: async ({ signal }) => {
      const perDay = await Promise.all(dates.map((date) => fetchAllBookings({ date, communityId }, signal)));
      return perDay.flat();
    },
    enabled: ready,
    staleTime: 60_000,
  });
}

/** A booking's change moves the calendar, the queue, the room's availability and the audit log. */
function useBookingsChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: bookingKeys.all }),
      queryClient.invalidateQueries({ queryKey: roomKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export type BookingAction = 'approve' | 'reject' | 'cancel' | 'check-in';

export function useBookingAction() {
  const changed = useBookingsChanged();
  return useGuardedMutation({
    mutationFn: ({ action, bookingId, reason }: { action: BookingAction; bookingId: number; reason?: string }) => {
      if (action === 'approve') return approveBooking(bookingId);
      if (action === 'reject') return rejectBooking(bookingId, reason ?? '');
      if (action === 'cancel') return cancelBooking(bookingId, reason ?? '');
      return checkInBooking(bookingId);
    },
    onSuccess: changed,
  });
}

export function useCreateBooking() {
  const changed = useBookingsChanged();
  return useGuardedMutation({ mutationFn: (body: CreateBookingRequest) => createBooking(body), onSuccess: changed });
}

export function useCreateRecurringBooking() {
  const changed = useBookingsChanged();
  return useGuardedMutation({
    mutationFn: (body: RecurringBookingRequest) => createRecurringBooking(body),
    onSuccess: changed,
  });
}
