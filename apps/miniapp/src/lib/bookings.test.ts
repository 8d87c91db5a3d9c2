import type { AvailabilitySlot, RoomView } from '@linli/shared-types';
import { describe, expect, it } from 'vitest';
import {
  bookingDays,
  bookingTimeText,
  cellBookable,
  clockText,
  dateText,
  durationText,
  gridCells,
  holdText,
  roomPriceText,
  rangeProblem,
  shanghaiClock,
} from './bookings';

const room: RoomView = {
  id: 1,
  communityId: 1,
  name: '活动室',
  description: '',
  photos: [],
  capacity: 20,
  facilities: [],
  openTime: '08:00',
  closeTime: '12:00',
  slotMinutes: 60,
  maxMinutes: 120,
  bookAheadDays: 3,
  minNoticeMinutes: 30,
  requiresApproval: false,
  active: true,
  priceMinutesPerHour: 0,
};

describe('clock and date texts', () => {
  it.each([
    [0, '00:00'],
    [510, '08:30'],
    [1440, '24:00'],
    [89.6, '01:30'],
  ])('clockText(%p) = %p', (minutes, text) => expect(clockText(minutes)).toBe(text));

  it('reads instants in Asia/Shanghai, midnight as 24:00 only for an end', () => {
    expect(shanghaiClock('2026-11-29T06:00:00Z')).toBe('14:00');
    expect(shanghaiClock('2026-11-29T16:00:00Z')).toBe('00:00');
    expect(shanghaiClock('2026-11-29T16:00:00Z', true)).toBe('24:00');
  });

  it.each([
    ['2026-11-29', '11月29日 周日'],
    ['2026-12-01', '12月1日 周二'],
    ['2028-02-29', '2月29日 周二'],
  ])('dateText(%p) = %p', (date, text) => expect(dateText(date)).toBe(text));

  it.each([
    [30, '30 分钟'],
    [60, '1 小时'],
    [90, '1 小时 30 分钟'],
    [240, '4 小时'],
  ])('durationText(%p) = %p', (minutes, text) => expect(durationText(minutes)).toBe(text));

  it('writes a booking with its local date and both clocks', () => {
    expect(bookingTimeText('2026-11-29T06:00:00Z', '2026-11-29T08:00:00Z')).toBe('11月29日 周日 14:00–16:00');
    expect(bookingTimeText('2026-11-29T14:00:00Z', '2026-11-29T16:00:00Z')).toBe('11月29日 周日 22:00–24:00');
  });
});

describe('bookingDays', () => {
  it('lists today and every date a booking may start on, labelled', () => {
    // 2026-11-29 10:00 in Shanghai; three days ahead ends before 12-02 10:00.
    const days = bookingDays(room, new Date('2026-11-29T02:00:00Z'));
    expect(days).toEqual([
      { date: '2026-11-29', label: '今天', short: '11月29日' },
      { date: '2026-11-30', label: '明天', short: '11月30日' },
      { date: '2026-12-01', label: '后天', short: '12月1日' },
      { date: '2026-12-02', label: '周三', short: '12月2日' },
    ]);
  });

  it('uses the Shanghai date, not the UTC one, just after local midnight', () => {
    const days = bookingDays({ bookAheadDays: 1 }, new Date('2026-11-29T16:30:00Z'));
    expect(days.map((d) => d.date)).toEqual(['2026-11-30', '2026-12-01']);
  });
});

describe('gridCells and rangeProblem', () => {
  const now = new Date('2026-11-29T00:10:00Z'); // 08:10 local
  const slot = (hour: number, state: AvailabilitySlot['state']): AvailabilitySlot =>
    ({ startAt: new Date(Date.UTC(2026, 10, 29, hour - 8)).toISOString(), state }) as AvailabilitySlot;
  const slots = [slot(8, 'free'), slot(9, 'free'), slot(10, 'taken'), slot(11, 'free')];
  const cells = gridCells(room, '2026-11-29', slots, now);

  it('marks each slot with the server state, too-short notice and unreported slots', () => {
    expect(cells.map((c) => [c.clock, c.state, c.blocked])).toEqual([
      ['08:00', 'free', '来不及'],
      ['09:00', 'free', null],
      ['10:00', 'taken', null],
      ['11:00', 'free', null],
    ]);
    expect(cells.map(cellBookable)).toEqual([false, true, false, true]);
    expect(gridCells(room, '2026-11-29', undefined, now).every((c) => c.state === 'closed')).toBe(true);
  });

  it('blocks free slots beyond the book-ahead window', () => {
    const later = gridCells(room, '2026-12-02', [{ ...slot(11, 'free'), startAt: '2026-12-02T03:00:00.000Z' }], now);
    expect(later[3].blocked).toBe('未开放');
  });

  it('explains why a range cannot be booked', () => {
    const at28 = new Date('2026-11-28T00:00:00Z');
    expect(rangeProblem(room, cells, { from: 1, to: 1 })).toBeNull();
    expect(rangeProblem(room, cells, { from: 5, to: 6 })).toBe('请选择时段');
    expect(rangeProblem(room, cells, { from: 1, to: 3 })).toBe('所选时段中间有不可预约的时段，请重新选择');
    const open = gridCells(room, '2026-11-29', [slot(8, 'free'), slot(9, 'free'), slot(10, 'free')], at28);
    expect(rangeProblem(room, open, { from: 0, to: 1 })).toBeNull();
    expect(rangeProblem(room, open, { from: 0, to: 2 })).toBe('单次最长 2 小时，请缩短时段');
  });
});

describe('room price and hold', () => {
  it('names a free room, or the price per hour', () => {
    expect(roomPriceText({ priceMinutesPerHour: 0 })).toBe('免费使用');
    expect(roomPriceText({ priceMinutesPerHour: 30 })).toBe(
      '使用费：每小时 30 分钟时长（时间银行），预约时冻结，使用后扣除',
    );
  });

  it('says what a booking holds, pro rata and rounded up as the server holds it', () => {
    expect(holdText({ priceMinutesPerHour: 0 }, 90)).toBeNull();
    expect(holdText({ priceMinutesPerHour: 30 }, 90)).toBe('将冻结时长 45 分钟（使用后扣除，取消或未通过会退回）');
    expect(holdText({ priceMinutesPerHour: 60 }, 120)).toBe('将冻结时长 2 小时（使用后扣除，取消或未通过会退回）');
  });
});
