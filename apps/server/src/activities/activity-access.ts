import { refuse } from '../common/app-exception.js';
import { lockForUpdate } from '../database/transaction.js';
import type { EntityManager } from 'typeorm';
import type { User } from '../users/user.entity.js';
import { Activity } from './activity.entity.js';
import { checkActivityVisible, isStaffRole } from './activities.rules.js';

export const isStaff = (user: User) => isStaffRole(user.role);

/** Pending residents read notices and nothing else: the community's activities are for verified residents. */
export function assertNotPending(user: User): void {
  if (!isStaff(user) && user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

/** The activity as `user` may see it (checkActivityVisible), or the refusal. */
export function assertVisible(user: User, activity: Activity | null): Activity {
  const code = checkActivityVisible(user, activity);
  if (code === 'RESIDENT_NOT_VERIFIED') throw refuse(code);
  if (code) throw refuse(code);
  return activity!;
}

/** Loads an activity for `user` (locked when asked, MySQL), refused as missing when they may not see it. */
export async function loadVisible(manager: EntityManager, user: User, id: number, lock = false): Promise<Activity> {
  const qb = manager.createQueryBuilder(Activity, 'a').where('a.id = :id', { id });
  return assertVisible(user, await (lock ? lockForUpdate(manager, qb) : qb).getOne());
}
