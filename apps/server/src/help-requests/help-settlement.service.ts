import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { minutesToHours, type HelpRequestView } from '@linli/shared-types';
import { DataSource, LessThanOrEqual, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { AppException, refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { LedgerService } from '../timebank/ledger.service.js';
import type { User } from '../users/user.entity.js';
import { assertVerifiedResident } from './help-request-access.js';
import { moveHelpRequest, runHelpStep, tellAboutHelp } from './help-request-steps.js';
import { HelpRequest } from './help-request.entity.js';
import { autoConfirmCutoff, checkSettlement, helpTransitions } from './help-requests.rules.js';

/** After the help: the helper marks it done, the poster confirms or disputes, staff settle, 72 h confirm the rest. */
@Injectable()
export class HelpSettlementService {
  private readonly logger = new Logger(HelpSettlementService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The helper marks it done; the poster confirms or disputes, or 72 h later it is confirmed. */
  done(user: User, id: number): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return runHelpStep(this.dataSource, user, id, 'done', async (manager, request) => {
      await moveHelpRequest(manager, request, 'done', { doneAt: this.clock.now() });
      await this.tell(
        manager,
        request,
        [request.posterId],
        '帮手已完成服务',
        `请确认「${request.title}」并致谢；72 小时未确认将自动确认`,
      );
    });
  }

  /** The poster confirms with thanks: the hold pays the helper in this transaction (once, however often it is sent). */
  confirm(user: User, id: number, thanks: string | undefined, stars: number | undefined): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return runHelpStep(this.dataSource, user, id, 'confirm', async (manager, request) => {
      const now = this.clock.now();
      await moveHelpRequest(manager, request, 'confirm', {
        confirmedAt: now,
        thanks: thanks?.trim() || null,
        stars: stars ?? null,
      });
      await this.payHelper(manager, request, request.rewardMinutes, `邻里互助「${request.title}」`, user.id, now);
      await this.tell(
        manager,
        request,
        [request.helperId!],
        `收到 ${minutesToHours(request.rewardMinutes)}`,
        thanks?.trim() ? `「${request.title}」已确认：${thanks.trim()}` : `「${request.title}」已确认，谢谢您的帮助`,
      );
    });
  }

  /** The poster disputes what was done; staff settle it. */
  dispute(user: User, id: number, reason: string): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return runHelpStep(this.dataSource, user, id, 'dispute', async (manager, request) => {
      await moveHelpRequest(manager, request, 'dispute', { disputeReason: reason.trim() });
      await this.tell(
        manager,
        request,
        [request.helperId!],
        '对方对服务有异议',
        `「${request.title}」：${reason.trim()}。社区将协调处理`,
      );
    });
  }

  /** Staff settle a dispute: up to the hold to the helper, with a reason; the rest released. Audited. */
  settle(actor: User, id: number, minutes: number, reason: string): Promise<HelpRequestView> {
    return runHelpStep(this.dataSource, actor, id, 'settle', async (manager, request) => {
      const refusal = checkSettlement(minutes, request.rewardMinutes);
      if (refusal) throw refuse(refusal);
      const now = this.clock.now();
      await moveHelpRequest(manager, request, 'settle', {
        settledMinutes: minutes,
        settleReason: reason.trim(),
        settledById: actor.id,
      });
      await this.payHelper(manager, request, minutes, `互助裁定「${request.title}」：${reason.trim()}`, actor.id, now);
      await this.tell(
        manager,
        request,
        [request.posterId, request.helperId!],
        '互助异议已处理',
        `「${request.title}」社区裁定支付帮手 ${minutesToHours(minutes)}：${reason.trim()}`,
      );
      await this.audit.record(manager, {
        actor,
        communityId: request.communityId,
        action: 'help.settle',
        targetType: 'help_request',
        targetId: request.id,
        summary: `裁定互助 #${request.id}「${request.title}」：支付 ${minutes} 分钟（冻结 ${request.rewardMinutes}）：${reason.trim()}`,
      });
    });
  }

  /**
   * The 72-hour rule. Every process may run it: each request is claimed by a conditional UPDATE
   * (status 'done' and doneAt before the cutoff), so it is confirmed and paid once across processes.
   */
  async autoConfirmDue(batch = 100): Promise<number> {
    const now = this.clock.now();
    const cutoff = autoConfirmCutoff(now);
    const due = await this.dataSource.getRepository(HelpRequest).find({
      select: { id: true },
      where: { status: 'done', doneAt: LessThanOrEqual(cutoff) },
      order: { doneAt: 'ASC' },
      take: batch,
    });
    let confirmed = 0;
    for (const { id } of due) {
      try {
        const paid = await runTransaction(this.dataSource, async (manager) => {
          const request = await manager.findOneBy(HelpRequest, { id });
          if (!request || request.status !== 'done') return false;
          const claimed = await manager
            .createQueryBuilder()
            .update(HelpRequest)
            .set({ status: helpTransitions.auto_confirm.to, confirmedAt: now, autoConfirmed: true })
            .where("id = :id AND status = 'done' AND doneAt <= :cutoff", { id, cutoff })
            .execute();
          if (!claimed.affected) return false;
          await this.payHelper(
            manager,
            request,
            request.rewardMinutes,
            `邻里互助「${request.title}」（72 小时自动确认）`,
            null,
            now,
          );
          await this.tell(
            manager,
            request,
            [request.posterId, request.helperId!],
            '互助已自动确认',
            `「${request.title}」完成 72 小时未确认，已自动支付帮手 ${minutesToHours(request.rewardMinutes)}`,
          );
          return true;
        });
        if (paid) confirmed++;
      } catch (error) {
        // Another process got there first (the hold was closed): nothing to do.
        if (error instanceof AppException && error.code === 'HOLD_ALREADY_CLOSED') continue;
        this.logger.error(`auto-confirm of help request ${id} failed: ${(error as Error).message}`);
      }
    }
    return confirmed;
  }

  private tell(manager: EntityManager, request: HelpRequest, userIds: number[], title: string, body: string) {
    return tellAboutHelp(this.notifications, manager, request, userIds, title, body);
  }

  /** Pays `minutes` of the hold to the helper (the rest back to the payer), closing the hold once. */
  private async payHelper(
    manager: EntityManager,
    request: HelpRequest,
    minutes: number,
    memo: string,
    actorId: number | null,
    now: Date,
  ): Promise<void> {
    const helper = await this.ledger.openAccount(manager, { id: request.helperId!, communityId: request.communityId });
    await this.ledger.closeHold(
      manager,
      request.holdId!,
      {
        pay: minutes > 0 ? { toAccountId: helper.id, amount: minutes, kind: 'service_exchange', memo } : undefined,
        releaseMemo: `互助「${request.title}」未支付部分解冻`,
        actorId,
      },
      now,
    );
  }
}
