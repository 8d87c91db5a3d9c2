import type { RoomView } from '@linli/shared-types';
import {
  cellBookable,
  durationText,
  rangeProblem,
  slotStateText,
  type GridCell,
  type SlotRange,
} from '../../../lib/bookings';

export interface SlotPick {
  range: SlotRange | null;
  hint: string | null;
}

/** Why a cell cannot be tapped, in the words the resident reads under the grid. */
export function blockedHint(room: Pick<RoomView, 'minNoticeMinutes' | 'bookAheadDays'>, cell: GridCell): string {
  if (cell.blocked === '来不及') return `需至少提前 ${durationText(room.minNoticeMinutes)}预约，这个时段来不及了`;
  if (cell.blocked === '未开放') return `只能预约 ${room.bookAheadDays} 天以内的时段`;
  return `${cell.clock} ${slotStateText[cell.state]}，不能预约`;
}

/**
 * One tap on the grid. The first tap picks the start; a later tap on or after it picks the end
 * (contiguous, within the longest booking), a tap on the lone start clears it, and a tap before it
 * or on a range that cannot be booked starts again there.
 */
export function pickSlot(room: RoomView, cells: GridCell[], range: SlotRange | null, index: number): SlotPick {
  const cell = cells[index];
  if (!cellBookable(cell)) return { range, hint: blockedHint(room, cell) };
  if (!range || range.from !== range.to || index < range.from) return { range: { from: index, to: index }, hint: null };
  if (index === range.from) return { range: null, hint: null };
  const problem = rangeProblem(room, cells, { from: range.from, to: index });
  if (problem) return { range: { from: index, to: index }, hint: problem };
  return { range: { from: range.from, to: index }, hint: null };
}

export function cellLabel(cell: GridCell, picked: boolean): string {
  if (picked) return '已选';
  if (cell.blocked) return cell.blocked;
  return slotStateText[cell.state];
}
