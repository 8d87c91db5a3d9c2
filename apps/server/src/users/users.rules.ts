import type { Role, UpdateMeRequest, UserStatus, Refusal } from '@linli/shared-types';

/** The fields of a user these rules decide on (the entity stays in the service). */
interface Person {
  role: Role;
  status: UserStatus;
  name: string | null;
  buildingId: number | null;
  unit: string | null;
  room: string | null;
}

/** May this user change these profile fields? Verified households are changed by staff only. */
export function checkProfileUpdate(user: Pick<Person, 'role' | 'status'>, change: UpdateMeRequest): Refusal | null {
  const touchesHousehold = change.buildingId !== undefined || change.unit !== undefined || change.room !== undefined;
  if (touchesHousehold && user.role !== 'resident') return { code: 'NOT_A_RESIDENT' };
  if (touchesHousehold && user.status === 'verified') return { code: 'PROFILE_LOCKED' };
  return null;
}

/** Staff may verify a pending resident whose household is complete. */
export function checkVerification(
  resident: Pick<Person, 'role' | 'status' | 'buildingId' | 'unit' | 'room' | 'name'>,
): Refusal | null {
  if (resident.role !== 'resident') return { code: 'NOT_A_RESIDENT' };
  if (resident.status === 'verified') return { code: 'RESIDENT_ALREADY_VERIFIED' };
  if (resident.status !== 'pending') return { code: 'TARGET_DISABLED' };
  if (!resident.buildingId || !resident.unit || !resident.room || !resident.name)
    return { code: 'HOUSEHOLD_INCOMPLETE' };
  return null;
}

/** The volunteer flag is for verified residents only. */
export function checkVolunteerGrant(resident: Pick<Person, 'role' | 'status'>, volunteer: boolean): Refusal | null {
  if (resident.role !== 'resident') return { code: 'NOT_A_RESIDENT' };
  if (volunteer && resident.status !== 'verified') return { code: 'TARGET_NOT_VERIFIED' };
  return null;
}
