import type { RoomView } from '@linli/shared-types';
import { getRoom, listRooms } from '../services/rooms';
import { usePagedList, type PagedList } from './usePagedList';
import { useRemoteData, type RemoteData } from './useRemoteData';

/** The rooms of the caller's community (the 预约 tab). */
export function useRooms(enabled: boolean): PagedList<RoomView> {
  return usePagedList(listRooms, 'rooms', (room) => room.id, enabled);
}

/** One room: its hours, slot length, longest booking and book-ahead window drive the booking page. */
export function useRoom(id: number | null): RemoteData<RoomView> {
  return useRemoteData(() => getRoom(id!), String(id), id !== null);
}
