import type { SlotState } from '../bookings.js';
import { shanghaiDate, shanghaiMidnight } from './shanghai-time.js';

const MINUTE = 60_000;

/** 'HH:mm' → minutes after local midnight, or null if malformed. */
export function parseClockTime(text: string): number | null {
  const match = /^([01]\d|2[0-4]):([0-5]\d)$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return minutes <= 24 * 60 ? minutes : null;
}

export interface SlotGridRoom {
  openTime: string;
  closeTime: string;
  slotMinutes: number;
}

export interface GridSlot {
  startAt: Date;
  endAt: Date;
}

/** Every slot of a room on a local date, from opening to closing; empty for a malformed date or hours. */
export function slotGrid(room: SlotGridRoom, date: string): GridSlot[] {
  const midnight = shanghaiMidnight(date);
  const open = parseClockTime(room.openTime);
  const close = parseClockTime(room.closeTime);
  if (!midnight || open === null || close === null || room.slotMinutes <= 0) return [];
  const slots: GridSlot[] = [];
  for (let m = open; m + room.slotMinutes <= close; m += room.slotMinutes) {
    slots.push({
      startAt: new Date(midnight.getTime() + m * MINUTE),
      endAt: new Date(midnight.getTime() + (m + room.slotMinutes) * MINUTE),
    });
  }
  return slots;
}

/**
 * Does [start, end) lie on the room's slot grid inside the opening hours of one local day?
 * (A booking ending exactly at 24:00 ends on the next date, still the same opening day.)
 */
export function isOnSlotGrid(room: SlotGridRoom, start: Date, end: Date): boolean {
  if (!(end.getTime() > start.getTime())) return false;
  const open = parseClockTime(room.openTime);
  const close = parseClockTime(room.closeTime);
  if (open === null || close === null) return false;
  const midnight = shanghaiMidnight(shanghaiDate(start))!;
  const from = (start.getTime() - midnight.getTime()) / MINUTE;
  const to = (end.getTime() - midnight.getTime()) / MINUTE;
  if (!Number.isInteger(from) || !Number.isInteger(to)) return false;
  return from >= open && to <= close && (from - open) % room.slotMinutes === 0 && (to - open) % room.slotMinutes === 0;
}

export interface SlotFacts {
  now: Date;
  /** Intervals no booking may use (closures). */
  closed: Array<{ startAt: Date; endAt: Date }>;
  /** Intervals held by active bookings. */
  taken: Array<{ startAt: Date; endAt: Date }>;
}

const overlaps = (a: { startAt: Date; endAt: Date }, b: { startAt: Date; endAt: Date }) =>
  a.startAt.getTime() < b.endAt.getTime() && b.startAt.getTime() < a.endAt.getTime();

/** What a person sees for one slot: past beats closed beats taken beats free. */
export function slotState(slot: GridSlot, facts: SlotFacts): SlotState {
  if (slot.startAt.getTime() < facts.now.getTime()) return 'past';
  if (facts.closed.some((c) => overlaps(slot, c))) return 'closed';
  if (facts.taken.some((t) => overlaps(slot, t))) return 'taken';
  return 'free';
}
