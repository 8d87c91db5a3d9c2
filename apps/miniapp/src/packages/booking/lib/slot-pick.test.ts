import type { AvailabilitySlot, RoomView } from '@linli/shared-types';
import { describe, expect, it } from 'vitest';
import { gridCells } from '../../../lib/bookings';
import { blockedHint, cellLabel, pickSlot } from './slot-pick';

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

describe('pickSlot', () => {
  it('picks a start, then an end after it', () => {
    const start = pickSlot(room, cells, null, 1);
    expect(start).toEqual({ range: { from: 1, to: 1 }, hint: null });
    expect(pickSlot(room, cells, start.range, 2)).toEqual({ range: { from: 1, to: 2 }, hint: null });
  });

  it('clears a lone start tapped again, and starts over before it or after a full range', () => {
    expect(pickSlot(room, cells, { from: 2, to: 2 }, 2)).toEqual({ range: null, hint: null });
    expect(pickSlot(room, cells, { from: 2, to: 2 }, 1)).toEqual({ range: { from: 1, to: 1 }, hint: null });
    expect(pickSlot(room, cells, { from: 1, to: 2 }, 4)).toEqual({ range: { from: 4, to: 4 }, hint: null });
  });

  it('keeps the range and explains a slot that cannot be booked', () => {
    expect(pickSlot(room, cells, { from: 1, to: 1 }, 0)).toEqual({
      range: { from: 1, to: 1 },
      hint: '需至少提前 30 分钟预约，这个时段来不及了',
    });
    expect(pickSlot(room, cells, null, 3)).toEqual({ range: null, hint: '11:00 已约，不能预约' });
  });

  it('starts again at the tapped slot when the range would cross a taken slot', () => {
    expect(pickSlot(room, cells, { from: 2, to: 2 }, 4)).toEqual({
      range: { from: 4, to: 4 },
      hint: '所选时段中间有不可预约的时段，请重新选择',
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
