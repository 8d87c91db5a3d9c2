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

/** The columns of a request no view reads: the deadline job's and the rates'. */
export const VIEW_UNREAD_COLUMNS = ['phase', 'yellowAlertedPhase', 'redAlertedPhase', 'respondedAt'] as const;
export type RequestViewRow = Omit<ResidentRequest, (typeof VIEW_UNREAD_COLUMNS)[number]>;

const iso = (d: Date | null) => d?.toISOString() ?? null;

/** What one request's view shows beside its row: from a RequestContext, or read in the same statement as the row. */
export interface RequestViewFacts {
  communityName: string;
  buildingName: string | null;
  /** The submitter as staff and the submitter see them (phone unmasked here); null if the user is gone. */
  submitter: {
    id: number;
    name: string | null;
    phone: string | null;
    buildingName: string | null;
    unit: string | null;
    room: string | null;
  } | null;
  assignee: { id: number; name: string | null } | null;
  /** Ids of the request's own photos, in order. */
  photoIds: string[];
  secondedByMe: boolean;
}

export function toRequestView(r: ResidentRequest, ctx: RequestContext): RequestView {
  const submitter = ctx.users.get(r.userId);
  const assignee = r.assigneeId ? ctx.users.get(r.assigneeId) : undefined;
  const building = r.buildingId ? ctx.buildings.get(r.buildingId) : undefined;
  return requestViewOf(r, ctx.viewer, ctx.now, {
    communityName: ctx.communityNames.get(r.communityId) ?? '',
    buildingName: building?.name ?? null,
    submitter: submitter
      ? {
          id: submitter.id,
          name: submitter.name,
          phone: submitter.phone,
          buildingName: submitter.buildingId ? (ctx.buildings.get(submitter.buildingId)?.name ?? null) : null,
          unit: submitter.unit,
          room: submitter.room,
        }
      : null,
    assignee: assignee ? { id: assignee.id, name: assignee.name } : null,
    photoIds: (ctx.photos.get(r.id) ?? []).map((p) => p.id),
    secondedByMe: ctx.secondedByViewer.has(r.id),
  });
}

export function requestViewOf(
  r: RequestViewRow,
  viewer: Pick<User, 'id' | 'role'>,
  now: Date,
  facts: RequestViewFacts,
): RequestView {
  const mine = r.userId === viewer.id;
  const staff = viewer.role !== 'resident';
  const submitter = facts.submitter;
  return {
    id: r.id,
    communityId: r.communityId,
    communityName: facts.communityName,
    category: r.category,
    title: r.title,
    description: r.description,
    buildingId: r.buildingId,
    buildingName: facts.buildingName,
    place: r.place,
    lat: r.lat === null ? null : Number(r.lat),
    lng: r.lng === null ? null : Number(r.lng),
    urgent: r.urgent,
    public: r.isPublic,
    status: r.status,
    light: lightOf(r, now),
    deadlineAt: iso(r.deadlineAt),
    acceptDueAt: r.acceptDueAt.toISOString(),
    resolveDueAt: r.resolveDueAt.toISOString(),
    extensionDays: r.extensionDays,
    extensionReason: r.extensionReason,
    seconds: r.seconds,
    secondedByMe: facts.secondedByMe,
    mine,
    photos: facts.photoIds.map((id) => toRequestPhoto({ id })),
    // Neighbours reading a public request never learn who raised it.
    submitter:
      (staff || mine) && submitter
        ? {
            id: submitter.id,
            name: submitter.name,
            phoneMasked: maskPhone(submitter.phone),
            buildingName: submitter.buildingName,
            unit: submitter.unit,
            room: submitter.room,
          }
        : null,
    assignee: facts.assignee,
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
    canReopen: mine && canReopen(r, now),
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
