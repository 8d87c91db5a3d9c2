import type { NoticeView } from '@linli/shared-types';
import { describe, expect, it } from 'vitest';
import { addDays, bookingTimeText, clockText, dateText, lastDays, weekStart } from './booking-format';
import { fromCommunityWallClock, toCommunityWallClock } from './dayjs';
import { formatDateTime, formatHousehold, formatPhone, isHouseholdComplete } from './format';
import {
  emptyNoticeForm,
  formFieldOf,
  formValuesToRequest,
  fieldProblem,
  noticeToFormValues,
  utf8Length,
} from './notice-form';
import { audienceLabel, isExpired, percentOf, publishTimeLabel } from './notice-format';
import { hoursWithMinutes, signedHours } from './timebank-format';

describe('format', () => {
  it('shows instants in community time whatever the browser zone', () => {
    expect(formatDateTime('2026-11-29T16:30:00Z')).toBe('2026-11-30 00:30');
    expect(formatDateTime(null)).toBe('—');
    expect(formatDateTime('nonsense')).toBe('—');
  });

  it('never shows a whole phone number', () => {
    expect(formatPhone('13800000001')).not.toContain('00000');
    expect(formatPhone(null)).toBe('—');
  });

  it('writes a household, leaving out missing parts', () => {
    expect(formatHousehold({ building: { name: '3号楼' }, unit: '2单元', room: '301' })).toBe('3号楼-2单元-301');
    expect(formatHousehold({ building: null, unit: null, room: '301' })).toBe('301');
    expect(formatHousehold({ building: null, unit: null, room: null })).toBeNull();
    expect(isHouseholdComplete({ building: {}, unit: '2', room: '' })).toBe(false);
  });
});

describe('booking-format', () => {
  it.each([
    ['2026-11-29', 1, '2026-11-30'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2028-03-01', -1, '2028-02-29'],
  ])('addDays(%p, %p) = %p', (date, days, result) => expect(addDays(date, days)).toBe(result));

  it('counts back whole days and finds the Monday of a week', () => {
    expect(lastDays('2026-12-02', 3)).toEqual(['2026-11-30', '2026-12-01', '2026-12-02']);
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // a Sunday
    expect(weekStart('2026-11-30')).toBe('2026-11-30'); // a Monday
  });

  it('writes times in community time', () => {
    expect(clockText('2026-11-29T06:05:00Z')).toBe('14:05');
    expect(dateText('2026-11-29')).toBe('11月29日 周日');
    expect(bookingTimeText({ startAt: '2026-11-29T06:00:00Z', endAt: '2026-11-29T08:00:00Z' })).toBe(
      '11-29 14:00–16:00',
    );
  });
});

describe('notice-format', () => {
  const buildings = [{ id: 1, name: '1号楼' }] as Parameters<typeof audienceLabel>[1];
  it('names the audience', () => {
    expect(audienceLabel([], buildings)).toBe('全社区');
    expect(audienceLabel([1, 9], buildings)).toBe('1号楼、楼栋#9');
  });

  it('says when residents see it', () => {
    expect(publishTimeLabel({ status: 'draft', publishAt: null })).toBe('发布时立即生效');
    expect(publishTimeLabel({ status: 'draft', publishAt: '2026-12-01T00:00:00Z' })).toBe('拟定 2026-12-01 08:00');
    expect(publishTimeLabel({ status: 'published', publishAt: null })).toBe('—');
  });

  it('expires at the expiry instant, and rounds shares to one decimal', () => {
    const at = Date.parse('2026-12-01T00:00:00Z');
    expect(isExpired({ expiresAt: '2026-12-01T00:00:00Z' }, at)).toBe(true);
    expect(isExpired({ expiresAt: '2026-12-01T00:00:01Z' }, at)).toBe(false);
    expect(isExpired({ expiresAt: null }, at)).toBe(false);
    expect([percentOf(1, 3), percentOf(2, 3), percentOf(5, 0)]).toEqual([33.3, 66.7, 0]);
  });
});

describe('notice-form', () => {
  it('round-trips a scheduled notice through the form in community time', () => {
    const notice = {
      title: '停水通知',
      category: 'announcement',
      pinned: true,
      requiresAck: true,
      audienceBuildingIds: [2],
      publishAt: '2026-12-01T00:00:00.000Z',
      expiresAt: '2026-12-08T00:00:00.000Z',
      body: '正文',
    } as NoticeView;
    const values = noticeToFormValues(notice);
    expect(values.publishMode).toBe('scheduled');
    expect(values.audienceMode).toBe('buildings');
    expect(values.publishAt?.format('YYYY-MM-DD HH:mm')).toBe('2026-12-01 08:00');
    expect(formValuesToRequest({ ...values, title: '  停水通知 ' })).toEqual({
      title: '停水通知',
      body: '正文',
      category: 'announcement',
      pinned: true,
      requiresAck: true,
      audienceBuildingIds: [2],
      publishAt: '2026-12-01T00:00:00.000Z',
      expiresAt: '2026-12-08T00:00:00.000Z',
    });
  });

  it('sends no buildings for the whole community and no time for "now"', () => {
    const request = formValuesToRequest({
      ...emptyNoticeForm,
      title: 't',
      body: 'b',
      audienceBuildingIds: [3],
      publishAt: toCommunityWallClock('2026-12-01T00:00:00Z'),
    });
    expect(request.audienceBuildingIds).toEqual([]);
    expect(request.publishAt).toBeNull();
  });

  it('maps server field paths to form fields', () => {
    expect(formFieldOf('audienceBuildingIds.0')).toBe('audienceBuildingIds');
    expect(formFieldOf('communityId')).toBeNull();
    expect(fieldProblem('title')).toContain('标题');
    expect(utf8Length('a中😀')).toBe(1 + 3 + 4);
  });

  it('reads picker wall-clock values as community time', () => {
    expect(fromCommunityWallClock(toCommunityWallClock('2026-11-29T16:30:00.000Z'))).toBe('2026-11-29T16:30:00.000Z');
  });
});

describe('timebank-format', () => {
  it.each([
    [90, '+1.50 小时'],
    [-45, '-45 分钟'],
    [10, '+10 分钟'],
    [0, '0 分钟'],
  ])('signedHours(%p) = %p', (minutes, text) => expect(signedHours(minutes)).toBe(text));

  it('gives hours with the minutes staff typed', () => {
    expect(hoursWithMinutes(90)).toBe('1.50 小时（90 分钟）');
    expect(hoursWithMinutes(10)).toBe('10 分钟');
  });
});
