import type { AvailabilitySlot, RoomView } from '@linli/shared-types';
import { describe, expect, it } from 'vitest';
import { gridCells } from '../../../lib/bookings';
import { blockedHint, cellLabel, noPick, pickSlot, type SlotPick } from './slot-pick';

const room: RoomView = {
  id: 1,
  communityId: 1,
  name: '活动室',
  description: '',
  photos: [],
  capacity: 20,
  facilities: [],
  openTime: '08:00',
  closeTime: '13:00',
  slotMinutes: 60,
  maxMinutes: 120,
  bookAheadDays: 3,
  minNoticeMinutes: 30,
  requiresApproval: false,
  active: true,
  priceMinutesPerHour: 0,
};

// 29 Nov, 08:10 in Shanghai: 08:00 is too soon, 11:00 is taken.
const now = new Date('2026-11-29T00:10:00Z');
const slot = (hour: number, state: AvailabilitySlot['state']) =>
  ({ startAt: new Date(Date.UTC(2026, 10, 29, hour - 8)).toISOString(), state }) as AvailabilitySlot;
const cells = gridCells(
  room,
  '2026-11-29',
  [slot(8, 'free'), slot(9, 'free'), slot(10, 'free'), slot(11, 'taken'), slot(12, 'free')],
  now,
);

const first = (index: number): SlotPick => ({ range: { from: index, to: index }, choosingEnd: true, hint: null });
const done = (from: number, to: number): SlotPick => ({ range: { from, to }, choosingEnd: false, hint: null });

describe('pickSlot: the first tap is the start time, the second the end time', () => {
  it('09:00 then 11:00 books 09:00–11:00: the tile tapped second is the end, not booked', () => {
    const start = pickSlot(room, cells, noPick, 1);
    expect(start).toEqual(first(1));
    expect(pickSlot(room, cells, start, 3)).toEqual(done(1, 2));
    // 09:00 then 10:00 is the 09:00 slot alone, the same as not tapping an end.
    expect(pickSlot(room, cells, start, 2)).toEqual(done(1, 1));
  });

  it('an end on a taken slot is fine (it is not booked), and the closing time after the last slot is an end', () => {
    expect(pickSlot(room, cells, first(2), 3)).toEqual(done(2, 2));
    expect(pickSlot(room, cells, first(4), cells.length)).toEqual(done(4, 4));
    expect(pickSlot(room, cells, noPick, cells.length).hint).toBe('请先点开始时间，再点这里作为结束时间');
  });

  it('clears a start tapped again, and starts over before it or after a finished range', () => {
    expect(pickSlot(room, cells, first(2), 2)).toEqual(noPick);
    expect(pickSlot(room, cells, first(2), 1)).toEqual(first(1));
    expect(pickSlot(room, cells, done(1, 2), 4)).toEqual(first(4));
    expect(pickSlot(room, cells, done(1, 2), 1)).toEqual(first(1));
  });

  it('keeps the start and explains a slot that cannot be booked', () => {
    expect(pickSlot(room, cells, first(1), 0)).toEqual({
      ...first(1),
      hint: '需至少提前 30 分钟预约，这个时段来不及了',
    });
    expect(pickSlot(room, cells, noPick, 3)).toEqual({ ...noPick, hint: '11:00 已约，不能预约' });
  });

  it('starts again at the tapped slot when the range would cross a taken slot or run too long', () => {
    expect(pickSlot(room, cells, first(2), 5)).toEqual({
      ...first(2),
      hint: '所选时段中间有不可预约的时段，请重新选择',
    });
    expect(pickSlot(room, cells, first(2), 4)).toEqual({
      ...first(4),
      hint: '所选时段中间有不可预约的时段，请重新选择',
    });
    expect(pickSlot({ ...room, maxMinutes: 60 }, cells, first(1), 3)).toEqual({
      ...first(1),
      hint: '单次最长 1 小时，请缩短时段',
    });
  });
});

describe('slot labels', () => {
  it('reads 已选, the reason it is blocked, or its state', () => {
    expect(cellLabel(cells[1], true)).toBe('已选');
    expect(cellLabel(cells[0], false)).toBe('来不及');
    expect(cellLabel(cells[3], false)).toBe('已约');
  });

  it('explains a slot beyond the booking window', () => {
    expect(blockedHint(room, { ...cells[1], blocked: '未开放' })).toBe('只能预约 3 天以内的时段');
  });
});
