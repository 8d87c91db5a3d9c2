import type { EventScanResponse } from './centre.js';
import type { ActivityScanResponse, AttendancePurpose } from './activities.js';
import type { HelpArrivalScanResponse } from './help-requests.js';
import type { IsoDateTime } from './common.js';

/** Lifecycle of a booking (PRODUCT.md "Activity-centre bookings"). */
export const bookingStatuses = [
  'pending',
  'approved',
  'rejected',
  'cancelled',
  'checked_in',
  'completed',
  'no_show',
] as const;
export type BookingStatus = (typeof bookingStatuses)[number];

/** Statuses that hold the room: their slots are occupied. */
export const activeBookingStatuses = ['pending', 'approved', 'checked_in'] as const satisfies readonly BookingStatus[];

export const bookingStatusLabels: Record<BookingStatus, string> = {
  pending: '待审批',
  approved: '已批准',
  rejected: '已拒绝',
  cancelled: '已取消',
  checked_in: '已签到',
  completed: '已完成',
  no_show: '爽约',
};

export const slotLengths = [15, 30, 60] as const;
export type SlotMinutes = (typeof slotLengths)[number];

export const BOOKING_PURPOSE_MIN = 2;
export const BOOKING_PURPOSE_MAX = 200;

export interface RoomView {
  id: number;
  communityId: number;
  name: string;
  description: string;
  photos: string[];
  capacity: number;
  facilities: string[];
  /** 'HH:mm', Asia/Shanghai. */
  openTime: string;
  closeTime: string;
  slotMinutes: SlotMinutes;
  maxMinutes: number;
  bookAheadDays: number;
  minNoticeMinutes: number;
  requiresApproval: boolean;
  active: boolean;
  /** Time credit a booking costs per hour, in minutes (0 = free): held at booking, charged when it is used. */
  priceMinutesPerHour: number;
}

/** POST rooms */
export interface CreateRoomRequest {
  name: string;
  description?: string;
  photos?: string[];
  capacity: number;
  facilities?: string[];
  openTime: string;
  closeTime: string;
  slotMinutes?: SlotMinutes;
  maxMinutes?: number;
  bookAheadDays?: number;
  minNoticeMinutes?: number;
  requiresApproval?: boolean;
  active?: boolean;
  /** Minutes of time credit per hour booked, 0 (the default) .. ROOM_PRICE_MAX_MINUTES_PER_HOUR. */
  priceMinutesPerHour?: number;
  /** Admins only. */
  communityId?: number;
}

/** The most a room may cost per hour: 2 hours of credit. */
export const ROOM_PRICE_MAX_MINUTES_PER_HOUR = 120;

/** PATCH rooms/:id */
export type UpdateRoomRequest = Partial<Omit<CreateRoomRequest, 'communityId'>>;

/** POST rooms/:id/closures */
export interface CreateClosureRequest {
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  reason: string;
  /** Close the whole centre (every room of the community), not only this room. */
  wholeCentre?: boolean;
}

export interface ClosureView {
  id: number;
  communityId: number;
  /** Null: the whole centre. */
  roomId: number | null;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  reason: string;
}

export const slotStates = ['free', 'taken', 'closed', 'past'] as const;
export type SlotState = (typeof slotStates)[number];

export interface AvailabilitySlot {
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  state: SlotState;
}

/** GET rooms/:id/availability?date=YYYY-MM-DD */
export interface RoomAvailability {
  roomId: number;
  /** Local date in Asia/Shanghai. */
  date: string;
  slotMinutes: number;
  slots: AvailabilitySlot[];
}

/** POST bookings */
export interface CreateBookingRequest {
  roomId: number;
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  purpose: string;
  attendees: number;
}

export interface BookingView {
  id: number;
  communityId: number;
  /** Staff lists: the community's name, for the street-wide console's 社区 column. */
  communityName?: string;
  room: { id: number; name: string };
  booker: { id: number; name: string | null };
  startAt: IsoDateTime;
  endAt: IsoDateTime;
  minutes: number;
  purpose: string;
  attendees: number;
  status: BookingStatus;
  /** Booked by staff for a community event (no quotas). */
  staffBooking: boolean;
  /** Why it was rejected or cancelled by staff. */
  reason: string | null;
  checkedInAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

/** GET bookings (staff) */
export interface BookingQuery {
  /** Local date in Asia/Shanghai. */
  date?: string;
  status?: BookingStatus;
  roomId?: number;
  communityId?: number;
  cursor?: string;
  limit?: number;
}

/** GET bookings/mine?when: `upcoming` = still active (pending, approved, checked in) and not yet ended; `past` = the rest. */
export const myBookingsWhen = ['upcoming', 'past'] as const;
export type MyBookingsWhen = (typeof myBookingsWhen)[number];

/** GET bookings/mine (newest first; without `when`, every booking) */
export interface MyBookingsQuery {
  when?: MyBookingsWhen;
  cursor?: string;
  limit?: number;
}

/** POST bookings/:id/cancel (reason required when staff cancel) */
export interface CancelBookingRequest {
  reason?: string;
}

/** POST bookings/:id/reject */
export interface RejectBookingRequest {
  reason: string;
}

/** POST bookings/recurring (staff): the same local time every week for N weeks. */
export interface RecurringBookingRequest extends CreateBookingRequest {
  weeks: number;
}

export interface RecurringBookingResponse {
  /** Local dates booked. */
  created: string[];
  skipped: Array<{ date: string; reason: string }>;
}

/** POST bookings/suspensions/:userId/lift (staff): how many active suspensions were lifted. */
export interface SuspensionLiftResponse {
  lifted: number;
}

/** GET rooms/:id/door-code (staff): the printable code of the room's door QR poster. */
export interface DoorCodeView {
  roomId: number;
  roomName: string;
  /** The text to encode in the QR code. */
  code: string;
}

/** POST scan: whatever the camera read, plus the position when the device gives one. */
export interface ScanRequest {
  code: string;
  lat?: number;
  lng?: number;
  /** When scanning from an activity's page: the activity and purpose the volunteer expects (a different code is refused). */
  activityId?: number;
  purpose?: AttendancePurpose;
}

/** What the server recognised and did. Later features add their kinds. */
export type ScanResponse =
  { kind: 'door_checkin'; booking: BookingView } | ActivityScanResponse | HelpArrivalScanResponse | EventScanResponse;
