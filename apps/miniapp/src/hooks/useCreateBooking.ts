import { useCallback, useState } from 'react';
import type { BookingView, CreateBookingRequest, RoomView } from '@linli/shared-types';
import { BOOKING_PURPOSE_MAX, BOOKING_PURPOSE_MIN, errorMessages } from '@linli/shared-types';
import { ApiRequestError } from '../services/http';
import { createBooking } from '../services/bookings';
import { durationText } from '../lib/bookings';
import { useInFlight } from './useInFlight';
import { errorText } from './useRemoteData';

export interface BookingDraft {
  purpose: string;
  attendees: string;
}

export type BookingField = keyof BookingDraft;

/** Checks purpose (2–200 characters) and attendees (1..capacity) as the server does. */
export function checkBookingDraft(draft: BookingDraft, room: RoomView): Partial<Record<BookingField, string>> {
  const problems: Partial<Record<BookingField, string>> = {};
  const purpose = draft.purpose.trim();
  if (purpose.length < BOOKING_PURPOSE_MIN)
    problems.purpose = `请填写用途，至少 ${BOOKING_PURPOSE_MIN} 个字，如“书法练习”`;
  else if (purpose.length > BOOKING_PURPOSE_MAX) problems.purpose = `用途最多 ${BOOKING_PURPOSE_MAX} 个字`;
  const text = draft.attendees.trim();
  const attendees = /^\d{1,4}$/.test(text) ? Number(text) : NaN;
  if (!text) problems.attendees = '请填写参加人数';
  else if (!(attendees >= 1 && attendees <= room.capacity))
    problems.attendees = `参加人数须在 1 到 ${room.capacity} 人之间`;
  return problems;
}

/** Every refusal of POST bookings, worded for the resident (with the room's own numbers where they help). */
export function bookingErrorText(error: unknown, room: RoomView | undefined): string {
  if (!(error instanceof ApiRequestError)) return errorText(error);
  const refusals: Record<string, string> = {
    BOOKING_SLOT_TAKEN: '这个时段刚被别人预约了，请选择其他时段',
    BOOKING_QUOTA_ACTIVE: errorMessages.BOOKING_QUOTA_ACTIVE,
    BOOKING_QUOTA_WEEKLY: '本周预约时长已达上限，请下周再预约',
    BOOKING_TOO_FAR: room
      ? `只能预约 ${room.bookAheadDays} 天以内的时段，请选择更近的日期`
      : errorMessages.BOOKING_TOO_FAR,
    BOOKING_TOO_SOON: room
      ? `需至少提前 ${durationText(room.minNoticeMinutes)}预约，请选择更晚的时段`
      : errorMessages.BOOKING_TOO_SOON,
    BOOKING_TOO_LONG: room ? `单次最长 ${durationText(room.maxMinutes)}，请缩短时段` : errorMessages.BOOKING_TOO_LONG,
    BOOKING_CLOSED: '该时段活动室闭馆，不能预约，请选择其他时段',
    BOOKING_OFF_GRID: errorMessages.BOOKING_OFF_GRID,
    BOOKING_ATTENDEES_INVALID: room
      ? `参加人数须在 1 到 ${room.capacity} 人之间`
      : errorMessages.BOOKING_ATTENDEES_INVALID,
    BOOKING_SUSPENDED: '因多次预约未到场，您的预约功能暂停使用，请联系社区工作人员',
    RESIDENT_NOT_VERIFIED: '请先完成住户认证',
    ROOM_INACTIVE: errorMessages.ROOM_INACTIVE,
    ROOM_NOT_FOUND: errorMessages.ROOM_NOT_FOUND,
  };
  return refusals[error.code] ?? error.message;
}

export interface CreateBookingState {
  /** The checked request waiting for confirmation. */
  confirming: CreateBookingRequest | null;
  submitting: boolean;
  error: string | null;
  result: BookingView | null;
  ask(request: CreateBookingRequest): void;
  cancel(): void;
  confirm(): Promise<boolean>;
  reset(): void;
}

/**
 * Confirm, then POST bookings once; a refusal closes the dialog and says why, and `onRefused` hears its code
 * (the page reloads the slots after BOOKING_SLOT_TAKEN).
 */
export function useCreateBooking(room: RoomView | undefined, onRefused?: (code: string) => void): CreateBookingState {
  const [confirming, setConfirming] = useState<CreateBookingRequest | null>(null);
  const { busy: submitting, guard } = useInFlight();
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<BookingView | null>(null);

  const ask = useCallback((request: CreateBookingRequest) => {
    setError(null);
    setConfirming(request);
  }, []);
  const cancel = useCallback(() => setConfirming(null), []);
  const confirm = useCallback(async () => {
    if (!confirming) return false;
    const sent = await guard(async () => {
      setError(null);
      try {
        setResult(await createBooking(confirming));
        setConfirming(null);
        return true;
      } catch (caught) {
        setConfirming(null);
        setError(bookingErrorText(caught, room));
        if (caught instanceof ApiRequestError) onRefused?.(caught.code);
        return false;
      }
    });
    return sent ?? false;
  }, [confirming, guard, room, onRefused]);
  const reset = useCallback(() => {
    setResult(null);
    setError(null);
    setConfirming(null);
  }, []);

  return { confirming, submitting, error, result, ask, cancel, confirm, reset };
}
