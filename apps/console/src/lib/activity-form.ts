import {
  ACTIVITY_DESCRIPTION_MAX,
  ACTIVITY_PLACE_MAX,
  ACTIVITY_TITLE_MAX,
  type ActivityStatus,
  type ActivityView,
  type CreateActivityRequest,
} from '@linli/shared-types';
import type { Dayjs } from 'dayjs';
import { COMMUNITY_TIME_ZONE, dayjs, fromCommunityWallClock, toCommunityWallClock } from './dayjs';

/** What the editor form holds; times are community wall-clock picker values, the geofence three plain numbers. */
export interface ActivityFormValues {
  title: string;
  description: string;
  place: string;
  startAt: Dayjs | null;
  endAt: Dayjs | null;
  signupDeadline: Dayjs | null;
  capacity: number | null;
  geofenceEnabled: boolean;
  lat: number | null;
  lng: number | null;
  radiusM: number | null;
}

export type ActivityFormField = keyof ActivityFormValues;

export const GEOFENCE_RADIUS_MIN = 10;
export const GEOFENCE_RADIUS_MAX = 5000;

export const emptyActivityForm: ActivityFormValues = {
  title: '',
  description: '',
  place: '',
  startAt: null,
  endAt: null,
  signupDeadline: null,
  capacity: 10,
  geofenceEnabled: false,
  lat: null,
  lng: null,
  radiusM: 200,
};

export function activityToFormValues(activity: ActivityView): ActivityFormValues {
  return {
    title: activity.title,
    description: activity.description,
    place: activity.place,
    startAt: toCommunityWallClock(activity.startAt),
    endAt: toCommunityWallClock(activity.endAt),
    signupDeadline: toCommunityWallClock(activity.signupDeadline),
    capacity: activity.capacity,
    geofenceEnabled: activity.geofence !== null,
    lat: activity.geofence?.lat ?? null,
    lng: activity.geofence?.lng ?? null,
    radiusM: activity.geofence?.radiusM ?? 200,
  };
}

/** The body of POST activities / PATCH activities/:id; every field is sent, so turning the geofence off clears it. */
export function formValuesToRequest(values: ActivityFormValues): CreateActivityRequest {
  return {
    title: values.title.trim(),
    description: values.description ?? '',
    place: values.place.trim(),
    startAt: fromCommunityWallClock(values.startAt!),
    endAt: fromCommunityWallClock(values.endAt!),
    signupDeadline: fromCommunityWallClock(values.signupDeadline!),
    capacity: values.capacity!,
    geofence:
      values.geofenceEnabled && values.lat !== null && values.lng !== null && values.radiusM !== null
        ? { lat: values.lat, lng: values.lng, radiusM: values.radiusM }
        : null,
  };
}

const fieldProblems: Record<ActivityFormField, string> = {
  title: `标题需为 1–${ACTIVITY_TITLE_MAX} 个字`,
  description: `说明不能超过 ${ACTIVITY_DESCRIPTION_MAX} 个字`,
  place: `地点需为 1–${ACTIVITY_PLACE_MAX} 个字`,
  startAt: '开始时间无效',
  endAt: '结束时间无效',
  signupDeadline: '报名截止时间无效',
  capacity: '名额需为 1–10000 的整数',
  geofenceEnabled: '签到范围无效',
  lat: '纬度需在 -90 到 90 之间',
  lng: '经度需在 -180 到 180 之间',
  radiusM: `半径需为 ${GEOFENCE_RADIUS_MIN}–${GEOFENCE_RADIUS_MAX} 米的整数`,
};

/** The form field for a server field path (`geofence.lat` → lat, `geofence` → lat); null when the form has none. */
export function formFieldOf(serverField: string): ActivityFormField | null {
  if (serverField.startsWith('geofence')) {
    const leaf = serverField.split('.')[1];
    return leaf === 'lng' ? 'lng' : leaf === 'radiusM' ? 'radiusM' : 'lat';
  }
  const root = serverField.split(/[.[]/)[0] as ActivityFormField;
  return root in fieldProblems ? root : null;
}

export function fieldProblem(field: ActivityFormField): string {
  return fieldProblems[field];
}

/** Rule refusals that belong to one field of the form. */
export const fieldOfErrorCode: Record<string, ActivityFormField> = {
  ACTIVITY_TIME_INVALID: 'startAt',
  ACTIVITY_CAPACITY_INVALID: 'capacity',
};

export const activityStatusColors: Record<ActivityStatus, string> = {
  draft: 'default',
  published: 'blue',
  settled: 'green',
  cancelled: 'red',
};

/** 11-29 09:00–11:00, or both dates when it spans days; community time. */
export function activityTimeRange(activity: Pick<ActivityView, 'startAt' | 'endAt'>): string {
  const start = dayjs(activity.startAt).tz(COMMUNITY_TIME_ZONE);
  const end = dayjs(activity.endAt).tz(COMMUNITY_TIME_ZONE);
  const sameDay = start.format('YYYY-MM-DD') === end.format('YYYY-MM-DD');
  return `${start.format('YYYY-MM-DD HH:mm')}–${end.format(sameDay ? 'HH:mm' : 'YYYY-MM-DD HH:mm')}`;
}

/** YYYY-MM of an instant in community time. */
export function communityMonth(iso: string): string {
  return dayjs(iso).tz(COMMUNITY_TIME_ZONE).format('YYYY-MM');
}

export const hasEnded = (activity: Pick<ActivityView, 'endAt'>): boolean =>
  new Date(activity.endAt).getTime() <= Date.now();
export const hasStarted = (activity: Pick<ActivityView, 'startAt'>): boolean =>
  new Date(activity.startAt).getTime() <= Date.now();
