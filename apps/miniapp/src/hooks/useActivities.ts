import { useCallback, useRef, useState } from 'react';
import { useInFlight } from './useInFlight';
import { useDidShow } from '@tarojs/taro';
import type { ActivityView, AttendancePurpose, ScanResponse } from '@linli/shared-types';
import {
  cancelActivitySignup,
  getActivity,
  listActivities,
  listMyActivities,
  postActivityScan,
  signUpForActivity,
} from '../services/activities';
import { ApiRequestError } from '../services/http';
import { platformLocation } from '../platform/location';
import { platformScanner } from '../platform/scan';
import { durationText, minutesSoFar } from '../lib/activities';
import { shanghaiClock } from '../lib/bookings';
import { usePagedList, type PagedList } from './usePagedList';
import { errorText, useRemoteData, type RemoteData } from './useRemoteData';

/** The 志愿 tab: the community's activities, re-read on return. */
export function useActivities(enabled: boolean): PagedList<ActivityView> {
  const list = usePagedList(listActivities, 'activities', (activity) => activity.id, enabled);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && list.loaded) void list.refreshHead();
    shown.current = true;
  });
  return list;
}

/** My sign-ups with check-in state and credited minutes; re-read on return. */
export function useMyActivities(enabled: boolean): RemoteData<ActivityView[]> & { totalCreditedMinutes: number } {
  const remote = useRemoteData(async () => (await listMyActivities()).items, 'my-activities', enabled);
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && enabled) void remote.reload();
    shown.current = true;
  });
  const totalCreditedMinutes = (remote.data ?? []).reduce(
    (sum, activity) => sum + (activity.mine?.creditedMinutes ?? 0),
    0,
  );
  return { ...remote, totalCreditedMinutes };
}

const scanRefusals: Record<string, string> = {
  SCAN_CODE_UNKNOWN: '无法识别这个码，请扫描活动现场屏幕上的签到二维码',
  ACTIVITY_NOT_FOUND: '这个签到码对应的活动不存在或不在本社区',
};

export interface ScanOutcome {
  ok: boolean;
  text: string;
}

/** 签到成功 09:02 / 签退成功，已服务 1 小时 30 分钟 */
export function activityScanText(result: ScanResponse): string {
  if (result.kind === 'door_checkin') return `活动室签到成功：${result.booking.room.name}`;
  if (result.kind === 'help_arrival') return `已到达，开始互助：${result.helpRequest.title}`;
  if (result.kind === 'event_checkin') return `社区活动签到成功：${result.event.title}`;
  const { activity, attendance } = result;
  if (result.kind === 'activity_checkin') {
    return `签到成功 ${attendance.checkedInAt ? shanghaiClock(attendance.checkedInAt) : ''}：${activity.title}`;
  }
  const minutes = minutesSoFar(activity, attendance);
  return `签退成功 ${attendance.checkedOutAt ? shanghaiClock(attendance.checkedOutAt) : ''}：${activity.title}，本次服务 ${durationText(minutes)}（结算后计入时间银行）`;
}

function refusal(error: unknown): string {
  if (error instanceof ApiRequestError && scanRefusals[error.code]) return scanRefusals[error.code];
  return errorText(error);
}

/**
 * Opens the scanner (weapp camera; h5 overlay with a typed-code field) and posts the code to POST scan.
 * From an activity's page it sends the activity and purpose, and the position only when the activity has a geofence.
 */
export function useActivityScan(onScanned?: (result: ScanResponse) => void) {
  const [scanning, setScanning] = useState(false);
  const [outcome, setOutcome] = useState<ScanOutcome | null>(null);
  const scan = useCallback(
    async (target?: { activity: ActivityView; purpose: AttendancePurpose }) => {
      setOutcome(null);
      let code: string | null;
      try {
        code = await platformScanner.scan({
          hint:
            target?.purpose === 'checkout' ? '请扫描活动现场屏幕上的签退二维码' : '请扫描活动现场屏幕上的签到二维码',
        });
      } catch (caught) {
        setOutcome({ ok: false, text: caught instanceof Error ? caught.message : '无法打开扫码' });
        return;
      }
      if (!code) return;
      setScanning(true);
      try {
        const body: { code: string; lat?: number; lng?: number; activityId?: number; purpose?: AttendancePurpose } = {
          code: code.trim(),
        };
        if (target) {
          body.activityId = target.activity.id;
          body.purpose = target.purpose;
          if (target.activity.geofence) {
            const position = await platformLocation.current();
            if (position) {
              body.lat = position.lat;
              body.lng = position.lng;
            }
          }
        }
        let result: ScanResponse;
        try {
          result = await postActivityScan(body);
        } catch (caught) {
          // A code scanned from the tab does not say which activity it is for: ask for the position only when the server needs it.
          if (
            !(caught instanceof ApiRequestError && caught.code === 'ACTIVITY_LOCATION_REQUIRED') ||
            body.lat !== undefined
          )
            throw caught;
          const position = await platformLocation.current();
          if (!position) throw caught;
          result = await postActivityScan({ ...body, lat: position.lat, lng: position.lng });
        }
        setOutcome({ ok: true, text: activityScanText(result) });
        onScanned?.(result);
      } catch (caught) {
        setOutcome({ ok: false, text: refusal(caught) });
      } finally {
        setScanning(false);
      }
    },
    [onScanned],
  );
  return { scanning, outcome, scan };
}

export interface ActivityDetail extends RemoteData<ActivityView> {
  busy: boolean;
  /** Resolves null on success, else the Chinese reason. */
  signUp(): Promise<string | null>;
  cancelSignup(): Promise<string | null>;
  /** Replaces the shown activity (a scan's answer). */
  set(activity: ActivityView): void;
}

export function useActivity(id: number | null): ActivityDetail {
  const remote = useRemoteData(() => getActivity(id!), String(id), id !== null);
  const [override, setOverride] = useState<ActivityView | undefined>(undefined);
  const { busy, guard } = useInFlight();
  const data = override && remote.data && override.id === remote.data.id ? override : remote.data;
  const shown = useRef(false);
  useDidShow(() => {
    if (shown.current && id !== null) {
      setOverride(undefined);
      void remote.reload();
    }
    shown.current = true;
  });

  const run = useCallback(
    async (call: (id: number) => Promise<ActivityView>) => {
      if (id === null) return null;
      return (
        (await guard(async () => {
          try {
            setOverride(await call(id));
            return null;
          } catch (caught) {
            return errorText(caught);
          }
        })) ?? null
      );
    },
    [guard, id],
  );

  return {
    ...remote,
    data,
    busy,
    signUp: () => run(signUpForActivity),
    cancelSignup: () => run(cancelActivitySignup),
    set: setOverride,
  };
}
