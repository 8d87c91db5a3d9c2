import type { CreateClosureRequest, CreateRoomRequest, UpdateRoomRequest } from '@linli/shared-types';
import { useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import { useGuardedMutation } from './useGuardedMutation';
import {
  createClosure,
  createRoom,
  fetchDoorCode,
  fetchRoomAvailability,
  fetchRooms,
  updateRoom,
} from '../services/rooms';
import { auditKeys } from './useAuditEntries';
import { useCommunityScope } from './useCommunityScope';

export const roomKeys = {
  all: ['rooms'] as const,
  list: (communityId: number | undefined) => ['rooms', 'list', communityId ?? null] as const,
  availability: (roomId: number, date: string) => ['rooms', 'availability', roomId, date] as const,
  doorCode: (roomId: number) => ['rooms', 'door-code', roomId] as const,
};

/** Rooms of the scoped community, in creation order. */
export function useRooms() {
  const { communityId, ready } = useCommunityScope();
  return useQuery({
    queryKey: roomKeys.list(communityId),
    queryFn: ({ signal }) => fetchRooms(communityId, signal),
    enabled: ready,
    select: (page) => [...page.items].sort((a, b) => a.id - b.id),
  });
}

/** Availability of several rooms on one local date (closures and past slots come from here). */
export function useRoomsAvailability(roomIds: number[], date: string) {
  return useQueries({
    queries: roomIds.map((roomId) => ({
      queryKey: roomKeys.availability(roomId, date),
      queryFn: ({ signal }: { signal: AbortSignal }) => fetchRoomAvailability(roomId, date, signal),
    })),
  });
}

/** The door code is fetched only while its poster is open. */
export function useDoorCode(roomId: number | null) {
  return useQuery({
    queryKey: roomKeys.doorCode(roomId ?? 0),
    queryFn: ({ signal }) => fetchDoorCode(roomId!, signal),
    enabled: roomId !== null,
    staleTime: Infinity,
  });
}

function useRoomsChanged() {
  const queryClient = useQueryClient();
  return () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: roomKeys.all }),
      queryClient.invalidateQueries({ queryKey: auditKeys.all }),
    ]);
}

export function useSaveRoom() {
  const changed = useRoomsChanged();
  const { communityId, canSwitch } = useCommunityScope();
  return useGuardedMutation({
    // Only admins name the community; staff rooms belong to their own.
    mutationFn: ({ roomId, body }: { roomId: number | null; body: UpdateRoomRequest }) =>
      roomId === null
        ? createRoom({ ...(body as CreateRoomRequest), communityId: canSwitch ? communityId : undefined })
        : updateRoom(roomId, body),
    onSuccess: changed,
  });
}

export function useCreateClosure() {
  const changed = useRoomsChanged();
  return useGuardedMutation({
    mutationFn: ({ roomId, body }: { roomId: number; body: CreateClosureRequest }) => createClosure(roomId, body),
    onSuccess: changed,
  });
}
