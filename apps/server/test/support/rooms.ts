import type { Room } from '../../src/rooms/room.entity.js';

/** A room's columns with everyday defaults (open 08:30–21:00, 30-minute slots, no approval, active): save it. */
export function roomRow(communityId: number, fields: Partial<Room> = {}): Partial<Room> {
  return {
    communityId,
    name: '活动室',
    description: '',
    photos: '[]',
    capacity: 10,
    facilities: '[]',
    openTime: '08:30',
    closeTime: '21:00',
    slotMinutes: 30,
    maxMinutes: 180,
    bookAheadDays: 7,
    minNoticeMinutes: 60,
    requiresApproval: false,
    active: true,
    ...fields,
  };
}
