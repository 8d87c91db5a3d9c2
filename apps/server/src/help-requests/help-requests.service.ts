import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  minutesToHours,
  type CreateHelpRequest,
  type HelpRequestKind,
  type HelpRequestView,
} from '@linli/shared-types';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { assertInCommunity } from '../common/tenancy-scope.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { LedgerService } from '../timebank/ledger.service.js';
import { User } from '../users/user.entity.js';
import { assertVerifiedResident, helpRequestView } from './help-request-access.js';
import { CareRecipient, HelpRequest } from './help-request.entity.js';
import { checkNewHelpRequest } from './help-requests.rules.js';

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
/** Posting help: a resident's own request, or a task staff make from a request, each with its hold in the time bank. */
@Injectable()
export class HelpRequestsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly ledger: LedgerService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
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
      return helpRequestView(manager, request, user);
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
    return helpRequestView(manager, request, actor);
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
}
