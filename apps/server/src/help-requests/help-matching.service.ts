import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { HelpRequestView } from '@linli/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { codeStep } from '../activities/activities.rules.js';
import { resolvePersonalCode } from '../activities/activity-codes.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { LedgerService } from '../timebank/ledger.service.js';
import type { User } from '../users/user.entity.js';
import { assertVerifiedResident, helpRequestView } from './help-request-access.js';
import { moveHelpRequest, runHelpStep, tellAboutHelp } from './help-request-steps.js';
import { HelpOffer, HelpRequest } from './help-request.entity.js';
import { isInArrivalWindow } from './help-requests.rules.js';

/** Up to the meeting: neighbours offer, the poster chooses a helper (or cancels), the helper arrives by the poster's code. */
@Injectable()
export class HelpMatchingService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'secret'>,
  ) {}

  /** A neighbour offers to help; once (the offer's primary key decides). */
  offer(user: User, id: number): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return runHelpStep(this.dataSource, user, id, 'offer', async (manager, request) => {
      try {
        await manager.insert(HelpOffer, {
          helpRequestId: request.id,
          userId: user.id,
          communityId: request.communityId,
        });
      } catch (error) {
        if (isDuplicateKey(error)) throw refuse('HELP_ALREADY_OFFERED');
        throw error;
      }
      await this.tell(
        manager,
        request,
        [request.posterId],
        `${user.name ?? '邻居'}愿意帮忙`,
        `「${request.title}」有新的响应，请选择帮手`,
      );
    });
  }

  /** The poster picks one of those who offered; the others are told. */
  choose(user: User, id: number, helperId: number): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return runHelpStep(this.dataSource, user, id, 'choose', async (manager, request) => {
      const offers = await manager.findBy(HelpOffer, { helpRequestId: request.id });
      if (!offers.some((o) => o.userId === helperId)) throw refuse('HELP_HELPER_NOT_OFFERED');
      await moveHelpRequest(manager, request, 'choose', { helperId });
      await this.tell(
        manager,
        request,
        [helperId],
        '您被选为帮手',
        `「${request.title}」选择了您，请按时到达并扫对方的个人码`,
      );
      const others = offers.map((o) => o.userId).filter((u) => u !== helperId);
      if (others.length)
        await this.tell(manager, request, others, '已选定其他帮手', `「${request.title}」已选定其他邻居，谢谢您的热心`);
    });
  }

  /**
   * POST scan with a personal code: the caller is the chosen helper of a matched request of the code's owner,
   * inside its time window; the request starts. A code of someone the caller has nothing agreed with is refused.
   */
  async arriveByCode(user: User, code: string): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    const now = this.clock.now();
    return runTransaction(this.dataSource, async (manager) => {
      const matched = await manager.find(HelpRequest, {
        where: { helperId: user.id, status: 'matched', communityId: user.communityId! },
        order: { startAt: 'ASC' },
      });
      const step = codeStep(now);
      const posterIds = [...new Set(matched.map((r) => r.posterId))];
      const owner = resolvePersonalCode(this.config.secret, code, [step, step - 1], posterIds);
      if (owner === null) {
        // A well-formed QR that fails its MAC or is stale, or 6 digits matching none of my posters.
        if (!posterIds.length) throw refuse('HELP_NO_MATCH_FOR_CODE');
        throw refuse('HELP_CODE_INVALID');
      }
      const theirs = matched.filter((r) => r.posterId === owner);
      if (!theirs.length) throw refuse('HELP_NO_MATCH_FOR_CODE');
      const request = theirs.find((r) => isInArrivalWindow(r.startAt, r.minutes, now));
      if (!request) throw refuse('HELP_ARRIVAL_WINDOW');
      await moveHelpRequest(manager, request, 'arrive', { arrivedAt: now });
      await this.tell(
        manager,
        request,
        [request.posterId],
        '帮手已到达',
        `${user.name ?? '帮手'}已到达，开始「${request.title}」`,
      );
      return helpRequestView(manager, await manager.findOneByOrFail(HelpRequest, { id: request.id }), user);
    });
  }

  /** Before the meeting the poster may cancel: the hold goes back to whoever paid it. */
  cancel(user: User, id: number): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return runHelpStep(this.dataSource, user, id, 'cancel', async (manager, request) => {
      const now = this.clock.now();
      await moveHelpRequest(manager, request, 'cancel', { cancelledAt: now });
      await this.ledger.closeHold(
        manager,
        request.holdId!,
        { releaseMemo: `取消互助「${request.title}」，解冻`, actorId: user.id },
        now,
      );
      const offers = await manager.findBy(HelpOffer, { helpRequestId: request.id });
      const told = [...new Set([...offers.map((o) => o.userId), ...(request.helperId ? [request.helperId] : [])])];
      if (told.length) await this.tell(manager, request, told, '互助需求已取消', `「${request.title}」已被发布人取消`);
    });
  }

  private tell(manager: EntityManager, request: HelpRequest, userIds: number[], title: string, body: string) {
    return tellAboutHelp(this.notifications, manager, request, userIds, title, body);
  }
}
