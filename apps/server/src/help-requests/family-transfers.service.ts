import { Injectable } from '@nestjs/common';
import { hoursText, type PostingResponse } from '@linli/shared-types';
import { In, type EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { lockForUpdate } from '../database/transaction.js';
import { FamilyBinding } from '../family/family.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { notifyCreditsReceived } from '../timebank/credits-received.js';
import { IdempotencyService } from '../timebank/idempotency.service.js';
import { LedgerService } from '../timebank/ledger.service.js';
import type { LedgerTransaction } from '../timebank/ledger-transaction.entity.js';
import { TimebankAccount } from '../timebank/timebank-account.entity.js';
import { toCounterparty, toStatementItem } from '../timebank/timebank.mapper.js';
import { User } from '../users/user.entity.js';
import type { FamilyTransferDto } from './dto/family-transfer.dto.js';
import {
  checkFamilyTransfer,
  familyTransferLegs,
  familyTransferLockOrder,
  familyTransferMemos,
} from './family-transfers.rules.js';

/**
 * 亲情转赠: a resident gives credits to a family member bound to them, in any community of the street. Across
 * communities the minutes go through both pools (sender → pool A, pool B → recipient) in one database transaction,
 * so each community's balances still sum to zero; the debit is the ledger's conditional update, so it never
 * overdraws, and the Idempotency-Key makes a retry harmless. Not open to proxies: the route takes no X-Act-For, so a
 * family member acting for an elder can never move the elder's credits.
 */
@Injectable()
export class FamilyTransfersService {
  constructor(
    private readonly ledger: LedgerService,
    private readonly idempotency: IdempotencyService,
    private readonly notifications: NotificationsService,
  ) {}

  transfer(sender: User, idempotencyKey: string | undefined, body: FamilyTransferDto): Promise<PostingResponse> {
    const request = { toUserId: body.toUserId, minutes: body.minutes, memo: body.memo };
    return this.idempotency.once(
      { userId: sender.id, key: idempotencyKey, operation: 'timebank.family-transfer', body: request },
      async (manager) => {
        const recipient = await manager.findOneBy(User, { id: body.toUserId });
        const bound = recipient ? await this.isBound(manager, sender.id, recipient.id) : false;
        const refusal = checkFamilyTransfer(sender, recipient, bound);
        if (refusal) throw refuse(refusal.code);
        const to = recipient!;
        const fromAccount = await this.ledger.openAccount(manager, sender);
        const toAccount = await this.ledger.openAccount(manager, to);
        const legs = familyTransferLegs(fromAccount.communityId, toAccount.communityId);
        const cross = legs.length > 1;
        const pools = new Map<number, TimebankAccount>();
        for (const leg of legs) pools.set(leg.communityId, await this.ledger.poolOf(manager, leg.communityId));
        await this.lockAccounts(manager, [fromAccount.id, toAccount.id, ...[...pools.values()].map((p) => p.id)]);

        const names = await this.communityNames(manager, [fromAccount.communityId, toAccount.communityId]);
        const memos = familyTransferMemos(
          { name: sender.name, communityName: names.get(fromAccount.communityId) ?? null },
          { name: to.name, communityName: names.get(toAccount.communityId) ?? null },
          body.memo,
          cross,
        );
        // One reference joins the legs: the statement of either side leads to the other.
        const reference = `family-transfer:${sender.id}:${idempotencyKey}`.slice(0, 64);
        let outgoing: LedgerTransaction | undefined;
        for (const leg of legs) {
          const posted = await this.ledger.post(manager, {
            kind: 'family_transfer',
            communityId: leg.communityId,
            fromAccountId: leg.from === 'sender' ? fromAccount.id : pools.get(leg.communityId)!.id,
            toAccountId: leg.to === 'recipient' ? toAccount.id : pools.get(leg.communityId)!.id,
            amount: body.minutes,
            memo: leg.from === 'sender' ? memos.outgoing : memos.incoming,
            reference,
            idempotencyKey: leg.from === 'sender' ? (idempotencyKey ?? null) : null,
            actorId: sender.id,
          });
          if (leg.from === 'sender') outgoing = posted;
        }
        await notifyCreditsReceived(
          this.notifications,
          manager,
          to.id,
          toAccount.communityId,
          body.minutes,
          memos.incoming,
        );
        const after = await manager.findOneByOrFail(TimebankAccount, { id: fromAccount.id });
        return {
          transaction: toStatementItem(outgoing!, fromAccount.id, toCounterparty(toAccount, to), null),
          balance: after.balance,
          balanceHours: hoursText(after.balance),
        };
      },
    );
  }

  /** An active binding either way: the elder gives to the member, or the member to the elder. */
  private async isBound(manager: EntityManager, a: number, b: number): Promise<boolean> {
    return manager.exists(FamilyBinding, {
      where: [
        { elderId: a, memberId: b, status: 'active' },
        { elderId: b, memberId: a, status: 'active' },
      ],
    });
  }

  /** Rows locked in id order (MariaDB); SQLite runs one write transaction at a time and needs none. */
  private async lockAccounts(manager: EntityManager, ids: number[]): Promise<void> {
    await lockForUpdate(
      manager,
      manager
        .createQueryBuilder(TimebankAccount, 'a')
        .select('a.id')
        .where('a.id IN (:...ids)', { ids: familyTransferLockOrder(ids) })
        .orderBy('a.id', 'ASC'),
    ).getMany();
  }

  private async communityNames(manager: EntityManager, ids: number[]): Promise<Map<number, string>> {
    const rows = await manager.findBy(Community, { id: In([...new Set(ids)]) });
    return new Map(rows.map((c) => [c.id, c.name]));
  }
}
