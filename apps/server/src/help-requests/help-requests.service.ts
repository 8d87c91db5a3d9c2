import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  minutesToHours,
  type CareRecipientView,
  type CreateHelpRequest,
  type HelpRequestKind,
  type HelpRequestStatus,
  type HelpRequestView,
  type Page,
} from '@linli/shared-types';
import { DataSource, In, LessThanOrEqual, type EntityManager } from 'typeorm';
import { codeStep } from '../activities/activities.rules.js';
import { resolvePersonalCode } from '../activities/activity-codes.js';
import { AuditService } from '../audit/audit.service.js';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { AppException, refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { assertInCommunity, communityScope } from '../common/tenancy-scope.js';
import { withCommunityNames } from '../tenancy/community-names.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { User } from '../users/user.entity.js';
import { CareRecipient, HelpOffer, HelpRequest } from './help-request.entity.js';
import { toHelpRequestView } from './help-requests.mapper.js';
import {
  autoConfirmCutoff,
  checkHelpAction,
  checkNewHelpRequest,
  checkSettlement,
  helpRoleOf,
  helpTransitions,
  isInArrivalWindow,
  mayViewOffers,
  type HelpAction,
} from './help-requests.rules.js';

/** A help task made by staff from a resident request (派给志愿者), paid from the community pool. */
export interface PoolFundedHelpTask {
  /** The resident the help is for: the poster, who confirms. */
  posterId: number;
  title: string;
  description: string;
  kind: HelpRequestKind;
  startAt: Date;
  minutes: number;
  place: string;
  rewardMinutes: number;
  /** What it comes from, unique: 'request:12'. A second task for the same source is refused (409). */
  sourceReference: string;
}

const holdReference = (id: number) => `help-request:${id}`;
const link = (id: number) => `/packages/help/pages/detail/index?id=${id}`;

/** Residents act on their own community's board; pending residents see nothing of the time bank. */
function assertVerifiedResident(user: User): void {
  if (user.role !== 'resident') throw refuse('FORBIDDEN');
  if (user.status !== 'verified') throw refuse('RESIDENT_NOT_VERIFIED');
}

/**
 * Mutual help 邻里互助. Each step is one transaction: load → rules → a conditional UPDATE on the request's status
 * (the one that decides under concurrency) → ledger (the hold moves once, by its own conditional update) → inbox.
 */
@Injectable()
export class HelpRequestsService {
  private readonly logger = new Logger(HelpRequestsService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'secret'>,
  ) {}

  /** POST help-requests: the credits are held from the poster (or the pool for a care recipient) in the same transaction. */
  create(user: User, body: CreateHelpRequest): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    const startAt = new Date(body.startAt);
    const refusal = checkNewHelpRequest({ startAt, minutes: body.minutes }, this.clock.now());
    if (refusal) throw refuse(refusal);
    return runTransaction(this.dataSource, async (manager) => {
      const care = await manager.findOneBy(CareRecipient, { userId: user.id });
      const request = await this.insertAndHold(manager, user, {
        posterId: user.id,
        communityId: user.communityId!,
        title: body.title.trim(),
        description: body.description.trim(),
        kind: body.kind,
        startAt,
        minutes: body.minutes,
        place: body.place.trim(),
        rewardMinutes: body.rewardMinutes,
        fundedBy: care ? 'pool' : 'poster',
        sourceReference: null,
      });
      return this.view(manager, request, user);
    });
  }

  /**
   * For the requests feature (POST requests/:id/help-task): a help task for the resident who raised a request,
   * paid from the community pool, inside the caller's transaction. `actor` is the staff member; audited here.
   */
  async createPoolFundedTask(manager: EntityManager, actor: User, task: PoolFundedHelpTask): Promise<HelpRequestView> {
    const poster = await manager.findOneBy(User, { id: task.posterId });
    assertInCommunity(actor, poster);
    if (poster.role !== 'resident' || poster.communityId === null) throw refuse('NOT_A_RESIDENT');
    if (poster.status !== 'verified') throw refuse('TARGET_NOT_VERIFIED');
    const refusal = checkNewHelpRequest(task, this.clock.now());
    if (refusal) throw refuse(refusal);
    let request: HelpRequest;
    try {
      request = await this.insertAndHold(manager, actor, {
        ...task,
        communityId: poster.communityId,
        fundedBy: 'pool',
        sourceReference: task.sourceReference,
      });
    } catch (error) {
      if (isDuplicateKey(error)) throw refuse('REQUEST_HELP_TASK_EXISTS');
      throw error;
    }
    await this.audit.record(manager, {
      actor,
      communityId: request.communityId,
      action: 'help.create_task',
      targetType: 'help_request',
      targetId: request.id,
      summary: `由 ${task.sourceReference} 派发互助任务「${request.title}」，社区支付 ${minutesToHours(request.rewardMinutes)}`,
    });
    return this.view(manager, request, actor);
  }

  /** GET help-requests: residents see their community's board (open by default); staff any state of theirs. */
  async list(
    user: User,
    query: { status?: HelpRequestStatus; cursor?: string; limit?: number; communityId?: number },
  ): Promise<Page<HelpRequestView>> {
    const staff = user.role !== 'resident';
    if (!staff) assertVerifiedResident(user);
    const limit = query.limit ?? 20;
    const scope = staff ? communityScope(user, query.communityId) : user.communityId;
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(HelpRequest)
      .createQueryBuilder('r')
      .orderBy('r.id', 'DESC')
      .limit(limit + 1);
    if (scope !== null) qb.andWhere('r.communityId = :scope', { scope });
    const status = query.status ?? (staff ? undefined : 'open');
    if (status) qb.andWhere('r.status = :status', { status });
    if (before) qb.andWhere('r.id < :before', { before });
    const rows = await qb.getMany();
    const views = await this.views(this.dataSource.manager, rows.slice(0, limit), user);
    const byId = new Map(views.map((v) => [v.id, v]));
    const page = pageByDescendingId(rows, limit, (r) => byId.get(r.id)!);
    return staff ? withCommunityNames(this.dataSource.manager, page) : page;
  }

  /** GET help-requests/mine: what I posted, offered on or was chosen for, newest first (at most 50). */
  async mine(user: User): Promise<Page<HelpRequestView>> {
    assertVerifiedResident(user);
    const manager = this.dataSource.manager;
    const offered = await manager.find(HelpOffer, { select: { helpRequestId: true }, where: { userId: user.id } });
    const rows = await manager.find(HelpRequest, {
      where: [
        { posterId: user.id },
        { helperId: user.id },
        ...(offered.length ? [{ id: In(offered.map((o) => o.helpRequestId)) }] : []),
      ],
      order: { id: 'DESC' },
      take: 50,
    });
    return { items: await this.views(manager, rows, user), nextCursor: null };
  }

  async get(user: User, id: number): Promise<HelpRequestView> {
    if (user.role === 'resident') assertVerifiedResident(user);
    const request = await this.load(this.dataSource.manager, user, id);
    return this.view(this.dataSource.manager, request, user);
  }

  /** A neighbour offers to help; once (the offer's primary key decides). */
  offer(user: User, id: number): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return this.step(user, id, 'offer', async (manager, request) => {
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
    return this.step(user, id, 'choose', async (manager, request) => {
      const offers = await manager.findBy(HelpOffer, { helpRequestId: request.id });
      if (!offers.some((o) => o.userId === helperId)) throw refuse('HELP_HELPER_NOT_OFFERED');
      await this.transition(manager, request, 'choose', { helperId });
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
      await this.transition(manager, request, 'arrive', { arrivedAt: now });
      await this.tell(
        manager,
        request,
        [request.posterId],
        '帮手已到达',
        `${user.name ?? '帮手'}已到达，开始「${request.title}」`,
      );
      return this.view(manager, await manager.findOneByOrFail(HelpRequest, { id: request.id }), user);
    });
  }

  /** The helper marks it done; the poster confirms or disputes, or 72 h later it is confirmed. */
  done(user: User, id: number): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return this.step(user, id, 'done', async (manager, request) => {
      await this.transition(manager, request, 'done', { doneAt: this.clock.now() });
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
    return this.step(user, id, 'confirm', async (manager, request) => {
      const now = this.clock.now();
      await this.transition(manager, request, 'confirm', {
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
    return this.step(user, id, 'dispute', async (manager, request) => {
      await this.transition(manager, request, 'dispute', { disputeReason: reason.trim() });
      await this.tell(
        manager,
        request,
        [request.helperId!],
        '对方对服务有异议',
        `「${request.title}」：${reason.trim()}。社区将协调处理`,
      );
    });
  }

  /** Before the meeting the poster may cancel: the hold goes back to whoever paid it. */
  cancel(user: User, id: number): Promise<HelpRequestView> {
    assertVerifiedResident(user);
    return this.step(user, id, 'cancel', async (manager, request) => {
      const now = this.clock.now();
      await this.transition(manager, request, 'cancel', { cancelledAt: now });
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

  /** Staff settle a dispute: up to the hold to the helper, with a reason; the rest released. Audited. */
  settle(actor: User, id: number, minutes: number, reason: string): Promise<HelpRequestView> {
    return this.step(actor, id, 'settle', async (manager, request) => {
      const refusal = checkSettlement(minutes, request.rewardMinutes);
      if (refusal) throw refuse(refusal);
      const now = this.clock.now();
      await this.transition(manager, request, 'settle', {
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

  /** Staff flag (or unflag) a resident of their community as a care recipient 帮扶对象. Audited. */
  setCareRecipient(actor: User, residentId: number, careRecipient: boolean): Promise<CareRecipientView> {
    return runTransaction(this.dataSource, async (manager) => {
      const resident = await manager.findOneBy(User, { id: residentId });
      assertInCommunity(actor, resident);
      if (resident.role !== 'resident' || resident.communityId === null) throw refuse('NOT_A_RESIDENT');
      if (careRecipient)
        await manager
          .createQueryBuilder()
          .insert()
          .into(CareRecipient)
          .values({ userId: resident.id, communityId: resident.communityId, flaggedById: actor.id })
          .orIgnore()
          .execute();
      else await manager.delete(CareRecipient, { userId: resident.id });
      await this.audit.record(manager, {
        actor,
        communityId: resident.communityId,
        action: careRecipient ? 'help.care_recipient.flag' : 'help.care_recipient.unflag',
        targetType: 'user',
        targetId: resident.id,
        summary: `${careRecipient ? '设为' : '取消'}帮扶对象：${resident.name ?? resident.id}`,
      });
      return { userId: resident.id, careRecipient };
    });
  }

  /** Staff: the care recipients of the scope. */
  async careRecipients(actor: User, communityId?: number): Promise<CareRecipientView[]> {
    const scope = communityScope(actor, communityId);
    const rows = await this.dataSource.manager.find(CareRecipient, {
      where: scope === null ? {} : { communityId: scope },
      order: { userId: 'ASC' },
    });
    return rows.map((r) => ({ userId: r.userId, careRecipient: true }));
  }

  private async insertAndHold(
    manager: EntityManager,
    actor: Pick<User, 'id'>,
    fields: Omit<PoolFundedHelpTask, 'sourceReference'> & {
      communityId: number;
      fundedBy: 'poster' | 'pool';
      sourceReference: string | null;
    },
  ): Promise<HelpRequest> {
    const inserted = await manager.insert(HelpRequest, {
      ...fields,
      status: 'open',
      helperId: null,
      holdId: null,
      autoConfirmed: false,
    });
    const id = inserted.identifiers[0].id as number;
    const payer =
      fields.fundedBy === 'pool'
        ? await this.ledger.poolOf(manager, fields.communityId)
        : await this.ledger.openAccount(manager, { id: fields.posterId, communityId: fields.communityId });
    const hold = await this.ledger.hold(manager, {
      communityId: fields.communityId,
      payerAccountId: payer.id,
      amount: fields.rewardMinutes,
      reference: holdReference(id),
      memo: `互助冻结「${fields.title}」`,
      actorId: actor.id,
    });
    await manager.update(HelpRequest, { id }, { holdId: hold.id });
    return manager.findOneByOrFail(HelpRequest, { id });
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

  /** One step: load in the caller's community, check who and when, act, answer the request as it is now. */
  private step(
    user: User,
    id: number,
    action: HelpAction,
    act: (manager: EntityManager, request: HelpRequest) => Promise<void>,
  ): Promise<HelpRequestView> {
    return runTransaction(this.dataSource, async (manager) => {
      const request = await this.load(manager, user, id);
      const refusal = checkHelpAction(action, request.status, helpRoleOf(request, user));
      if (refusal) throw refuse(refusal);
      await act(manager, request);
      return this.view(manager, await manager.findOneByOrFail(HelpRequest, { id }), user);
    });
  }

  /** The conditional UPDATE that decides: only from the states the action allows; a lost race is a 409. */
  private async transition(
    manager: EntityManager,
    request: HelpRequest,
    action: HelpAction,
    fields: Partial<HelpRequest>,
  ): Promise<void> {
    const { from, to } = helpTransitions[action];
    const result = await manager
      .createQueryBuilder()
      .update(HelpRequest)
      .set({ ...fields, status: to })
      .where('id = :id AND status IN (:...from)', { id: request.id, from })
      .execute();
    if (!result.affected) throw refuse('HELP_REQUEST_STATE');
  }

  private async load(manager: EntityManager, user: User, id: number): Promise<HelpRequest> {
    const request = await manager.findOneBy(HelpRequest, { id });
    if (!request) throw refuse('HELP_REQUEST_NOT_FOUND');
    try {
      assertInCommunity(user, request);
    } catch {
      throw refuse('HELP_REQUEST_NOT_FOUND');
    }
    return request;
  }

  private async tell(manager: EntityManager, request: HelpRequest, userIds: number[], title: string, body: string) {
    await this.notifications.notify(manager, userIds, {
      communityId: request.communityId,
      kind: 'help_request',
      title,
      body,
      link: link(request.id),
    });
  }

  private async view(manager: EntityManager, request: HelpRequest, viewer: User): Promise<HelpRequestView> {
    return (await this.views(manager, [request], viewer))[0];
  }

  private async views(manager: EntityManager, rows: HelpRequest[], viewer: User): Promise<HelpRequestView[]> {
    if (!rows.length) return [];
    const offers = await manager.findBy(HelpOffer, { helpRequestId: In(rows.map((r) => r.id)) });
    const userIds = new Set<number>();
    for (const r of rows) {
      userIds.add(r.posterId);
      if (r.helperId) userIds.add(r.helperId);
    }
    for (const o of offers) userIds.add(o.userId);
    const users = new Map((await manager.findBy(User, { id: In([...userIds]) })).map((u) => [u.id, u]));
    return rows.map((r) =>
      toHelpRequestView(
        r,
        users,
        offers.filter((o) => o.helpRequestId === r.id),
        viewer.id,
        mayViewOffers(helpRoleOf(r, viewer)),
      ),
    );
  }
}
