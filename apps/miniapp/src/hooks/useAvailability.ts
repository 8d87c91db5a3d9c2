import { useRef } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { RoomAvailability } from '@linli/shared-types';
import { getAvailability } from '../services/rooms';
import { useRemoteData, type RemoteData } from './useRemoteData';

/**
 * The slot states of one room on one local date; a new date drops the answer of the old one, and coming
 * back to the page (from 我的预约, after a cancellation) reads them again.
 */
export function useAvailability(roomId: number | null, date: string | null): RemoteData<RoomAvailability> {
  const enabled = roomId !== null && date !== null;
  const data = useRemoteData(() => getAvailability(roomId!, date!), `${roomId}|${date}`, enabled);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && enabled) void data.reload();
    shown.current = true;
  });
  return data;
}
