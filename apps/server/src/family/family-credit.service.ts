import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  DEFAULT_FAMILY_RELATION,
  hoursText,
  type FamilyCreditAskView,
  type MyFamilyCreditAsks,
} from '@linli/shared-types';
import { DataSource, In, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { isDuplicateKey, lockForUpdate, runTransaction } from '../database/transaction.js';
import { FamilyTransfersService } from '../help-requests/family-transfers.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import type { FamilyCreditAskDto } from './dto/family.dto.js';
import { FamilyBinding, FamilyCreditAsk } from './family.entity.js';
import { toFamilyPersonView } from './family.mapper.js';
import {
  checkCreditAsk,
  checkCreditAskDecision,
  creditAskWords,
  FAMILY_CREDIT_ASK_TTL_HOURS,
  type CreditAskDecision,
} from './family-credit.rules.js';

const LIST_LIMIT = 50;

/**
 * 代办转出: the one way credits leave an elder's account for a family member. The member asks in their own session;
 * the elder confirms in theirs (these routes take no X-Act-For, so a proxy can neither ask as the elder nor confirm
 * for her); the confirmation and the family transfer (help-requests/family-transfers.service.ts, which checks the
 * binding and the balance again) commit in one transaction, or neither does.
 */
@Injectable()
export class FamilyCreditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
    private readonly transfers: FamilyTransfersService,
  ) {}

  async ask(member: User, bindingId: number, body: FamilyCreditAskDto): Promise<FamilyCreditAskView> {
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const now = this.clock.now();
        const binding = await manager.findOneBy(FamilyBinding, { id: bindingId });
        const elder = binding ? await manager.findOneBy(User, { id: binding.elderId }) : null;
        const open = binding ? await manager.countBy(FamilyCreditAsk, { openBindingId: binding.id }) : 0;
        const refusal = checkCreditAsk(member, binding, elder, open);
        if (refusal) throw refuse(refusal.code);
        const words = creditAskWords(binding!.relation, member.name, body.minutes, body.reason);
        const inserted = await manager.insert(FamilyCreditAsk, {
          bindingId: binding!.id,
          openBindingId: binding!.id,
          elderId: elder!.id,
          memberId: member.id,
          minutes: body.minutes,
          reason: body.reason.trim(),
          status: 'pending',
          expiresAt: new Date(now.getTime() + FAMILY_CREDIT_ASK_TTL_HOURS * 3_600_000),
          decidedAt: null,
          transactionId: null,
        });
        const id = Number(inserted.identifiers[0].id);
        await this.audit.record(manager, {
          actor: member,
          onBehalfOf: elder,
          communityId: elder!.communityId,
          action: 'family.credit.ask',
          targetType: 'family_credit_ask',
          targetId: id,
          summary: `${words.inboxTitle}：${body.reason.trim()}`,
        });
        await this.notifications.notify(manager, [elder!.id], {
          communityId: elder!.communityId,
          kind: 'family_credit',
          title: words.inboxTitle,
          body: words.inboxBody,
          link: '/packages/family/pages/index/index',
        });
        return this.view(manager, await manager.findOneByOrFail(FamilyCreditAsk, { id }));
      });
    } catch (error) {
      // Two asks of one binding at once: the open-ask key lets one in.
      if (isDuplicateKey(error)) throw refuse('FAMILY_CREDIT_ASK_OPEN');
      throw error;
    }
  }

  async mine(viewer: User): Promise<MyFamilyCreditAsks> {
    const manager = this.dataSource.manager;
    const find = (where: { elderId: number } | { memberId: number }) =>
      manager.find(FamilyCreditAsk, { where, order: { id: 'DESC' }, take: LIST_LIMIT });
    const [toMe, mine] = await Promise.all([find({ elderId: viewer.id }), find({ memberId: viewer.id })]);
    const views = await this.views(manager, [...toMe, ...mine]);
    return { toMe: views.slice(0, toMe.length), mine: views.slice(toMe.length) };
  }

  /** The elder says yes: the ask closes and the credits move in the same transaction. */
  confirm(elder: User, id: number): Promise<FamilyCreditAskView> {
    return this.decide(elder, id, 'confirm', async (manager, ask) => {
      const binding = await manager.findOneByOrFail(FamilyBinding, { id: ask.bindingId });
      const member = await manager.findOneByOrFail(User, { id: ask.memberId });
      const words = creditAskWords(binding.relation, member.name, ask.minutes, ask.reason);
      const posted = await this.transfers.transfer(elder, `family-credit-ask:${ask.id}`, {
        toUserId: ask.memberId,
        minutes: ask.minutes,
        memo: words.memo,
      });
      await manager.update(FamilyCreditAsk, { id: ask.id }, { transactionId: posted.transaction.id });
      await this.audit.record(manager, {
        actor: elder,
        communityId: elder.communityId,
        action: 'family.credit.confirm',
        targetType: 'family_credit_ask',
        targetId: ask.id,
        summary: `本人确认：转出 ${hoursText(ask.minutes)} 小时给${binding.relation} ${member.name ?? ''}`.trimEnd(),
      });
    });
  }

  decline(elder: User, id: number): Promise<FamilyCreditAskView> {
    return this.decide(elder, id, 'decline', async (manager, ask) => {
      const member = await manager.findOneByOrFail(User, { id: ask.memberId });
      await this.notifications.notify(manager, [member.id], {
        communityId: member.communityId,
        kind: 'family_credit',
        title: '代办转出未获同意',
        body: `您请求转出的 ${hoursText(ask.minutes)} 小时，对方未同意。`,
        link: '/packages/family/pages/index/index',
      });
    });
  }

  cancel(member: User, id: number): Promise<FamilyCreditAskView> {
    return this.decide(member, id, 'cancel', async () => undefined);
  }

  /** One decision: the ask read locked, the rule, then a conditional update from pending, so it is decided once. */
  private decide(
    viewer: User,
    id: number,
    decision: CreditAskDecision,
    effect: (manager: EntityManager, ask: FamilyCreditAsk) => Promise<void>,
  ): Promise<FamilyCreditAskView> {
    return runTransaction(this.dataSource, async (manager) => {
      const now = this.clock.now();
      const ask = await lockForUpdate(
        manager,
        manager.createQueryBuilder(FamilyCreditAsk, 'a').where('a.id = :id', { id }),
      ).getOne();
      const bound = ask
        ? await manager.existsBy(FamilyBinding, { id: ask.bindingId, status: 'active', memberId: ask.memberId })
        : false;
      const refusal = checkCreditAskDecision(ask, viewer.id, decision, now, bound);
      if (refusal) throw refuse(refusal.code);
      const status = { confirm: 'confirmed', decline: 'declined', cancel: 'cancelled' } as const;
      const closed = await manager.update(
        FamilyCreditAsk,
        { id, status: 'pending' },
        { status: status[decision], openBindingId: null, decidedAt: now },
      );
      if (!closed.affected) throw refuse('FAMILY_CREDIT_ASK_CLOSED');
      await effect(manager, ask!);
      return this.view(manager, await manager.findOneByOrFail(FamilyCreditAsk, { id }));
    });
  }

  private async view(manager: EntityManager, ask: FamilyCreditAsk): Promise<FamilyCreditAskView> {
    return (await this.views(manager, [ask]))[0];
  }

  private async views(manager: EntityManager, asks: FamilyCreditAsk[]): Promise<FamilyCreditAskView[]> {
    if (!asks.length) return [];
    const userIds = [...new Set(asks.flatMap((a) => [a.elderId, a.memberId]))];
    const users = new Map((await manager.findBy(User, { id: In(userIds) })).map((u) => [u.id, u]));
    const communityIds = [...new Set([...users.values()].map((u) => u.communityId ?? 0))];
    const communities = new Map(
      (await manager.findBy(Community, { id: In(communityIds) })).map((c) => [c.id, c] as const),
    );
    const bindings = new Map(
      (await manager.findBy(FamilyBinding, { id: In([...new Set(asks.map((a) => a.bindingId))]) })).map((b) => [
        b.id,
        b,
      ]),
    );
    const person = (id: number) => {
      const user = users.get(id);
      return toFamilyPersonView(user, communities.get(user?.communityId ?? 0));
    };
    return asks.map((a) => ({
      id: a.id,
      bindingId: a.bindingId,
      // An ask outlives its binding row, should that ever be deleted.
      relation: bindings.get(a.bindingId)?.relation ?? DEFAULT_FAMILY_RELATION,
      elder: person(a.elderId),
      member: person(a.memberId),
      minutes: a.minutes,
      hours: hoursText(a.minutes),
      reason: a.reason,
      status: a.status,
      expiresAt: a.expiresAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      createdAt: a.createdAt.toISOString(),
    }));
  }
}
