import type { ClosureView, RoomView } from '@linli/shared-types';
import type { Room, RoomClosure } from './room.entity.js';

const list = (json: string): string[] => {
  try {
    const value = JSON.parse(json);
    return Array.isArray(value) ? value.map(String) : [];
  } catch {
    return [];
  }
};

export const toRoomView = (r: Room): RoomView => ({
  id: r.id,
  communityId: r.communityId,
  name: r.name,
  description: r.description,
  photos: list(r.photos),
  capacity: r.capacity,
  facilities: list(r.facilities),
  openTime: r.openTime,
  closeTime: r.closeTime,
  slotMinutes: r.slotMinutes,
  maxMinutes: r.maxMinutes,
  bookAheadDays: r.bookAheadDays,
  minNoticeMinutes: r.minNoticeMinutes,
  requiresApproval: r.requiresApproval,
  active: r.active,
  priceMinutesPerHour: r.priceMinutesPerHour,
});

export const toClosureView = (c: RoomClosure): ClosureView => ({
  id: c.id,
  communityId: c.communityId,
  roomId: c.roomId,
  startAt: c.startAt.toISOString(),
  endAt: c.endAt.toISOString(),
  reason: c.reason,
});
