import type { TimebankAccount } from './timebank-account.entity.js';

/** A resident's account by its unique owner key ('user:<id>'): only the columns the balance shows (a hot read, raw SQL). */
export const ACCOUNT_BY_OWNER_SQL =
  'SELECT id, communityId, userId, kind, balance FROM timebank_accounts WHERE ownerKey = ?';

export type AccountRow = Pick<TimebankAccount, 'id' | 'communityId' | 'userId' | 'kind' | 'balance'>;
