import type { RoomView } from '@linli/shared-types';
import { useState } from 'react';
import type { GridCell, SlotRange } from '../../../lib/bookings';
import { pickSlot } from '../lib/slot-pick';

/** The picked range of slots and the hint under the grid; another day starts a new choice. */
export function useSlotPicker(room: RoomView | undefined, cells: GridCell[], date: string | null) {
  const [range, setRange] = useState<SlotRange | null>(null);
  const [hint, setHint] = useState<string | null>(null);

  // Adjusted while rendering, as React advises, rather than in an effect.
  const [rangeDate, setRangeDate] = useState(date);
  if (rangeDate !== date) {
    setRangeDate(date);
    setRange(null);
    setHint(null);
  }

  const tap = (index: number) => {
    if (!room) return;
    const next = pickSlot(room, cells, range, index);
    setRange(next.range);
    setHint(next.hint);
  };

  const picked = range ? { start: cells[range.from], end: cells[range.to] } : null;
  const pickedMinutes = picked ? (picked.end.endAt.getTime() - picked.start.startAt.getTime()) / 60_000 : 0;

  return { range, setRange, hint, setHint, tap, picked, pickedMinutes };
}
