import type { EntityManager } from 'typeorm';
import type { User } from '../users/user.entity.js';
import type { LedgerTransaction } from './ledger-transaction.entity.js';
import type { LedgerService } from './ledger.service.js';
import { reversalLegs } from './timebank.rules.js';

/** The one way to write a reversal: staff correcting a transaction, or a redemption cancelled. */
export function postReversal(
  ledger: LedgerService,
  manager: EntityManager,
  original: LedgerTransaction,
  actor: Pick<User, 'id'>,
  reason: string,
): Promise<LedgerTransaction> {
  return ledger.post(manager, {
    kind: 'reversal',
    communityId: original.communityId,
    ...reversalLegs(original),
    memo: `冲正 #${original.id}：${reason.trim()}`,
    reference: original.reference,
    actorId: actor.id,
    reversesId: original.id,
  });
}
