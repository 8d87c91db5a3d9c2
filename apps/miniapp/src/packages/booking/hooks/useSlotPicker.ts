import type { RoomView } from '@linli/shared-types';
import { useState } from 'react';
import type { GridCell, SlotRange } from '../../../lib/bookings';
import { noPick, pickSlot, type SlotPick } from '../lib/slot-pick';

/** The picked range of slots and the hint under the grid; another day starts a new choice. */
export function useSlotPicker(room: RoomView | undefined, cells: GridCell[], date: string | null) {
  const [pick, setPick] = useState<SlotPick>(noPick);

  // Adjusted while rendering, as React advises, rather than in an effect.
  const [pickDate, setPickDate] = useState(date);
  if (pickDate !== date) {
    setPickDate(date);
    setPick(noPick);
  }

  const tap = (index: number) => {
    if (!room) return;
    setPick(pickSlot(room, cells, pick, index));
  };
  const setRange = (range: SlotRange | null) => setPick({ range, choosingEnd: false, hint: null });
  const setHint = (hint: string | null) => setPick((current) => ({ ...current, hint }));

  const { range, hint, choosingEnd } = pick;
  const picked = range ? { start: cells[range.from], end: cells[range.to] } : null;
  const pickedMinutes = picked ? (picked.end.endAt.getTime() - picked.start.startAt.getTime()) / 60_000 : 0;

  return { range, setRange, hint, setHint, choosingEnd, tap, picked, pickedMinutes };
}
