import {
  isOnSlotGrid,
  roomPriceMinutes,
  shanghaiDate,
  shanghaiMidnight,
  shanghaiMinuteOfDay,
  slotGrid,
  type AvailabilitySlot,
  type BookingStatus,
  type RoomView,
  type SlotState,
} from '@linli/shared-types';

/*
 * Booking helpers shared by the 预约 tab and the booking subpackage. The grid itself comes from
 * shared-types `slotGrid`, the rule the server runs, so the app never draws a slot the server would not accept.
 */

const DAY_MS = 24 * 3_600_000;
const MINUTE_MS = 60_000;
const weekdays = ['日', '一', '二', '三', '四', '五', '六'];

/** Status tags a resident reads on 我的预约. */
export const bookingStatusText: Record<BookingStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  checked_in: '已签到',
  completed: '已完成',
  cancelled: '已取消',
  rejected: '已拒绝',
  no_show: '爽约',
};

export const slotStateText: Record<SlotState, string> = {
  free: '可约',
  taken: '已约',
  closed: '闭馆',
  past: '已过',
};

/** 'HH:mm' of minutes after local midnight; 24:00 stays 24:00 (a booking may end at midnight). */
export function clockText(minutes: number): string {
  const whole = Math.round(minutes);
  return `${String(Math.floor(whole / 60)).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

/** Local clock of an instant, with `end` reading midnight as 24:00 (the end of the day it closes). */
export function shanghaiClock(instant: Date | string, end = false): string {
  const at = typeof instant === 'string' ? new Date(instant) : instant;
  const minutes = shanghaiMinuteOfDay(at);
  return clockText(end && minutes === 0 ? 24 * 60 : minutes);
}

/** 11月29日 周日 */
export function dateText(date: string): string {
  const [, month, day] = date.split('-').map(Number);
  const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
  return `${month}月${day}日 周${weekdays[weekday]}`;
}

export interface BookingDay {
  date: string;
  /** 今天 / 明天 / 后天, or 周X. */
  label: string;
  /** 11月29日 */
  short: string;
}

/** Today and every local date a booking may start on (the server allows a start before now + bookAheadDays). */
export function bookingDays(room: Pick<RoomView, 'bookAheadDays'>, now: Date = new Date()): BookingDay[] {
  const first = shanghaiDate(now);
  const last = shanghaiDate(new Date(now.getTime() + room.bookAheadDays * DAY_MS - MINUTE_MS));
  const days: BookingDay[] = [];
  const start = shanghaiMidnight(first)!;
  for (let index = 0; index < 60; index += 1) {
    const date = shanghaiDate(new Date(start.getTime() + index * DAY_MS + 12 * 3_600_000));
    if (date > last) break;
    const [, month, day] = date.split('-').map(Number);
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    const label = index === 0 ? '今天' : index === 1 ? '明天' : index === 2 ? '后天' : `周${weekdays[weekday]}`;
    days.push({ date, label, short: `${month}月${day}日` });
  }
  return days;
}

export interface GridCell {
  startAt: Date;
  endAt: Date;
  /** 'HH:mm' local start. */
  clock: string;
  state: SlotState;
  /** Free but not bookable now: too little notice, or beyond the book-ahead window. */
  blocked: '来不及' | '未开放' | null;
}

/** The room's grid for a date (shared-types `slotGrid`) with the server's state of each slot; a slot it did not report is closed. */
export function gridCells(
  room: RoomView,
  date: string,
  slots: AvailabilitySlot[] | undefined,
  now: Date = new Date(),
): GridCell[] {
  const states = new Map((slots ?? []).map((slot) => [new Date(slot.startAt).getTime(), slot.state]));
  const noticeUntil = now.getTime() + room.minNoticeMinutes * MINUTE_MS;
  const windowEnd = now.getTime() + room.bookAheadDays * DAY_MS;
  return slotGrid(room, date).map((slot) => {
    const start = slot.startAt.getTime();
    const state = states.get(start) ?? 'closed';
    let blocked: GridCell['blocked'] = null;
    if (state === 'free' && start < noticeUntil) blocked = '来不及';
    else if (state === 'free' && start >= windowEnd) blocked = '未开放';
    return { startAt: slot.startAt, endAt: slot.endAt, clock: shanghaiClock(slot.startAt), state, blocked };
  });
}

export const cellBookable = (cell: GridCell) => cell.state === 'free' && !cell.blocked;

export interface SlotRange {
  from: number;
  to: number;
}

/** Why [from, to] cannot be booked in one go, or null: contiguous bookable slots, ≤ the longest booking, on the grid. */
export function rangeProblem(room: RoomView, cells: GridCell[], range: SlotRange): string | null {
  const picked = cells.slice(range.from, range.to + 1);
  if (!picked.length) return '请选择时段';
  if (picked.some((cell) => !cellBookable(cell))) return '所选时段中间有不可预约的时段，请重新选择';
  const minutes = (picked[picked.length - 1].endAt.getTime() - picked[0].startAt.getTime()) / MINUTE_MS;
  if (minutes > room.maxMinutes) return `单次最长 ${durationText(room.maxMinutes)}，请缩短时段`;
  if (!isOnSlotGrid(room, picked[0].startAt, picked[picked.length - 1].endAt))
    return '所选时段不在开放时间内，请重新选择';
  return null;
}

/** 90 → 1 小时 30 分钟 */
export function durationText(minutes: number): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (!hours) return `${rest} 分钟`;
  return rest ? `${hours} 小时 ${rest} 分钟` : `${hours} 小时`;
}

/** 11月29日 周日 14:00–16:00 */
export function bookingTimeText(startAt: string | Date, endAt: string | Date): string {
  const start = typeof startAt === 'string' ? new Date(startAt) : startAt;
  return `${dateText(shanghaiDate(start))} ${shanghaiClock(start)}–${shanghaiClock(endAt, true)}`;
}

/** 免费使用, or the price per hour in time credit and when it is taken. */
export function roomPriceText(room: Pick<RoomView, 'priceMinutesPerHour'>): string {
  if (room.priceMinutesPerHour <= 0) return '免费使用';
  return `使用费：每小时 ${durationText(room.priceMinutesPerHour)}时长（时间银行），预约时冻结，使用后扣除`;
}

/** The time credit a booking of this room holds (shared-types roomPriceMinutes, as the server holds it); null if free. */
export function holdText(room: Pick<RoomView, 'priceMinutesPerHour'>, minutes: number): string | null {
  const held = roomPriceMinutes(room.priceMinutesPerHour, minutes);
  return held ? `将冻结时长 ${durationText(held)}（使用后扣除，取消或未通过会退回）` : null;
}
