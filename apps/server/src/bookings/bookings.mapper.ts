import type { BookingView } from '@linli/shared-types';
import type { Room } from '../rooms/room.entity.js';
import type { User } from '../users/user.entity.js';
import type { Booking } from './booking.entity.js';

export const toBookingView = (
  b: Booking,
  room: Pick<Room, 'name'> | undefined,
  booker: Pick<User, 'name'> | undefined,
): BookingView => ({
  id: b.id,
  communityId: b.communityId,
  room: { id: b.roomId, name: room?.name ?? '' },
  booker: { id: b.userId, name: booker?.name ?? null },
  startAt: b.startAt.toISOString(),
  endAt: b.endAt.toISOString(),
  minutes: b.minutes,
  purpose: b.purpose,
  attendees: b.attendees,
  status: b.status,
  staffBooking: b.staffBooking,
  reason: b.reason,
  checkedInAt: b.checkedInAt?.toISOString() ?? null,
  createdAt: b.createdAt.toISOString(),
});
