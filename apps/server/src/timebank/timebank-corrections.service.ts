import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LedgerTransactionView } from '@linli/shared-types';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import { isDuplicateKey, lockForUpdate, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { User } from '../users/user.entity.js';
import { notifyCreditsReceived } from './credits-received.js';
import type { AdjustmentDto } from './dto/timebank.dto.js';
import { LedgerTransaction } from './ledger-transaction.entity.js';
import { LedgerService } from './ledger.service.js';
import { postReversal } from './reversal.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { transactionView } from './timebank-views.js';
import { adjustmentLegs, checkReversal } from './timebank.rules.js';

/** Staff correct the ledger: reverse a transaction once, or (admins) adjust a resident's balance with a reason. */
@Injectable()
export class TimebankCorrectionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly auditLog: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  /** Staff correct a transaction by writing its reversal; at most once, and never overdrawing a resident. */
  async reverse(actor: User, transactionId: number, reason: string): Promise<LedgerTransactionView> {
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        // Locking the original first makes concurrent reversals of it wait here and then see the first one.
        const original = await lockForUpdate(
          manager,
          manager.createQueryBuilder(LedgerTransaction, 't').where('t.id = :id', { id: transactionId }),
        ).getOne();
        if (!original) throw refuse('TRANSACTION_NOT_FOUND');
        assertInCommunity(actor, original);
        const alreadyReversed =
          (await lockForUpdate(
            manager,
            manager.createQueryBuilder(LedgerTransaction, 't').where('t.reversesId = :id', { id: original.id }),
          ).getCount()) > 0;
        const refusal = checkReversal(original, alreadyReversed);
        if (refusal) throw refuse(refusal.code);
        const reversal = await postReversal(this.ledger, manager, original, actor, reason);
        const payee = await manager.findOneByOrFail(TimebankAccount, { id: reversal.toAccountId });
        if (payee.userId !== null)
          await notifyCreditsReceived(
            this.notifications,
            manager,
            payee.userId,
            payee.communityId,
            reversal.amount,
            `交易 #${original.id} 已冲正，时间已退回：${reason.trim()}`,
          );
        await this.auditLog.record(manager, {
          actor,
          communityId: original.communityId,
          action: 'timebank.reverse',
          targetType: 'timebank_transaction',
          targetId: original.id,
          summary: `冲正交易 #${original.id}（${original.amount} 分钟）：${reason}`,
        });
        return transactionView(manager, reversal);
      });
    } catch (error) {
      // Two staff reversing at once: the unique reversesId lets one through.
      if (isDuplicateKey(error)) throw refuse('TRANSACTION_ALREADY_REVERSED');
      throw error;
    }
  }

  /** Admins add (or with negative minutes take back) credits with a reason. */
  async adjust(actor: User, body: AdjustmentDto): Promise<LedgerTransactionView> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await manager.findOneBy(User, { id: body.userId });
      assertInCommunity(actor, resident);
      if (resident.role !== 'resident') throw refuse('NOT_A_RESIDENT');
      if (resident.status !== 'verified') throw refuse('TARGET_NOT_VERIFIED');
      const account = await this.ledger.openAccount(manager, resident);
      const pool = await this.ledger.poolOf(manager, account.communityId);
      const transaction = await this.ledger.post(manager, {
        kind: 'adjustment',
        communityId: account.communityId,
        ...adjustmentLegs(body.minutes, account.id, pool.id),
        memo: `调整：${body.reason.trim()}`,
        actorId: actor.id,
      });
      if (body.minutes > 0)
        await notifyCreditsReceived(
          this.notifications,
          manager,
          resident.id,
          account.communityId,
          body.minutes,
          `社区为您调整时间余额：${body.reason.trim()}`,
        );
      await this.auditLog.record(manager, {
        actor,
        communityId: account.communityId,
        action: 'timebank.adjust',
        targetType: 'user',
        targetId: resident.id,
        summary: `调整 ${resident.name ?? resident.id} 的时间余额 ${body.minutes > 0 ? '+' : ''}${body.minutes} 分钟：${body.reason}`,
      });
      return transactionView(manager, transaction);
    });
  }
}
