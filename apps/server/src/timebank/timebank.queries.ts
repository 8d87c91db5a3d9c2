import type { TimebankAccount } from './timebank-account.entity.js';

/**
 * A resident's account by its unique owner key ('user:<id>'): only the columns the balance shows, and the sum of
 * its open holds (idx_timebank_holds_payer covers it), in one statement (a hot read, raw SQL).
 */
export const ACCOUNT_BY_OWNER_SQL =
  'SELECT a.id, a.communityId, a.userId, a.kind, a.balance, ' +
  "(SELECT COALESCE(SUM(h.amount), 0) FROM timebank_holds h WHERE h.payerAccountId = a.id AND h.status = 'held') AS held " +
  'FROM timebank_accounts a WHERE a.ownerKey = ?';

export type AccountRow = Pick<TimebankAccount, 'id' | 'communityId' | 'userId' | 'kind' | 'balance'> & {
  /** Minutes in open holds; absent right after opening (none yet). MySQL may answer it as a string. */
  held?: number | string;
};
