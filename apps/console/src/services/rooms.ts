import type {
  ClosureView,
  CreateClosureRequest,
  CreateRoomRequest,
  DoorCodeView,
  Page,
  RoomAvailability,
  RoomView,
  UpdateRoomRequest,
} from '@linli/shared-types';
import { http } from './http';

/** GET rooms: every room of the community (one page of up to 100 is plenty for an activity centre). */
export function fetchRooms(communityId: number | undefined, signal?: AbortSignal): Promise<Page<RoomView>> {
  return http.get<Page<RoomView>>('rooms', { communityId, limit: 100 }, signal);
}

/** GET rooms/:id/availability: every slot of the local date with its state (free, taken, closed, past). */
export function fetchRoomAvailability(roomId: number, date: string, signal?: AbortSignal): Promise<RoomAvailability> {
  return http.get<RoomAvailability>(`rooms/${roomId}/availability`, { date }, signal);
}

export function createRoom(body: CreateRoomRequest): Promise<RoomView> {
  return http.post<RoomView>('rooms', body);
}

export function updateRoom(roomId: number, body: UpdateRoomRequest): Promise<RoomView> {
  return http.patch<RoomView>(`rooms/${roomId}`, body);
}

/** A closure of the room, or of the whole centre when `wholeCentre` is set. */
export function createClosure(roomId: number, body: CreateClosureRequest): Promise<ClosureView> {
  return http.post<ClosureView>(`rooms/${roomId}/closures`, body);
}

/** The signed text of the room's door QR poster (staff only). */
export function fetchDoorCode(roomId: number, signal?: AbortSignal): Promise<DoorCodeView> {
  return http.get<DoorCodeView>(`rooms/${roomId}/door-code`, undefined, signal);
}
