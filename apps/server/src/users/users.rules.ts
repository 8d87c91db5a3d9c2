import type { UpdateMeRequest } from '@linli/shared-types';
import type { ErrorCode } from '@linli/shared-types';
import type { User } from './user.entity.js';

type Refusal = { code: ErrorCode };

/** May this user change these profile fields? Verified households are changed by staff only. */
export function checkProfileUpdate(user: Pick<User, 'role' | 'status'>, change: UpdateMeRequest): Refusal | null {
  const touchesHousehold = change.buildingId !== undefined || change.unit !== undefined || change.room !== undefined;
  if (touchesHousehold && user.role !== 'resident') return { code: 'NOT_A_RESIDENT' };
  if (touchesHousehold && user.status === 'verified') return { code: 'PROFILE_LOCKED' };
  return null;
}

/** Staff may verify a pending resident whose household is complete. */
export function checkVerification(
  resident: Pick<User, 'role' | 'status' | 'buildingId' | 'unit' | 'room' | 'name'>,
): Refusal | null {
  if (resident.role !== 'resident') return { code: 'NOT_A_RESIDENT' };
  if (resident.status === 'verified') return { code: 'RESIDENT_ALREADY_VERIFIED' };
  if (resident.status !== 'pending') return { code: 'ACCOUNT_DISABLED' };
  if (!resident.buildingId || !resident.unit || !resident.room || !resident.name)
    return { code: 'HOUSEHOLD_INCOMPLETE' };
  return null;
}

/** The volunteer flag is for verified residents only. */
export function checkVolunteerGrant(resident: Pick<User, 'role' | 'status'>, volunteer: boolean): Refusal | null {
  if (resident.role !== 'resident') return { code: 'NOT_A_RESIDENT' };
  if (volunteer && resident.status !== 'verified') return { code: 'RESIDENT_NOT_VERIFIED' };
  return null;
}
