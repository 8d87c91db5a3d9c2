import type { Role, UserStatus } from '@linli/shared-types';
import { rawDate } from '../database/raw-values.js';
import type { User } from '../users/user.entity.js';

/**
 * The user of a live session, run on every authenticated request: one constant statement on the unique token hash
 * (no query builder, no entity hydration; bench/results/1-read-ratio.md). Parameters: the token's SHA-256, now.
 * Every column of users but the three never selected (passwordHash, wechatSessionKey, bookingTurn).
 */
export const SESSION_USER_SQL =
  'SELECT u.id, u.communityId, u.role, u.status, u.volunteer, u.name, u.phone, u.username, u.openid, ' +
  'u.buildingId, u.unit, u.room, u.verifiedAt, u.verifiedById, u.createdAt ' +
  'FROM sessions s JOIN users u ON u.id = s.userId WHERE s.tokenHash = ? AND s.revokedAt IS NULL AND s.expiresAt > ?';

export type SessionUser = Omit<User, 'passwordHash' | 'wechatSessionKey' | 'bookingTurn'>;

export interface SessionUserRow {
  id: number;
  communityId: number | null;
  role: Role;
  status: UserStatus;
  volunteer: number | boolean;
  name: string | null;
  phone: string | null;
  username: string | null;
  openid: string | null;
  buildingId: number | null;
  unit: string | null;
  room: string | null;
  verifiedAt: Date | string | null;
  verifiedById: number | null;
  createdAt: Date | string;
}

/** The row as TypeORM hydrates a User: booleans from 0/1, datetimes as Dates on both drivers. */
export function sessionUserOf(row: SessionUserRow): SessionUser {
  return {
    id: row.id,
    communityId: row.communityId,
    role: row.role,
    status: row.status,
    volunteer: Boolean(row.volunteer),
    name: row.name,
    phone: row.phone,
    username: row.username,
    openid: row.openid,
    buildingId: row.buildingId,
    unit: row.unit,
    room: row.room,
    verifiedAt: rawDate(row.verifiedAt),
    verifiedById: row.verifiedById,
    createdAt: rawDate(row.createdAt)!,
  };
}

/** A user by id with the same columns as SESSION_USER_SQL: the person named by X-Act-For. */
export const USER_BY_ID_SQL =
  'SELECT u.id, u.communityId, u.role, u.status, u.volunteer, u.name, u.phone, u.username, u.openid, ' +
  'u.buildingId, u.unit, u.room, u.verifiedAt, u.verifiedById, u.createdAt FROM users u WHERE u.id = ?';
