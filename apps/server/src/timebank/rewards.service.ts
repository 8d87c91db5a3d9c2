import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { hoursText, type Page, type RedeemResponse, type RedemptionView, type RewardView } from '@linli/shared-types';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { newestFirst, pageByDescendingId } from '../common/pagination.js';
import { assertInCommunity, communityOfNewRecord, communityScope } from '../common/tenancy-scope.js';
import { User } from '../users/user.entity.js';
import { usersById } from '../users/users-by-id.js';
import type { CreateRewardDto, RedemptionQueryDto, RewardQueryDto, UpdateRewardDto } from './dto/rewards.dto.js';
import { notifyCreditsReceived } from './credits-received.js';
import { IdempotencyService } from './idempotency.service.js';
import { LedgerTransaction } from './ledger-transaction.entity.js';
import { runTransaction } from '../database/transaction.js';
import { LedgerService } from './ledger.service.js';
import { postReversal } from './reversal.js';
import { Reward, RewardRedemption } from './reward.entity.js';
import { TimebankAccount } from './timebank-account.entity.js';
import { assertVerifiedResident } from './timebank.service.js';
import { toRedemptionView, toRewardView } from './timebank.mapper.js';
import { checkReversal } from './timebank.rules.js';

@Injectable()
export class RewardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
    private readonly idempotency: IdempotencyService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** Residents see their community's active rewards; staff see the whole catalogue of their scope. */
  async list(viewer: User, query: RewardQueryDto): Promise<Page<RewardView>> {
    const staff = viewer.role !== 'resident';
    if (!staff) assertVerifiedResident(viewer);
    const limit = query.limit ?? 50;
    const scope = communityScope(viewer, query.communityId);
    const qb = newestFirst(this.dataSource.getRepository(Reward), 'r', { limit, cursor: query.cursor, scope });
    if (!staff) qb.andWhere('r.active = :active', { active: true });
    return pageByDescendingId(await qb.getMany(), limit, toRewardView);
  }

  async create(actor: User, body: CreateRewardDto): Promise<RewardView> {
    const communityId = communityOfNewRecord(actor, body.communityId);
    if (!communityId) throw refuse('VALIDATION_FAILED', '请选择兑换项目所属的社区', ['communityId']);
    return runTransaction(this.dataSource, async (manager) => {
      const id = (
        await manager.insert(Reward, {
          communityId,
          name: body.name.trim(),
          description: body.description.trim(),
          priceMinutes: body.priceMinutes,
          stock: body.stock,
          active: true,
          createdById: actor.id,
        })
      ).identifiers[0].id as number;
      await this.audit.record(manager, {
        actor,
        communityId,
        action: 'timebank.reward.create',
        targetType: 'timebank_reward',
        targetId: id,
        summary: `新增兑换项目：${body.name}（${body.priceMinutes} 分钟，库存 ${body.stock}）`,
      });
      return toRewardView(await manager.findOneByOrFail(Reward, { id }));
    });
  }

  /** Staff edit a reward; a redemption already made keeps the price it paid. */
  update(actor: User, rewardId: number, change: UpdateRewardDto): Promise<RewardView> {
    return runTransaction(this.dataSource, async (manager) => {
      const reward = await manager.findOneBy(Reward, { id: rewardId });
      if (!reward) throw refuse('REWARD_NOT_FOUND');
      assertInCommunity(actor, reward);
      const fields: Partial<Reward> = {};
      if (change.name !== undefined) fields.name = change.name.trim();
      if (change.description !== undefined) fields.description = change.description.trim();
      if (change.priceMinutes !== undefined) fields.priceMinutes = change.priceMinutes;
      if (change.stock !== undefined) fields.stock = change.stock;
      if (change.active !== undefined) fields.active = change.active;
      if (Object.keys(fields).length) await manager.update(Reward, { id: reward.id }, fields);
      const changed = Object.entries(fields)
        .map(([k, v]) => `${k}=${v}`)
        .join('，');
      await this.audit.record(manager, {
        actor,
        communityId: reward.communityId,
        action: 'timebank.reward.update',
        targetType: 'timebank_reward',
        targetId: reward.id,
        summary: `修改兑换项目 ${reward.name}：${changed || '无变化'}`,
      });
      return toRewardView(await manager.findOneByOrFail(Reward, { id: reward.id }));
    });
  }

  /** Debits the resident into the pool and takes one from stock, both or neither; once per Idempotency-Key. */
  redeem(resident: User, rewardId: number, idempotencyKey: string | undefined): Promise<RedeemResponse> {
    assertVerifiedResident(resident);
    return this.idempotency.once(
      { userId: resident.id, key: idempotencyKey, operation: `rewards.redeem:${rewardId}`, body: {} },
      async (manager) => {
        const reward = await manager.findOneBy(Reward, { id: rewardId });
        if (!reward || reward.communityId !== resident.communityId || !reward.active) throw refuse('REWARD_NOT_FOUND');
        // Stock before accounts: every writer takes the reward row first, then the accounts in id order.
        const taken = await manager
          .createQueryBuilder()
          .update(Reward)
          .set({ stock: () => 'stock - 1' })
          .where('id = :id AND stock > 0 AND active = :active', { id: reward.id, active: true })
          .execute();
        if (!taken.affected) throw refuse('REWARD_OUT_OF_STOCK');
        const account = await this.ledger.openAccount(manager, resident);
        const pool = await this.ledger.poolOf(manager, account.communityId);
        const transaction = await this.ledger.post(manager, {
          kind: 'redemption',
          communityId: account.communityId,
          fromAccountId: account.id,
          toAccountId: pool.id,
          amount: reward.priceMinutes,
          memo: `兑换：${reward.name}`,
          reference: `reward:${reward.id}`,
          idempotencyKey: idempotencyKey ?? null,
          actorId: resident.id,
        });
        const id = (
          await manager.insert(RewardRedemption, {
            communityId: account.communityId,
            rewardId: reward.id,
            userId: resident.id,
            priceMinutes: reward.priceMinutes,
            status: 'pending',
            transactionId: transaction.id,
            reversalId: null,
            handledById: null,
            handledAt: null,
          })
        ).identifiers[0].id as number;
        const redemption = await manager.findOneByOrFail(RewardRedemption, { id });
        const after = await manager.findOneByOrFail(TimebankAccount, { id: account.id });
        return {
          redemption: toRedemptionView(redemption, reward, resident),
          balance: after.balance,
          balanceHours: hoursText(after.balance),
        };
      },
    );
  }

  async mine(resident: User, query: { cursor?: string; limit?: number }): Promise<Page<RedemptionView>> {
    assertVerifiedResident(resident);
    const limit = query.limit ?? 20;
    const repository = this.dataSource.getRepository(RewardRedemption);
    const qb = newestFirst(repository, 'r', { limit, cursor: query.cursor, scope: null });
    qb.andWhere('r.userId = :userId', { userId: resident.id });
    return this.page(this.dataSource.manager, await qb.getMany(), limit);
  }

  async redemptions(viewer: User, query: RedemptionQueryDto): Promise<Page<RedemptionView>> {
    const limit = query.limit ?? 50;
    const scope = communityScope(viewer, query.communityId);
    const repository = this.dataSource.getRepository(RewardRedemption);
    const qb = newestFirst(repository, 'r', { limit, cursor: query.cursor, scope });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    return this.page(this.dataSource.manager, await qb.getMany(), limit);
  }

  handOver(actor: User, redemptionId: number): Promise<RedemptionView> {
    return runTransaction(this.dataSource, async (manager) => {
      const redemption = await this.close(manager, actor, redemptionId, 'handed_over');
      const reward = await manager.findOneBy(Reward, { id: redemption.rewardId });
      await this.audit.record(manager, {
        actor,
        communityId: redemption.communityId,
        action: 'timebank.redemption.hand_over',
        targetType: 'timebank_redemption',
        targetId: redemption.id,
        summary: `发放兑换：${reward?.name ?? redemption.rewardId}（兑换 #${redemption.id}）`,
      });
      return this.view(manager, redemption.id);
    });
  }

  /** Cancelling returns the minutes (a reversal) and the item to stock, in one transaction. */
  cancel(actor: User, redemptionId: number, reason: string | undefined): Promise<RedemptionView> {
    return runTransaction(this.dataSource, async (manager) => {
      const redemption = await this.close(manager, actor, redemptionId, 'cancelled');
      await manager
        .createQueryBuilder()
        .update(Reward)
        .set({ stock: () => 'stock + 1' })
        .where('id = :id', { id: redemption.rewardId })
        .execute();
      const original = await manager.findOneByOrFail(LedgerTransaction, { id: redemption.transactionId });
      const refusal = checkReversal(
        original,
        await manager.existsBy(LedgerTransaction, { reversesId: original.id }),
        'redemption-cancel',
      );
      if (refusal) throw refuse(refusal.code);
      const why = reason?.trim() || '取消兑换';
      const reversal = await postReversal(this.ledger, manager, original, actor, why);
      await manager.update(RewardRedemption, { id: redemption.id }, { reversalId: reversal.id });
      const reward = await manager.findOneBy(Reward, { id: redemption.rewardId });
      await this.audit.record(manager, {
        actor,
        communityId: redemption.communityId,
        action: 'timebank.redemption.cancel',
        targetType: 'timebank_redemption',
        targetId: redemption.id,
        summary: `取消兑换：${reward?.name ?? redemption.rewardId}（兑换 #${redemption.id}，退回 ${redemption.priceMinutes} 分钟）：${why}`,
      });
      await notifyCreditsReceived(
        this.notifications,
        manager,
        redemption.userId,
        redemption.communityId,
        redemption.priceMinutes,
        `兑换“${reward?.name ?? ''}”已取消，时间已退回：${why}`,
      );
      return this.view(manager, redemption.id);
    });
  }

  /** Staff close a pending redemption once, handed over or cancelled: the conditional update decides. */
  private async close(
    manager: EntityManager,
    actor: User,
    redemptionId: number,
    status: 'handed_over' | 'cancelled',
  ): Promise<RewardRedemption> {
    const redemption = await this.load(manager, actor, redemptionId);
    const closed = await manager.update(
      RewardRedemption,
      { id: redemption.id, status: 'pending' },
      { status, handledById: actor.id, handledAt: this.clock.now() },
    );
    if (!closed.affected) throw refuse('REDEMPTION_NOT_PENDING');
    return redemption;
  }

  private async load(manager: EntityManager, actor: User, redemptionId: number): Promise<RewardRedemption> {
    const redemption = await manager.findOneBy(RewardRedemption, { id: redemptionId });
    if (!redemption) throw refuse('REDEMPTION_NOT_FOUND');
    assertInCommunity(actor, redemption);
    return redemption;
  }

  private async view(manager: EntityManager, id: number): Promise<RedemptionView> {
    const page = await this.page(manager, [await manager.findOneByOrFail(RewardRedemption, { id })], 1);
    return page.items[0];
  }

  private async page(manager: EntityManager, rows: RewardRedemption[], limit: number): Promise<Page<RedemptionView>> {
    const rewardIds = [...new Set(rows.map((r) => r.rewardId))];
    const userIds = [...new Set(rows.map((r) => r.userId))];
    const rewards = new Map(
      (rewardIds.length ? await manager.findBy(Reward, { id: In(rewardIds) }) : []).map((r) => [r.id, r]),
    );
    const users = await usersById(manager, userIds);
    return pageByDescendingId(rows, limit, (r) => toRedemptionView(r, rewards.get(r.rewardId), users.get(r.userId)));
  }
}
