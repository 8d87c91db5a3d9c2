import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  hoursText,
  type Page,
  type RequestAssignee,
  type RequestDetail,
  type RequestView,
  shanghaiShortTime,
} from '@linli/shared-types';
import { DataSource, IsNull, Not } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeTimeIdCursor, encodeTimeIdCursor } from '../common/pagination.js';
import { RawReads, type SqlStatement } from '../database/raw-reads.js';
import { communityScope } from '../common/tenancy-scope.js';
import { HelpRequestsService } from '../help-requests/help-requests.service.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import type {
  ExtendRequestDto,
  ReferRequestDto,
  RequestHelpTaskDto,
  RequestQueueQueryDto,
} from './dto/requests.dto.js';
import { DAY, requestLink, RequestRecords } from './request-records.js';
import { ResidentRequest } from './request.entity.js';
import { requestViewOf } from './requests.mapper.js';
import { queueQuery, queueRowFacts, queueRowRequest } from './requests.queries.js';
import {
  allowedFrom,
  checkExtension,
  checkHelpTask,
  helpTaskOf,
  runningClock,
  stoppedClock,
} from './requests.rules.js';

/** The staff workflow: the work queue, assignees, accept, progress, resolve, refer, extend, 不合理诉求, 派给志愿者. */
@Injectable()
export class RequestWorkflowService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly records: RequestRecords,
    private readonly notifications: NotificationsService,
    private readonly clock: Clock,
    private readonly helpRequests: HelpRequestsService,
    private readonly raw: RawReads,
  ) {}

  /**
   * Open requests first (a running clock), the most overdue (earliest deadline) first; then the rest, newest first.
   * Two reads that each follow an index, idx_resident_requests_queue or, by status, idx_resident_requests_queue_status
   * (communityId, [status,] deadlineAt, id DESC): one ORDER BY CASE WHEN deadlineAt IS NULL … made MariaDB sort all the
   * community's requests for every page (issue 18). The cursor is the last request shown. Each read carries what the
   * view shows of users, buildings, the community and photos (requests.queries.ts), and runs without the query
   * builder or its hydration: the context's four bulk reads and TypeORM's work were most of the queue's cost (issue 18).
   */
  async queue(viewer: User, query: RequestQueueQueryDto): Promise<Page<RequestView>> {
    const limit = query.limit ?? 20;
    const after = decodeTimeIdCursor(query.cursor);
    const now = this.clock.now();
    const filter = {
      scope: communityScope(viewer, query.communityId),
      status: query.status,
      category: query.category,
      assigneeId: query.assigneeId,
      unreasonable: query.unreasonable,
      light: query.light,
    };
    const hints = this.dataSource.options.type !== 'better-sqlite3';
    const read = ({ sql, params }: SqlStatement) => this.raw.rows<Record<string, unknown>>(sql, params);
    const rows: Record<string, unknown>[] = [];
    if (!after || after.at)
      rows.push(
        ...(await read(
          queueQuery(
            { open: true, after: after?.at ? { at: after.at, id: after.id } : null },
            filter,
            now,
            limit + 1,
            hints,
          ),
        )),
      );
    // A light matches open requests only.
    if (rows.length <= limit && !query.light)
      rows.push(
        ...(await read(
          queueQuery(
            { open: false, afterId: after && !after.at ? after.id : null },
            filter,
            now,
            limit + 1 - rows.length,
            hints,
          ),
        )),
      );
    const more = rows.length > limit;
    const shown = (more ? rows.slice(0, limit) : rows).map((row) => ({
      request: queueRowRequest(row),
      facts: queueRowFacts(row),
    }));
    const last = shown[shown.length - 1]?.request;
    return {
      items: shown.map(({ request, facts }) => requestViewOf(request, viewer, now, facts)),
      nextCursor: more ? encodeTimeIdCursor({ at: last.deadlineAt, id: last.id }) : null,
    };
  }

  /** Who may be named assignee (the same test accept applies): active staff of the community, by name. */
  async assignees(viewer: User, communityId?: number): Promise<Page<RequestAssignee>> {
    const scope = communityScope(viewer, communityId);
    const staff = await this.dataSource.getRepository(User).find({
      select: { id: true, name: true, username: true, communityId: true },
      where: { role: 'staff', status: Not('disabled'), ...(scope !== null ? { communityId: scope } : {}) },
      order: { communityId: 'ASC', id: 'ASC' },
    });
    return {
      items: staff
        .filter((s): s is User & { communityId: number } => s.communityId !== null)
        .map((s) => ({ id: s.id, name: s.name ?? s.username, communityId: s.communityId })),
      nextCursor: null,
    };
  }

  async accept(viewer: User, id: number, assigneeId?: number): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('accept', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      const chosen = assigneeId ?? (viewer.role === 'staff' ? viewer.id : undefined);
      const assignee = chosen ? await manager.findOneBy(User, { id: chosen }) : null;
      if (
        !assignee ||
        assignee.role !== 'staff' ||
        assignee.communityId !== r.communityId ||
        assignee.status === 'disabled'
      )
        throw refuse('REQUEST_ASSIGNEE_INVALID', undefined, ['assigneeId']);
      await this.records.move(manager, r, 'accept', {
        status: 'accepted',
        assigneeId: assignee.id,
        acceptedAt: now,
        respondedAt: now,
        ...runningClock(r.createdAt, r.resolveDueAt),
        phase: r.phase + 1,
      });
      await this.records.event(
        manager,
        r.id,
        'accepted',
        viewer,
        `承办人：${assignee.name ?? assignee.username ?? assignee.id}`,
        now,
      );
      await this.records.staffAudit(
        manager,
        viewer,
        r,
        'requests.accept',
        `受理诉求 #${r.id}，承办人 ${assignee.name ?? assignee.id}`,
      );
      await this.records.notifyResident(
        manager,
        r,
        '诉求已受理',
        `「${r.title}」已受理，承办人：${assignee.name ?? '社区工作人员'}。`,
      );
      if (assignee.id !== viewer.id)
        await this.notifications.notify(manager, [assignee.id], {
          communityId: r.communityId,
          kind: 'request_status',
          title: '您有新的承办诉求',
          body: `「${r.title}」已分派给您，请在 ${r.resolveDueAt.toISOString().slice(0, 10)} 前办结。`,
          link: requestLink(r.id),
        });
    });
  }

  async progress(viewer: User, id: number, note: string, photoIds?: string[]): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('progress', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      if (r.status !== 'in_progress') await this.records.move(manager, r, 'progress', { status: 'in_progress' });
      const eventId = await this.records.event(manager, r.id, 'progress', viewer, note.trim(), now);
      await this.records.attachPhotos(manager, viewer, photoIds, r.id, eventId);
      await this.records.staffAudit(manager, viewer, r, 'requests.progress', `诉求 #${r.id} 处置进展：${note.trim()}`);
      await this.records.notifyResident(manager, r, '诉求处置进展', `「${r.title}」：${note.trim()}`);
    });
  }

  async resolve(viewer: User, id: number, resolution: string): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('resolve', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      await this.records.move(manager, r, 'resolve', {
        status: 'resolved',
        resolvedAt: now,
        resolution: resolution.trim(),
        ...stoppedClock(r, now),
      });
      await this.records.event(manager, r.id, 'resolved', viewer, resolution.trim(), now);
      await this.records.staffAudit(manager, viewer, r, 'requests.resolve', `办结诉求 #${r.id}：${resolution.trim()}`);
      await this.records.notifyResident(
        manager,
        r,
        '诉求已办结',
        `「${r.title}」已办结：${resolution.trim()}。请对办理结果进行评价，7 天内不满意可申请重办。`,
      );
    });
  }

  async refer(viewer: User, id: number, body: ReferRequestDto): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      if (!allowedFrom('refer', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      await this.records.move(manager, r, 'refer', {
        status: 'referred',
        referredTo: body.to.trim(),
        referReason: body.reason.trim(),
        referredAt: now,
        respondedAt: r.respondedAt ?? now,
        closedAt: now,
        ...stoppedClock(r, now),
      });
      await this.records.event(manager, r.id, 'referred', viewer, `转至 ${body.to.trim()}：${body.reason.trim()}`, now);
      await this.records.staffAudit(
        manager,
        viewer,
        r,
        'requests.refer',
        `转办诉求 #${r.id} 至 ${body.to.trim()}：${body.reason.trim()}`,
      );
      await this.records.notifyResident(
        manager,
        r,
        '诉求已转办',
        `「${r.title}」不属于社区职责范围，已转至 ${body.to.trim()}：${body.reason.trim()}`,
      );
    });
  }

  async extend(viewer: User, id: number, body: ExtendRequestDto): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      const settings = await this.records.deadlineSettings(manager, r.communityId);
      const refusal = checkExtension(r, body.days, settings);
      if (refusal) throw refuse(refusal);
      const resolveDueAt = new Date(r.resolveDueAt.getTime() + body.days * DAY);
      await this.records.move(manager, r, 'extend', {
        extensionDays: body.days,
        extensionReason: body.reason.trim(),
        resolveDueAt,
        ...runningClock(r.reopenedAt ?? r.createdAt, resolveDueAt),
        phase: r.phase + 1,
      });
      await this.records.event(manager, r.id, 'extended', viewer, `延期 ${body.days} 天：${body.reason.trim()}`, now);
      await this.records.staffAudit(
        manager,
        viewer,
        r,
        'requests.extend',
        `诉求 #${r.id} 延期 ${body.days} 天：${body.reason.trim()}`,
      );
      await this.records.notifyResident(
        manager,
        r,
        '诉求办理延期',
        `「${r.title}」延期 ${body.days} 天办理：${body.reason.trim()}`,
      );
    });
  }

  async markUnreasonable(viewer: User, id: number, reason: string): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      if (r.unreasonableState !== null) throw refuse('REQUEST_ALREADY_UNREASONABLE');
      if (!allowedFrom('markUnreasonable', r.status)) throw refuse('REQUEST_STATE_CHANGED');
      const result = await manager.update(
        ResidentRequest,
        { id: r.id, status: r.status, unreasonableState: IsNull() },
        { unreasonableState: 'marked', unreasonableReason: reason.trim(), unreasonableMarkedAt: now },
      );
      if (!result.affected) throw refuse('REQUEST_STATE_CHANGED');
      await this.records.event(manager, r.id, 'unreasonable_marked', viewer, reason.trim(), now);
      await this.records.staffAudit(
        manager,
        viewer,
        r,
        'requests.unreasonable',
        `标记诉求 #${r.id} 为不合理诉求：${reason.trim()}`,
      );
    });
  }

  /** An admin confirms a request marked unreasonable: it closes and leaves the rates. */
  async confirmUnreasonable(viewer: User, id: number): Promise<RequestDetail> {
    if (viewer.role !== 'admin') throw refuse('FORBIDDEN');
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      if (r.unreasonableState !== 'marked') throw refuse('REQUEST_NOT_MARKED_UNREASONABLE');
      const result = await manager.update(
        ResidentRequest,
        { id: r.id, status: r.status, unreasonableState: 'marked' },
        {
          unreasonableState: 'confirmed',
          unreasonableConfirmedAt: now,
          status: 'closed',
          closedAt: r.closedAt ?? now,
          ...(r.deadlineAt ? stoppedClock(r, now) : {}),
        },
      );
      if (!result.affected) throw refuse('REQUEST_STATE_CHANGED');
      await this.records.event(manager, r.id, 'unreasonable_confirmed', viewer, r.unreasonableReason, now);
      await this.records.staffAudit(
        manager,
        viewer,
        r,
        'requests.unreasonable.confirm',
        `确认诉求 #${r.id} 为不合理诉求`,
      );
      await this.records.notifyResident(
        manager,
        r,
        '诉求已关闭',
        `「${r.title}」经街道确认为不合理诉求，已关闭：${r.unreasonableReason ?? ''}`,
      );
    });
  }

  /**
   * 派给志愿者: a help task for the request's resident, paid from the community pool, made by the mutual-help feature
   * inside this transaction; the request links it (once, by a conditional update) and moves to in_progress.
   */
  async helpTask(viewer: User, id: number, body: RequestHelpTaskDto): Promise<RequestDetail> {
    return this.records.write(viewer, id, 'staff', async (manager, r, now) => {
      const refusal = checkHelpTask(r);
      if (refusal) throw refuse(refusal);
      const building = r.buildingId ? await manager.findOneBy(Building, { id: r.buildingId }) : null;
      const community = await manager.findOneByOrFail(Community, { id: r.communityId });
      const task = helpTaskOf(r, { buildingName: building?.name ?? null, communityName: community.name }, body, now);
      const help = await this.helpRequests.createPoolFundedTask(manager, viewer, { ...task, posterId: r.userId });
      const linked = await manager.update(
        ResidentRequest,
        { id: r.id, status: r.status, helpRequestId: IsNull() },
        { helpRequestId: help.id, status: 'in_progress' },
      );
      if (!linked.affected) throw refuse('REQUEST_STATE_CHANGED');
      const what = `互助任务「${task.title}」，${shanghaiShortTime(task.startAt)} 开始，约 ${task.minutes} 分钟，社区支付 ${hoursText(task.rewardMinutes)} 小时`;
      await this.records.event(manager, r.id, 'help_task', viewer, what, now);
      await this.records.staffAudit(manager, viewer, r, 'requests.help_task', `诉求 #${r.id} 派给志愿者：${what}`);
      await this.records.notifyResident(
        manager,
        r,
        '诉求已派给志愿者',
        `「${r.title}」已发布为邻里互助任务，志愿者接单后会与您联系。`,
      );
    });
  }
}
