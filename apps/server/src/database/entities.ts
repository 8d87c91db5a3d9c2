import { Activity, ActivitySignup } from '../activities/activity.entity.js';
import { AuditEntry } from '../audit/audit-entry.entity.js';
import { Session } from '../auth/session.entity.js';
import { Booking, BookingSlot, BookingSuspension } from '../bookings/booking.entity.js';
import { CentreEvent, EventFeedback, EventSignup, EventThanks } from '../events/event.entity.js';
import { GroupMember, GroupNotice, InterestGroup } from '../groups/group.entity.js';
import { RateLimitCounter } from '../common/rate-limit.entity.js';
import { FamilyBinding, FamilyCode, FamilyCreditAsk } from '../family/family.entity.js';
import { Notice, NoticeBuilding, NoticeRead, NoticeUnreadCount, NoticeVersion } from '../notices/notice.entity.js';
import {
  RequestCommunitySettings,
  RequestStreetSettings,
  ResidentRequest,
  ResidentRequestEvent,
  ResidentRequestSecond,
} from '../requests/request.entity.js';
import { Upload } from '../uploads/upload.entity.js';
import { Notification, OutboxMessage } from '../notifications/notification.entity.js';
import { Room, RoomClosure } from '../rooms/room.entity.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { IdempotencyKey } from '../timebank/idempotency-key.entity.js';
import { LedgerEntry, LedgerTransaction } from '../timebank/ledger-transaction.entity.js';
import { Reward, RewardRedemption } from '../timebank/reward.entity.js';
import { TimebankAccount } from '../timebank/timebank-account.entity.js';
import { TimebankHold } from '../timebank/timebank-hold.entity.js';
import { CareRecipient, HelpOffer, HelpRequest } from '../help-requests/help-request.entity.js';
import { User } from '../users/user.entity.js';

/** Every entity, listed once: the data source and the schema check both read this. */
export const entities = [
  Community,
  Building,
  User,
  Session,
  AuditEntry,
  RateLimitCounter,
  Notice,
  NoticeBuilding,
  NoticeRead,
  NoticeVersion,
  NoticeUnreadCount,
  Notification,
  OutboxMessage,
  TimebankAccount,
  LedgerTransaction,
  LedgerEntry,
  IdempotencyKey,
  Reward,
  RewardRedemption,
  Room,
  RoomClosure,
  Booking,
  BookingSlot,
  BookingSuspension,
  Activity,
  ActivitySignup,
  TimebankHold,
  HelpRequest,
  HelpOffer,
  CareRecipient,
  InterestGroup,
  GroupMember,
  GroupNotice,
  CentreEvent,
  EventSignup,
  EventFeedback,
  EventThanks,
  ResidentRequest,
  ResidentRequestEvent,
  ResidentRequestSecond,
  RequestCommunitySettings,
  RequestStreetSettings,
  Upload,
  FamilyCode,
  FamilyBinding,
  FamilyCreditAsk,
];
