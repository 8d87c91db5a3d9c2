import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { AuditAction, Page, RequestDetail, RequestEventKind, RequestView } from '@linli/shared-types';
import { DataSource, type EntityManager, In, IsNull, Not, type SelectQueryBuilder } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId } from '../common/pagination.js';
import { runTransaction } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { Upload } from '../uploads/upload.entity.js';
import { User } from '../users/user.entity.js';
import type { RequestFeedQueryDto } from './dto/requests.dto.js';
import {
  RequestCommunitySettings,
  ResidentRequest,
  ResidentRequestEvent,
  ResidentRequestSecond,
} from './request.entity.js';
import { type RequestContext, toRequestDetail, toRequestEventView, toRequestView } from './requests.mapper.js';
import {
  allowedFrom,
  defaultDeadlineSettings,
  type RequestAction,
  type RequestDeadlineSettings,
} from './requests.rules.js';

export const DAY = 86_400_000;
export const requestLink = (id: number) => `/packages/requests/pages/detail/index?id=${id}`;

/**
 * What every side of a request shares: the deadline settings, the one write (load, check who may act, work, answer),
 * the conditional transition, timeline events, photos, audit entries and notifications, and the mapper's context.
 */
@Injectable()
export class RequestRecords {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationsService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async deadlineSettings(manager: EntityManager, communityId: number): Promise<RequestDeadlineSettings> {
    const row = await manager.findOneBy(RequestCommunitySettings, { communityId });
    return row ?? defaultDeadlineSettings;
  }

  /**
   * One write: load the request inside the transaction, check who may act (owner: its submitter; staff: staff of
   * its community or an admin; another community's request or someone else's answers 404), run `work`, and answer
   * the request as it now stands.
   */
  async write(
    viewer: User,
    id: number,
    who: 'owner' | 'staff',
    work: (manager: EntityManager, r: ResidentRequest, now: Date) => Promise<void>,
  ): Promise<RequestDetail> {
    if (who === 'staff' && viewer.role === 'resident') throw refuse('FORBIDDEN');
    if (who === 'owner' && viewer.role !== 'resident') throw refuse('FORBIDDEN');
    return runTransaction(this.dataSource, async (manager) => {
      const r = await manager.findOneBy(ResidentRequest, { id });
      const allowed =
        r &&
        (who === 'owner'
          ? r.userId === viewer.id
          : viewer.role === 'admin' || (viewer.role === 'staff' && viewer.communityId === r.communityId));
      if (!r || !allowed) throw refuse('REQUEST_NOT_FOUND');
      await work(manager, r, this.clock.now());
      const after = await manager.findOneByOrFail(ResidentRequest, { id });
      return this.toDetail(manager, viewer, after);
    });
  }

  /** The conditional update of a transition: only from the status read, else someone else got there first (409). */
  async move(
    manager: EntityManager,
    r: ResidentRequest,
    action: RequestAction,
    changes: Partial<ResidentRequest>,
  ): Promise<void> {
    if (!allowedFrom(action, r.status)) throw refuse('REQUEST_STATE_CHANGED');
    const where =
      action === 'rate' ? { id: r.id, status: r.status, ratedAt: IsNull() } : { id: r.id, status: r.status };
    const result = await manager.update(ResidentRequest, where, changes);
    if (!result.affected) throw refuse(action === 'rate' ? 'REQUEST_ALREADY_RATED' : 'REQUEST_STATE_CHANGED');
    Object.assign(r, changes);
  }

  async event(
    manager: EntityManager,
    requestId: number,
    kind: RequestEventKind,
    actor: Pick<User, 'id'> | null,
    note: string | null,
    at: Date,
  ): Promise<number> {
    const inserted = await manager.insert(ResidentRequestEvent, {
      requestId,
      kind,
      actorId: actor?.id ?? null,
      note: note?.slice(0, 2000) ?? null,
      createdAt: at,
    });
    return Number(inserted.identifiers[0].id);
  }

  /** Takes the caller's own, unused uploads; any other id refuses the whole write. */
  async attachPhotos(
    manager: EntityManager,
    viewer: User,
    photoIds: string[] | undefined,
    requestId: number,
    eventId: number | null,
  ): Promise<void> {
    if (!photoIds?.length) return;
    const ids = [...new Set(photoIds)];
    const result = await manager.update(
      Upload,
      { id: In(ids), userId: viewer.id, requestId: IsNull() },
      { requestId, requestEventId: eventId },
    );
    if ((result.affected ?? 0) !== ids.length) throw refuse('REQUEST_PHOTO_INVALID', undefined, ['photoIds']);
  }

  async staffAudit(
    manager: EntityManager,
    actor: User,
    r: ResidentRequest,
    action: AuditAction,
    summary: string,
  ): Promise<void> {
    await this.audit.record(manager, {
      actor,
      communityId: r.communityId,
      action,
      targetType: 'request',
      targetId: r.id,
      summary,
    });
  }

  async notifyResident(manager: EntityManager, r: ResidentRequest, title: string, body: string): Promise<void> {
    await this.notifications.notify(manager, [r.userId], {
      communityId: r.communityId,
      kind: 'request_status',
      title,
      body,
      link: requestLink(r.id),
    });
  }

  /** The assignee (if any) and every active staff member of the community. */
  async notifyStaff(
    manager: EntityManager,
    communityId: number,
    assigneeId: number | null,
    message: { title: string; body: string; link: string; kind?: 'request_status' | 'request_deadline' },
  ): Promise<void> {
    const staff = await manager.find(User, {
      select: { id: true },
      where: { communityId, role: 'staff', status: Not('disabled') },
    });
    const ids = [...new Set([...(assigneeId ? [assigneeId] : []), ...staff.map((s) => s.id)])];
    if (!ids.length) return;
    await this.notifications.notify(manager, ids, {
      communityId,
      kind: message.kind ?? 'request_status',
      title: message.title,
      body: message.body,
      link: message.link,
    });
  }

  async feed(
    viewer: User,
    qb: SelectQueryBuilder<ResidentRequest>,
    query: RequestFeedQueryDto,
  ): Promise<Page<RequestView>> {
    const limit = query.limit ?? 20;
    const before = decodeIdCursor(query.cursor);
    if (before) qb.andWhere('r.id < :before', { before });
    if (query.status) qb.andWhere('r.status = :status', { status: query.status });
    if (query.category) qb.andWhere('r.category = :category', { category: query.category });
    const rows = await qb
      .orderBy('r.id', 'DESC')
      .take(limit + 1)
      .getMany();
    const ctx = await this.context(this.dataSource.manager, viewer, rows);
    return pageByDescendingId(rows, limit, (r) => toRequestView(r, ctx));
  }

  async toDetail(manager: EntityManager, viewer: User, r: ResidentRequest): Promise<RequestDetail> {
    const events = await manager.find(ResidentRequestEvent, { where: { requestId: r.id }, order: { id: 'ASC' } });
    const eventPhotos = await manager.find(Upload, {
      where: { requestId: r.id, requestEventId: Not(IsNull()) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    const ctx = await this.context(
      manager,
      viewer,
      [r],
      events.map((e) => e.actorId).filter((a): a is number => a !== null),
    );
    // A neighbour reading a public request sees staff steps by name, never who of the residents raised or rated it.
    const neighbour = viewer.role === 'resident' && r.userId !== viewer.id;
    const timeline = events.map((e) => {
      const view = toRequestEventView(
        e,
        ctx.users,
        eventPhotos.filter((p) => p.requestEventId === e.id),
      );
      return neighbour && view.actor?.role === 'resident' ? { ...view, actor: null } : view;
    });
    return toRequestDetail(toRequestView(r, ctx), timeline);
  }

  /** Everything the mapper needs for these rows, in a few bulk reads. */
  async context(
    manager: EntityManager,
    viewer: User,
    rows: ResidentRequest[],
    extraUserIds: number[] = [],
  ): Promise<RequestContext> {
    const now = this.clock.now();
    const ids = rows.map((r) => r.id);
    const userIds = [
      ...new Set([...rows.flatMap((r) => [r.userId, ...(r.assigneeId ? [r.assigneeId] : [])]), ...extraUserIds]),
    ];
    const users = userIds.length ? await manager.findBy(User, { id: In(userIds) }) : [];
    const buildingIds = [
      ...new Set(
        [...rows.map((r) => r.buildingId), ...users.map((u) => u.buildingId)].filter((b): b is number => b !== null),
      ),
    ];
    const buildings = buildingIds.length ? await manager.findBy(Building, { id: In(buildingIds) }) : [];
    const communityIds = [...new Set(rows.map((r) => r.communityId))];
    const communities = communityIds.length ? await manager.findBy(Community, { id: In(communityIds) }) : [];
    const photos = ids.length
      ? await manager.find(Upload, {
          where: { requestId: In(ids), requestEventId: IsNull() },
          order: { createdAt: 'ASC', id: 'ASC' },
        })
      : [];
    const seconded =
      ids.length && viewer.role === 'resident'
        ? await manager.findBy(ResidentRequestSecond, { requestId: In(ids), userId: viewer.id })
        : [];
    const photoMap = new Map<number, Upload[]>();
    for (const p of photos) photoMap.set(p.requestId!, [...(photoMap.get(p.requestId!) ?? []), p]);
    return {
      viewer,
      now,
      communityNames: new Map(communities.map((c) => [c.id, c.name])),
      buildings: new Map(buildings.map((b) => [b.id, b])),
      users: new Map(users.map((u) => [u.id, u])),
      photos: photoMap,
      secondedByViewer: new Set(seconded.map((s) => s.requestId)),
    };
  }
}
