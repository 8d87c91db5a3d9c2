import { REQUEST_AUTO_CLOSE_DAYS, requestSatisfactionLabels, type RequestEventKind } from '@linli/shared-types';
import type { EntityManager } from 'typeorm';
import { ResidentRequest, ResidentRequestEvent, ResidentRequestSecond } from '../requests/request.entity.js';
import {
  defaultDeadlineSettings,
  initialDeadlines,
  lightOf,
  runningClock,
  stoppedClock,
} from '../requests/requests.rules.js';
import { Building } from '../tenancy/building.entity.js';
import { Community } from '../tenancy/community.entity.js';
import { User } from '../users/user.entity.js';
import { demoRequests } from './demo-requests.data.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/**
 * Seeds the demo requests by replaying their steps through the same pure rules the service uses (deadlines,
 * running and stopped clocks), so each row, its light and its timeline are what the live path would have left.
 * Alerts already due are marked as sent: the demo's history includes them.
 */
export async function seedDemoRequests(manager: EntityManager, now: Date): Promise<void> {
  const communities = new Map((await manager.find(Community)).map((c) => [c.code, c]));
  const admin = await manager.findOneByOrFail(User, { role: 'admin' });
  for (const demo of demoRequests) {
    const community = communities.get(demo.community)!;
    const resident = await manager.findOneByOrFail(User, { communityId: community.id, phone: demo.phone });
    const staff = await manager.findOneByOrFail(User, { communityId: community.id, role: 'staff' });
    const buildings = await manager.find(Building, { where: { communityId: community.id }, order: { id: 'ASC' } });
    const createdAt = new Date(now.getTime() - demo.ago * HOUR);
    const urgent = demo.urgent ?? false;
    const deadlines = initialDeadlines(defaultDeadlineSettings, createdAt, urgent);
    const r: Omit<ResidentRequest, 'id'> = {
      communityId: community.id,
      userId: resident.id,
      category: demo.category,
      title: demo.title,
      description: demo.description,
      buildingId: demo.building === undefined ? null : buildings[demo.building].id,
      place: demo.place ?? null,
      lat: null,
      lng: null,
      urgent,
      isPublic: demo.seconds !== undefined,
      status: 'submitted',
      assigneeId: null,
      ...deadlines,
      extensionDays: null,
      extensionReason: null,
      ...runningClock(createdAt, deadlines.acceptDueAt),
      phase: 1,
      yellowAlertedPhase: 0,
      redAlertedPhase: 0,
      respondedAt: null,
      acceptedAt: null,
      resolvedAt: null,
      resolution: null,
      referredTo: null,
      referReason: null,
      referredAt: null,
      reopenedAt: null,
      closedAt: null,
      ratedAt: null,
      ratingResolved: null,
      satisfaction: null,
      ratingComment: null,
      unreasonableState: null,
      unreasonableReason: null,
      unreasonableMarkedAt: null,
      unreasonableConfirmedAt: null,
      seconds: demo.seconds?.length ?? 0,
      helpRequestId: null,
      createdAt,
    };
    const events: Array<{ kind: RequestEventKind; actorId: number | null; note: string | null; at: Date }> = [
      { kind: 'submitted', actorId: resident.id, note: null, at: createdAt },
    ];
    for (const step of demo.steps) {
      const at =
        step.do === 'autoClose'
          ? new Date(r.resolvedAt!.getTime() + REQUEST_AUTO_CLOSE_DAYS * DAY)
          : new Date(createdAt.getTime() + step.h * HOUR);
      if (at.getTime() > now.getTime()) throw new Error(`demo request「${demo.title}」: a step lies in the future`);
      switch (step.do) {
        case 'accept':
          Object.assign(r, {
            status: 'accepted',
            assigneeId: staff.id,
            acceptedAt: at,
            respondedAt: at,
            ...runningClock(r.createdAt, r.resolveDueAt),
            phase: r.phase + 1,
          });
          events.push({ kind: 'accepted', actorId: staff.id, note: `承办人：${staff.name}`, at });
          break;
        case 'progress':
          r.status = 'in_progress';
          events.push({ kind: 'progress', actorId: staff.id, note: step.note, at });
          break;
        case 'resolve':
          Object.assign(r, { status: 'resolved', resolvedAt: at, resolution: step.resolution, ...stoppedClock(r, at) });
          events.push({ kind: 'resolved', actorId: staff.id, note: step.resolution, at });
          break;
        case 'rate': {
          Object.assign(r, {
            status: 'closed',
            ratedAt: at,
            ratingResolved: step.resolved,
            satisfaction: step.satisfaction,
            ratingComment: step.comment ?? null,
            closedAt: at,
          });
          const label = requestSatisfactionLabels[step.satisfaction];
          const note = `${step.resolved ? '已解决' : '未解决'}，${label}${step.comment ? `：${step.comment}` : ''}`;
          events.push({ kind: 'rated', actorId: resident.id, note, at });
          break;
        }
        case 'reopen': {
          const resolveDueAt = new Date(at.getTime() + defaultDeadlineSettings.resolveDays * DAY);
          Object.assign(r, {
            status: 'in_progress',
            reopenedAt: at,
            resolvedAt: null,
            closedAt: null,
            ratedAt: null,
            ratingResolved: null,
            satisfaction: null,
            ratingComment: null,
            resolveDueAt,
            ...runningClock(at, resolveDueAt),
            phase: r.phase + 1,
          });
          events.push({ kind: 'reopened', actorId: resident.id, note: step.reason, at });
          break;
        }
        case 'extend': {
          const resolveDueAt = new Date(r.resolveDueAt.getTime() + step.days * DAY);
          Object.assign(r, {
            extensionDays: step.days,
            extensionReason: step.reason,
            resolveDueAt,
            ...runningClock(r.reopenedAt ?? r.createdAt, resolveDueAt),
            phase: r.phase + 1,
          });
          events.push({ kind: 'extended', actorId: staff.id, note: `延期 ${step.days} 天：${step.reason}`, at });
          break;
        }
        case 'refer':
          Object.assign(r, {
            status: 'referred',
            referredTo: step.to,
            referReason: step.reason,
            referredAt: at,
            respondedAt: r.respondedAt ?? at,
            closedAt: at,
            ...stoppedClock(r, at),
          });
          events.push({ kind: 'referred', actorId: staff.id, note: `转至 ${step.to}：${step.reason}`, at });
          break;
        case 'unreasonable':
          Object.assign(r, { unreasonableState: 'marked', unreasonableReason: step.reason, unreasonableMarkedAt: at });
          events.push({ kind: 'unreasonable_marked', actorId: staff.id, note: step.reason, at });
          break;
        case 'confirm':
          Object.assign(r, {
            unreasonableState: 'confirmed',
            unreasonableConfirmedAt: at,
            status: 'closed',
            closedAt: r.closedAt ?? at,
            ...(r.deadlineAt ? stoppedClock(r, at) : {}),
          });
          events.push({ kind: 'unreasonable_confirmed', actorId: admin.id, note: r.unreasonableReason, at });
          break;
        case 'autoClose':
          Object.assign(r, { status: 'closed', closedAt: at });
          events.push({ kind: 'closed', actorId: null, note: '办结 7 天未评价，自动关闭', at });
          break;
      }
    }
    // The alerts of the running clock that are already due belong to the demo's past.
    const light = r.deadlineAt ? lightOf(r, now) : 'green';
    if (light !== 'green') r.yellowAlertedPhase = r.phase;
    if (light === 'red') r.redAlertedPhase = r.phase;
    const requestId = Number((await manager.insert(ResidentRequest, r)).identifiers[0].id);
    for (const e of events)
      await manager.insert(ResidentRequestEvent, {
        requestId,
        kind: e.kind,
        actorId: e.actorId,
        note: e.note,
        createdAt: e.at,
      });
    for (const [i, phone] of (demo.seconds ?? []).entries()) {
      const neighbour = await manager.findOneByOrFail(User, { communityId: community.id, phone });
      await manager.insert(ResidentRequestSecond, {
        requestId,
        userId: neighbour.id,
        createdAt: new Date(createdAt.getTime() + (i + 1) * HOUR),
      });
    }
  }
}
