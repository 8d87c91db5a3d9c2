import {
  maskPhone,
  type RequestDetail,
  type RequestEventView,
  type RequestPhoto,
  type RequestView,
} from '@linli/shared-types';
import type { Building } from '../tenancy/building.entity.js';
import type { User } from '../users/user.entity.js';
import type { Upload } from '../uploads/upload.entity.js';
import { canRate, canReopen, lightOf } from './requests.rules.js';
import type { ResidentRequest, ResidentRequestEvent } from './request.entity.js';

export const uploadUrl = (id: string) => `/api/v1/uploads/${id}`;
export const toRequestPhoto = (u: Pick<Upload, 'id'>): RequestPhoto => ({
  id: u.id,
  url: uploadUrl(u.id),
  thumbnailUrl: `${uploadUrl(u.id)}?size=thumb`,
});

/** What the mapper needs beside the row, loaded in bulk by the service. */
export interface RequestContext {
  viewer: Pick<User, 'id' | 'role'>;
  now: Date;
  communityNames: Map<number, string>;
  buildings: Map<number, Building>;
  users: Map<number, User>;
  /** The request's own photos (not those of progress notes). */
  photos: Map<number, Upload[]>;
  secondedByViewer: Set<number>;
}

const iso = (d: Date | null) => d?.toISOString() ?? null;

export function toRequestView(r: ResidentRequest, ctx: RequestContext): RequestView {
  const mine = r.userId === ctx.viewer.id;
  const staff = ctx.viewer.role !== 'resident';
  const submitter = ctx.users.get(r.userId);
  const assignee = r.assigneeId ? ctx.users.get(r.assigneeId) : undefined;
  const building = r.buildingId ? ctx.buildings.get(r.buildingId) : undefined;
  return {
    id: r.id,
    communityId: r.communityId,
    communityName: ctx.communityNames.get(r.communityId) ?? '',
    category: r.category,
    title: r.title,
    description: r.description,
    buildingId: r.buildingId,
    buildingName: building?.name ?? null,
    place: r.place,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    urgent: r.urgent,
    public: r.isPublic,
    status: r.status,
    light: lightOf(r, ctx.now),
    deadlineAt: iso(r.deadlineAt),
    acceptDueAt: r.acceptDueAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
    extensionDays: r.extensionDays,
    extensionReason: r.extensionReason,
    seconds: r.seconds,
    secondedByMe: ctx.secondedByViewer.has(r.id),
    mine,
    photos: (ctx.photos.get(r.id) ?? []).map(toRequestPhoto),
    // Neighbours reading a public request never learn who raised it.
    submitter:
      (staff || mine) && submitter
        ? {
            id: submitter.id,
            name: submitter.name,
            phoneMasked: maskPhone(submitter.phone),
            buildingName: submitter.buildingId ? (ctx.buildings.get(submitter.buildingId)?.name ?? null) : null,
            unit: submitter.unit,
            room: submitter.room,
          }
        : null,
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    resolution: r.resolution,
    referral:
      r.referredTo && r.referredAt
        ? { to: r.referredTo, reason: r.referReason ?? '', referredAt: r.referredAt.toISOString() }
        : null,
    rating:
      r.ratedAt && r.satisfaction && r.ratingResolved !== null
        ? {
            resolved: r.ratingResolved,
            satisfaction: r.satisfaction,
            comment: r.ratingComment,
            ratedAt: r.ratedAt.toISOString(),
          }
        : null,
    unreasonable:
      r.unreasonableState && r.unreasonableMarkedAt
        ? {
            state: r.unreasonableState,
            reason: r.unreasonableReason ?? '',
            markedAt: r.unreasonableMarkedAt.toISOString(),
            confirmedAt: iso(r.unreasonableConfirmedAt),
          }
        : null,
    helpRequestId: r.helpRequestId,
    reopened: r.reopenedAt !== null,
    canRate: mine && canRate(r),
    canReopen: mine && canReopen(r, ctx.now),
    createdAt: r.createdAt.toISOString(),
    acceptedAt: iso(r.acceptedAt),
    resolvedAt: iso(r.resolvedAt),
    closedAt: iso(r.closedAt),
  };
}

export function toRequestEventView(
  e: ResidentRequestEvent,
  users: Map<number, User>,
  photos: Upload[],
): RequestEventView {
  const actor = e.actorId ? users.get(e.actorId) : undefined;
  return {
    id: e.id,
    kind: e.kind,
    actor: actor ? { id: actor.id, name: actor.name, role: actor.role } : null,
    note: e.note,
    photos: photos.map(toRequestPhoto),
    at: e.createdAt.toISOString(),
  };
}

export const toRequestDetail = (view: RequestView, timeline: RequestEventView[]): RequestDetail => ({
  ...view,
  timeline,
});
