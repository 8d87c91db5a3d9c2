import type { Page, RoomAvailability, RoomView } from '@linli/shared-types';
import { http } from './http';

/** The activity-centre rooms of the caller's community. */
export function listRooms(cursor?: string): Promise<Page<RoomView>> {
  return http.get<Page<RoomView>>('rooms', { cursor });
}

export function getRoom(id: number): Promise<RoomView> {
  return http.get<RoomView>(`rooms/${id}`);
}

/** Every slot of one local (Asia/Shanghai) date: free, taken, closed or past. */
export function getAvailability(roomId: number, date: string): Promise<RoomAvailability> {
  return http.get<RoomAvailability>(`rooms/${roomId}/availability`, { date });
}
