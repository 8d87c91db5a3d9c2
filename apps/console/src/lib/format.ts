import { maskPhone, type IsoDateTime, type UserStatus } from '@linli/shared-types';
import { COMMUNITY_TIME_ZONE, dayjs } from './dayjs';

export function formatDateTime(value: IsoDateTime | null | undefined): string {
  if (!value) return '—';
  const time = dayjs(value);
  return time.isValid() ? time.tz(COMMUNITY_TIME_ZONE).format('YYYY-MM-DD HH:mm') : '—';
}

/** Lists must never show a full phone number, even if an answer carries one. */
export function formatPhone(phone: string | null | undefined): string {
  return maskPhone(phone) ?? '—';
}

/** building-unit-room, e.g. 3号楼-2单元-301; missing parts left out. */
export function formatHousehold(household: {
  building: { name: string } | null;
  unit: string | null;
  room: string | null;
}): string | null {
  const parts = [household.building?.name, household.unit, household.room].filter((part): part is string => !!part);
  return parts.length > 0 ? parts.join('-') : null;
}

export function isHouseholdComplete(household: {
  building: unknown;
  unit: string | null;
  room: string | null;
}): boolean {
  return !!household.building && !!household.unit && !!household.room;
}

export const userStatusColors: Record<UserStatus, string> = {
  pending: 'orange',
  verified: 'green',
  disabled: 'default',
};
