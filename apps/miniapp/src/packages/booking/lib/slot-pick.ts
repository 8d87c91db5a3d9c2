import type { RoomView } from '@linli/shared-types';
import {
  cellBookable,
  durationText,
  rangeProblem,
  slotStateText,
  type GridCell,
  type SlotRange,
} from '../../../lib/bookings';

/**
 * The picked slots and the hint under the grid. `choosingEnd`: a start was tapped and the next tap on a later time
 * is the end time (until then the booking is the start slot alone).
 */
export interface SlotPick {
  range: SlotRange | null;
  choosingEnd: boolean;
  hint: string | null;
}

export const noPick: SlotPick = { range: null, choosingEnd: false, hint: null };

/** Why a cell cannot be tapped, in the words the resident reads under the grid. */
export function blockedHint(room: Pick<RoomView, 'minNoticeMinutes' | 'bookAheadDays'>, cell: GridCell): string {
  if (cell.blocked === '来不及') return `需至少提前 ${durationText(room.minNoticeMinutes)}预约，这个时段来不及了`;
  if (cell.blocked === '未开放') return `只能预约 ${room.bookAheadDays} 天以内的时段`;
  return `${cell.clock} ${slotStateText[cell.state]}，不能预约`;
}

/**
 * One tap on the grid, whose tiles are times: `index` is a slot, or `cells.length` for the closing time after the
 * last slot. The first tap picks the start time (the start slot alone is already a booking); the next tap on a later
 * time is the END time, so 09:00 then 10:00 is 09:00–10:00 (the end tile itself is not booked, it may even be taken).
 * Tapping the start again clears it; a tap before it, after a finished range, or on an end that cannot be reached in
 * one booking starts again there.
 */
export function pickSlot(room: RoomView, cells: GridCell[], pick: SlotPick, index: number): SlotPick {
  const { range } = pick;
  if (range && pick.choosingEnd && index > range.from) {
    const problem = rangeProblem(room, cells, { from: range.from, to: index - 1 });
    if (!problem) return { range: { from: range.from, to: index - 1 }, choosingEnd: false, hint: null };
    const cell = cells[index];
    if (cell && cellBookable(cell)) return { range: { from: index, to: index }, choosingEnd: true, hint: problem };
    return { ...pick, hint: problem };
  }
  const cell = cells[index];
  if (!cell) return { ...pick, hint: '请先点开始时间，再点这里作为结束时间' };
  if (range && pick.choosingEnd && index === range.from) return noPick;
  if (!cellBookable(cell)) return { ...pick, hint: blockedHint(room, cell) };
  return { range: { from: index, to: index }, choosingEnd: true, hint: null };
}

export function cellLabel(cell: GridCell, picked: boolean): string {
  if (picked) return '已选';
  if (cell.blocked) return cell.blocked;
  return slotStateText[cell.state];
}
