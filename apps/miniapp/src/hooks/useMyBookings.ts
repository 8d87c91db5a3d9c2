import { useCallback, useRef, useState } from 'react';
import { useDidShow } from '@tarojs/taro';
import type { BookingView, MyBookingsWhen, ScanResponse } from '@linli/shared-types';
import { cancelBooking, listMyBookings, postScan } from '../services/bookings';
import { ApiRequestError } from '../services/http';
import { bookingTimeText } from '../lib/bookings';
import { useInFlight } from './useInFlight';
import { usePagedList, type PagedList } from './usePagedList';
import { errorText } from './useRemoteData';

/** Statuses the booker may still cancel (before the start). */
export const cancellableStatuses = ['pending', 'approved'] as const;

export function canCancel(booking: BookingView, now: Date = new Date()): boolean {
  return (
    (cancellableStatuses as readonly string[]).includes(booking.status) &&
    new Date(booking.startAt).getTime() > now.getTime()
  );
}

const bookingRefusals: Record<string, string> = {
  BOOKING_NOT_CANCELLABLE: '该预约已开始或已结束，不能取消',
  BOOKING_NOT_FOUND: '找不到该预约，请下拉刷新',
  RESIDENT_NOT_VERIFIED: '请先完成住户认证',
};

const scanRefusals: Record<string, string> = {
  BOOKING_NO_CHECKIN: '您现在没有可签到的该活动室预约。开始前 15 分钟至开始后 15 分钟内可扫码签到',
  BOOKING_NOT_CHECKABLE: '该预约当前不能签到',
  SCAN_CODE_UNKNOWN: '无法识别这个二维码，请扫描活动室门口的签到码',
  RESIDENT_NOT_VERIFIED: '请先完成住户认证',
};

function refusalText(map: Record<string, string>, error: unknown): string {
  if (error instanceof ApiRequestError && map[error.code]) return map[error.code];
  return errorText(error);
}

/** What the scan did, in one sentence. */
export function scanResultText(result: ScanResponse): string {
  if (result.kind === 'door_checkin') {
    return `签到成功：${result.booking.room.name}，${bookingTimeText(result.booking.startAt, result.booking.endAt)}`;
  }
  if (result.kind === 'help_arrival') return `已到达，开始互助：${result.helpRequest.title}`;
  if (result.kind === 'event_checkin') return `社区活动签到成功：${result.event.title}`;
  return result.kind === 'activity_checkin'
    ? `活动签到成功：${result.activity.title}`
    : `活动签退成功：${result.activity.title}`;
}

export interface ScanOutcome {
  ok: boolean;
  text: string;
}

export interface MyBookings extends PagedList<BookingView> {
  /** The booking whose cancellation is being sent. */
  cancelling: number | null;
  /** Cancels one booking; resolves null on success, else the Chinese reason. */
  cancel(id: number): Promise<string | null>;
  scanning: boolean;
  /** Sends a scanned door code to POST scan; updates the checked-in booking in the list. */
  checkIn(code: string): Promise<ScanOutcome>;
}

/** 我的预约, upcoming or past: newest first, re-read on return (a booking made on the room page shows at once). */
export function useMyBookings(enabled: boolean, when: MyBookingsWhen): MyBookings {
  const list = usePagedList(
    (cursor) => listMyBookings(when, cursor),
    `my-bookings-${when}`,
    (booking) => booking.id,
    enabled,
  );
  const [cancelling, setCancelling] = useState<number | null>(null);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && list.loaded) void list.refreshHead();
    shown.current = true;
  });

  const { update } = list;
  // One cancellation and one scan at a time: a second tap while one is in flight sends nothing.
  const cancelGuard = useInFlight().guard;
  const cancel = useCallback(
    async (id: number) =>
      (await cancelGuard(async () => {
        setCancelling(id);
        try {
          const updated = await cancelBooking(id);
          update((booking) => (booking.id === id ? updated : booking));
          return null;
        } catch (caught) {
          return refusalText(bookingRefusals, caught);
        } finally {
          setCancelling(null);
        }
      })) ?? null,
    [cancelGuard, update],
  );

  const { busy: scanning, guard: scanGuard } = useInFlight();
  const checkIn = useCallback(
    async (code: string): Promise<ScanOutcome> =>
      (await scanGuard(async () => {
        try {
          const result = await postScan({ code });
          if (result.kind === 'door_checkin')
            update((booking) => (booking.id === result.booking.id ? result.booking : booking));
          return { ok: true, text: scanResultText(result) };
        } catch (caught) {
          return { ok: false, text: refusalText(scanRefusals, caught) };
        }
      })) ?? { ok: false, text: '正在处理上一次扫码，请稍候' },
    [scanGuard, update],
  );

  return { ...list, cancelling, cancel, scanning, checkIn };
}
