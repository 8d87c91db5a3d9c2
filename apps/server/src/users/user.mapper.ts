import {
  maskPhone,
  type BuildingView,
  type CommunityView,
  type ResidentListItem,
  type UserView,
} from '@linli/shared-types';
import type { Building } from '../tenancy/building.entity.js';
import type { Community } from '../tenancy/community.entity.js';
import type { User } from './user.entity.js';

export const toCommunityView = (c: Community): CommunityView => ({ id: c.id, code: c.code, name: c.name });
export const toBuildingView = (b: Building): BuildingView => ({ id: b.id, communityId: b.communityId, name: b.name });

/** The user as they see themselves: their own phone unmasked. */
export function toUserView(user: User, community: Community | null, building: Building | null): UserView {
  return {
    id: user.id,
    role: user.role,
    status: user.status,
    volunteer: user.volunteer,
    name: user.name,
    phone: user.phone,
    username: user.username,
    community: community ? toCommunityView(community) : null,
    building: building ? toBuildingView(building) : null,
    unit: user.unit,
    room: user.room,
    verifiedAt: user.verifiedAt?.toISOString() ?? null,
    createdAt: user.createdAt.toISOString(),
  };
}

/** A resident in a staff list: phone masked. */
export function toResidentListItem(user: User, building: Building | null): ResidentListItem {
  return {
    id: user.id,
    name: user.name,
    phone: maskPhone(user.phone),
    status: user.status,
    volunteer: user.volunteer,
    communityId: user.communityId,
    building: building ? toBuildingView(building) : null,
    unit: user.unit,
    room: user.room,
    createdAt: user.createdAt.toISOString(),
    verifiedAt: user.verifiedAt?.toISOString() ?? null,
  };
}
