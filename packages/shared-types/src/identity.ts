import type { IsoDateTime } from './common.js';

export const roles = ['resident', 'staff', 'admin'] as const;
export type Role = (typeof roles)[number];

/** pending: household not yet checked by staff; verified: full resident; disabled: sessions ended, cannot log in. */
export const userStatuses = ['pending', 'verified', 'disabled'] as const;
export type UserStatus = (typeof userStatuses)[number];

export interface CommunityView {
  id: number;
  code: string;
  name: string;
}

export interface BuildingView {
  id: number;
  communityId: number;
  name: string;
}

export interface UserView {
  id: number;
  role: Role;
  status: UserStatus;
  volunteer: boolean;
  name: string | null;
  /** Masked except for the user themselves. */
  phone: string | null;
  username: string | null;
  community: CommunityView | null;
  building: BuildingView | null;
  unit: string | null;
  room: string | null;
  verifiedAt: IsoDateTime | null;
  createdAt: IsoDateTime;
}

export interface LoginResponse {
  token: string;
  user: UserView;
}

export interface WechatLoginRequest {
  code: string;
  /** Community code from the poster the resident scanned; optional. */
  community?: string;
}

export interface PasswordLoginRequest {
  username: string;
  password: string;
}

export interface DevLoginRequest {
  phone: string;
  community: string;
}

export interface UpdateMeRequest {
  name?: string;
  buildingId?: number;
  unit?: string;
  room?: string;
}

/** A resident as staff see them in lists: phone masked. */
export interface ResidentListItem {
  id: number;
  name: string | null;
  phone: string | null;
  status: UserStatus;
  volunteer: boolean;
  communityId: number | null;
  /** Staff lists: the community's name, for the street-wide console's 社区 column. */
  communityName?: string;
  building: BuildingView | null;
  unit: string | null;
  room: string | null;
  createdAt: IsoDateTime;
  verifiedAt: IsoDateTime | null;
}

export interface ResidentQuery {
  status?: UserStatus;
  q?: string;
  communityId?: number;
  cursor?: string;
}

export interface SetVolunteerRequest {
  volunteer: boolean;
}

export interface AuditEntryView {
  id: number;
  communityId: number | null;
  actor: { id: number; name: string | null; role: Role } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  createdAt: IsoDateTime;
}

export interface HealthResponse {
  status: 'ok' | 'error';
  database: {
    status: 'up' | 'down';
    type: 'sqlite' | 'mysql';
    /** On a Galera cluster node: whether it accepts queries, and its state (only 'Synced' serves). */
    galera?: { ready: boolean; state: string };
  };
  /** Transactions of this process since it started: committed, retried after a lost attempt, given up (503). */
  transactions?: { committed: number; retried: number; exhausted: number };
}
