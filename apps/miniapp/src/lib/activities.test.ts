import type { ActivityView, MyAttendanceView } from '@linli/shared-types';
import { describe, expect, it } from 'vitest';
import {
  activityStatusText,
  activityTimeText,
  attendanceText,
  canCancelSignup,
  canSignUp,
  hoursText,
  isUpcoming,
  scanPurposeNow,
} from './activities';

const mine = (over: Partial<MyAttendanceView> = {}): MyAttendanceView => ({
  activityId: 1,
  signedUpAt: '2026-11-20T00:00:00Z',
  checkedInAt: null,
  checkedOutAt: null,
  creditedMinutes: null,
  ...over,
});

// 29 Nov 09:00–11:00 in Shanghai, sign-ups until 28 Nov 20:00.
const activity = (over: Partial<ActivityView> = {}): ActivityView => ({
  id: 1,
  communityId: 1,
  title: '清扫',
  description: '',
  place: '小区花园',
  geofence: null,
  startAt: '2026-11-29T01:00:00Z',
  endAt: '2026-11-29T03:00:00Z',
  signupDeadline: '2026-11-28T12:00:00Z',
  capacity: 10,
  signedUp: 3,
  placesLeft: 7,
  status: 'published',
  settledAt: null,
  mine: null,
  createdAt: '2026-11-01T00:00:00Z',
  ...over,
});
const at = (iso: string) => new Date(iso);

describe('activity texts', () => {
  it('writes one date, or both when it ends on another day', () => {
    expect(activityTimeText(activity())).toBe('11月29日 周日 09:00–11:00');
    expect(activityTimeText(activity({ endAt: '2026-11-29T16:00:00Z' }))).toBe('11月29日 周日 09:00–24:00');
    expect(activityTimeText(activity({ endAt: '2026-11-30T02:00:00Z' }))).toBe(
      '11月29日 周日 09:00 至 11月30日 周一 10:00',
    );
  });

  it.each([
    ['2026-11-28T11:00:00Z', '报名中'],
    ['2026-11-28T13:00:00Z', '报名截止'],
    ['2026-11-29T02:00:00Z', '进行中'],
    ['2026-11-29T03:00:00Z', '已结束'],
  ])('at %p a published activity reads %p', (now, text) => expect(activityStatusText(activity(), at(now))).toBe(text));

  it('shows the status label of other states', () => {
    expect(activityStatusText(activity({ status: 'cancelled' }), at('2026-11-28T00:00:00Z'))).toBe('已取消');
  });

  it('describes my attendance', () => {
    expect(attendanceText(null)).toBe('未报名');
    expect(attendanceText(mine())).toBe('已报名 · 未签到');
    expect(attendanceText(mine({ checkedInAt: '2026-11-29T01:02:00Z', checkedOutAt: '2026-11-29T03:00:00Z' }))).toBe(
      '已报名 · 已签到 09:02 · 已签退 11:00',
    );
    expect(hoursText(150)).toBe('2.50 小时');
    expect(hoursText(10)).toBe('10 分钟');
  });
});

describe('what a resident may do', () => {
  it('signs up while published, not mine, with places, before the deadline', () => {
    const before = at('2026-11-28T11:00:00Z');
    expect(canSignUp(activity(), before)).toBe(true);
    expect(canSignUp(activity({ placesLeft: 0 }), before)).toBe(false);
    expect(canSignUp(activity({ mine: mine() }), before)).toBe(false);
    expect(canSignUp(activity({ status: 'draft' }), before)).toBe(false);
    expect(canSignUp(activity(), at('2026-11-28T12:00:01Z'))).toBe(false);
  });

  it('cancels a sign-up until two hours before the start, never after checking in', () => {
    expect(canCancelSignup(activity({ mine: mine() }), at('2026-11-28T22:59:00Z'))).toBe(true);
    expect(canCancelSignup(activity({ mine: mine() }), at('2026-11-28T23:00:00Z'))).toBe(false);
    expect(canCancelSignup(activity({ mine: null }), at('2026-11-28T00:00:00Z'))).toBe(false);
    expect(
      canCancelSignup(activity({ mine: mine({ checkedInAt: '2026-11-28T00:00:00Z' }) }), at('2026-11-28T00:00:00Z')),
    ).toBe(false);
  });

  it('lists unfinished published activities as upcoming and scans out after checking in', () => {
    expect(isUpcoming(activity(), at('2026-11-29T02:59:00Z'))).toBe(true);
    expect(isUpcoming(activity(), at('2026-11-29T03:00:00Z'))).toBe(false);
    expect(scanPurposeNow(activity({ mine: mine() }))).toBe('checkin');
    expect(scanPurposeNow(activity({ mine: mine({ checkedInAt: '2026-11-29T01:00:00Z' }) }))).toBe('checkout');
  });
});
