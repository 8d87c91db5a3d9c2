import { shanghaiShortTime } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import type { NotificationsService } from '../notifications/notifications.service.js';
import type { Room } from '../rooms/room.entity.js';
import type { Booking } from './booking.entity.js';

/** Tells the booker what happened to their booking, in their inbox, in the caller's transaction. */
export async function notifyBooker(
  notifications: NotificationsService,
  manager: EntityManager,
  booking: Booking,
  room: Room | null,
  message: { kind: 'booking_decision' | 'booking_no_show'; title: string; body: string },
): Promise<void> {
  await notifications.notify(manager, [booking.userId], {
    communityId: booking.communityId,
    kind: message.kind,
    title: `${message.title}：${room?.name ?? '活动室'} ${shanghaiShortTime(booking.startAt)}`,
    body: message.body,
    link: '/pages/bookings/index',
  });
}
