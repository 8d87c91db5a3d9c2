import type { EventMineView, EventView } from '@linli/shared-types';
import type { CentreEvent } from './event.entity.js';

export const toEventView = (
  e: CentreEvent,
  extra: {
    organiserName: string | null;
    group: { id: number; name: string } | null;
    waitlisted: number;
    mine: EventMineView | null;
  },
): EventView => ({
  id: e.id,
  communityId: e.communityId,
  title: e.title,
  kind: e.kind,
  startAt: e.startAt.toISOString(),
  endAt: e.endAt.toISOString(),
  place: e.place,
  bookingId: e.bookingId,
  roomId: e.roomId,
  capacity: e.capacity,
  signedUp: e.signedUp,
  waitlisted: extra.waitlisted,
  group: extra.group,
  membersOnly: e.membersOnly,
  status: e.status,
  organiser: { id: e.organiserId, name: extra.organiserName },
  mine: extra.mine,
  createdAt: e.createdAt.toISOString(),
});
