/** A page of a list: pass `nextCursor` back as `cursor` for the next page; null at the end. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** ISO 8601 timestamp with offset, e.g. 2026-11-28T08:30:00.000Z */
export type IsoDateTime = string;
export const REASON_MAX = 100;
