import { rawDate } from '../database/raw-values.js';
import type { Room } from './room.entity.js';

/**
 * A room's day in one statement (see database/raw-reads.ts), valid on MariaDB/MySQL and SQLite: kind 0 is the room
 * itself (what visibility and the slot grid need; no row when there is no such room), kind 1 each closure of the room
 * or of its whole centre overlapping [from, to), kind 2 each booked 15-minute cell of the room starting in [from, to).
 * The booking_slots rows alone say what is taken: a cell row exists only while its booking holds the room.
 */
export const roomDaySql = `SELECT 0 AS kind, r.communityId AS communityId, r.active AS active, r.openTime AS openTime,
    r.closeTime AS closeTime, r.slotMinutes AS slotMinutes, NULL AS startAt, NULL AS endAt
  FROM rooms r WHERE r.id = ?
  UNION ALL SELECT 1, NULL, NULL, NULL, NULL, NULL, c.startAt, c.endAt
  FROM rooms r JOIN room_closures c ON c.communityId = r.communityId AND (c.roomId = r.id OR c.roomId IS NULL)
  WHERE r.id = ? AND c.startAt < ? AND c.endAt > ?
  UNION ALL SELECT 2, NULL, NULL, NULL, NULL, NULL, s.slotStart, NULL
  FROM booking_slots s WHERE s.roomId = ? AND s.slotStart >= ? AND s.slotStart < ?`;
export const roomDayParams = (roomId: number, from: Date, to: Date) => [roomId, roomId, to, from, roomId, from, to];

export interface RoomDayRow {
  kind: number | string;
  communityId: number | null;
  active: number | boolean | null;
  openTime: string | null;
  closeTime: string | null;
  slotMinutes: Room['slotMinutes'] | null;
  startAt: Date | string | null;
  endAt: Date | string | null;
}

export type DayRoom = Pick<Room, 'id' | 'communityId' | 'active' | 'openTime' | 'closeTime' | 'slotMinutes'>;

export interface RoomDay {
  /** Null when there is no such room. */
  room: DayRoom | null;
  /** Closures as flat [startAt, endAt, …] epoch milliseconds. */
  closed: number[];
  /** Start of each booked 15-minute cell, epoch milliseconds. */
  cells: number[];
}

export function toRoomDay(roomId: number, rows: readonly RoomDayRow[]): RoomDay {
  const day: RoomDay = { room: null, closed: [], cells: [] };
  for (const row of rows) {
    const kind = Number(row.kind);
    if (kind === 0) {
      day.room = {
        id: roomId,
        communityId: row.communityId!,
        active: Boolean(row.active),
        openTime: row.openTime!,
        closeTime: row.closeTime!,
        slotMinutes: row.slotMinutes!,
      };
    } else if (kind === 1) day.closed.push(rawDate(row.startAt)!.getTime(), rawDate(row.endAt)!.getTime());
    else day.cells.push(rawDate(row.startAt)!.getTime());
  }
  return day;
}
