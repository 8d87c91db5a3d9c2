import type { RequestCategory, RequestLight, RequestStatus, RequestUnreasonableState } from '@linli/shared-types';
import { selectColumns } from '../database/entity-columns.js';
import type { SqlStatement } from '../database/raw-reads.js';
import { rawDate } from '../database/raw-values.js';
import { ResidentRequest } from './request.entity.js';
import { type RequestViewFacts, type RequestViewRow, VIEW_UNREAD_COLUMNS } from './requests.mapper.js';

/**
 * Beside the request's own columns, what its view shows of other tables, in the same statement: primary-key joins
 * and the request's own photos (not those of progress notes), ids in their order, from idx_uploads_request.
 * Read back by queueRowFacts; the aliases are none of the request's column names.
 */
const VIEW_COLUMNS = [
  ...selectColumns(ResidentRequest, 'r', VIEW_UNREAD_COLUMNS),
  'c.name AS communityName',
  'b.name AS buildingName',
  's.id AS submitterId',
  's.name AS submitterName',
  's.phone AS submitterPhone',
  'sb.name AS submitterBuildingName',
  's.unit AS submitterUnit',
  's.room AS submitterRoom',
  'a.id AS assigneeUserId',
  'a.name AS assigneeName',
  '(SELECT GROUP_CONCAT(p.id ORDER BY p.createdAt, p.id) FROM uploads p WHERE p.requestId = r.id AND p.requestEventId IS NULL) AS photoIds',
].join(', ');

const VIEW_JOINS =
  'LEFT JOIN communities c ON c.id = r.communityId ' +
  'LEFT JOIN buildings b ON b.id = r.buildingId ' +
  'LEFT JOIN users s ON s.id = r.userId ' +
  'LEFT JOIN buildings sb ON sb.id = s.buildingId ' +
  'LEFT JOIN users a ON a.id = r.assigneeId';

export interface QueueFilter {
  /** A community id; null: every community (an admin's street). */
  scope: number | null;
  status?: RequestStatus;
  category?: RequestCategory;
  assigneeId?: number;
  unreasonable?: RequestUnreasonableState;
  light?: RequestLight;
}

/**
 * One of the queue's two reads (RequestWorkflowService.queue), `limit` rows in index order:
 * `open`, the running clocks by deadline then id descending, after (deadlineAt, id); `rest`, the others by id
 * descending, below `afterId`. `indexHints`: MariaDB's USE INDEX, which SQLite has not.
 */
export function queueQuery(
  part: { open: true; after: { at: Date; id: number } | null } | { open: false; afterId: number | null },
  filter: QueueFilter,
  now: Date,
  limit: number,
  indexHints: boolean,
): SqlStatement {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`queue limit ${limit}`);
  const where: string[] = [];
  const params: unknown[] = [];
  const and = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  // MariaDB took idx_resident_requests_deadline for "deadlineAt IS NULL AND id < ?" and read 14,000 rows for 21.
  const index =
    filter.scope !== null && indexHints
      ? ` USE INDEX (${filter.status ? 'idx_resident_requests_queue_status' : 'idx_resident_requests_queue'})`
      : '';
  if (filter.scope !== null) and('r.communityId = ?', filter.scope);
  if (filter.status) and('r.status = ?', filter.status);
  if (filter.category) and('r.category = ?', filter.category);
  if (filter.assigneeId) and('r.assigneeId = ?', filter.assigneeId);
  if (filter.unreasonable) and('r.unreasonableState = ?', filter.unreasonable);
  let order: string;
  if (part.open) {
    and('r.deadlineAt IS NOT NULL');
    // The light of a running clock, in SQL (requests.rules lightOf): red past the deadline, yellow past yellowAt.
    if (filter.light === 'red') and('r.deadlineAt < ?', now);
    if (filter.light === 'yellow') and('r.deadlineAt >= ? AND r.yellowAt <= ?', now, now);
    if (filter.light === 'green') and('r.yellowAt > ?', now);
    if (part.after)
      and('(r.deadlineAt > ? OR (r.deadlineAt = ? AND r.id < ?))', part.after.at, part.after.at, part.after.id);
    order = 'r.deadlineAt ASC, r.id DESC';
  } else {
    and('r.deadlineAt IS NULL');
    if (part.afterId !== null) and('r.id < ?', part.afterId);
    order = 'r.id DESC';
  }
  return {
    sql: `SELECT ${VIEW_COLUMNS} FROM resident_requests r${index} ${VIEW_JOINS} WHERE ${where.join(' AND ')} ORDER BY ${order} LIMIT ${limit}`,
    params,
  };
}

/** The view facts (mapper) a row of queueQuery carries beside the request's columns; staff never second a request. */
export function queueRowFacts(row: Record<string, unknown>): RequestViewFacts {
  const text = (value: unknown) => (value === null || value === undefined ? null : String(value));
  const photoIds = text(row.photoIds);
  return {
    communityName: text(row.communityName) ?? '',
    buildingName: text(row.buildingName),
    submitter:
      row.submitterId === null || row.submitterId === undefined
        ? null
        : {
            id: Number(row.submitterId),
            name: text(row.submitterName),
            phone: text(row.submitterPhone),
            buildingName: text(row.submitterBuildingName),
            unit: text(row.submitterUnit),
            room: text(row.submitterRoom),
          },
    assignee:
      row.assigneeUserId === null || row.assigneeUserId === undefined
        ? null
        : { id: Number(row.assigneeUserId), name: text(row.assigneeName) },
    // Upload ids are base64url: never a comma, GROUP_CONCAT's separator on both databases.
    photoIds: photoIds ? photoIds.split(',') : [],
    secondedByMe: false,
  };
}

/**
 * A row of queueQuery as TypeORM would hydrate the request (but VIEW_UNREAD_COLUMNS): datetimes as Dates (mysql2
 * gives them, SQLite their text), booleans from 0/1. Written out rather than RawReads.hydrate's loop over the
 * metadata, which cost the queue as much as its SQL (issue 18); a column added to the entity fails to compile here
 * until it is read or left out.
 */
export function queueRowRequest(row: Record<string, unknown>): RequestViewRow {
  const r = row as unknown as RequestViewRow;
  const flag = (value: unknown) => (value === null || value === undefined ? null : Boolean(value));
  return {
    id: r.id,
    communityId: r.communityId,
    userId: r.userId,
    category: r.category,
    title: r.title,
    description: r.description,
    buildingId: r.buildingId,
    place: r.place,
    lat: r.lat,
    lng: r.lng,
    urgent: Boolean(r.urgent),
    isPublic: Boolean(r.isPublic),
    status: r.status,
    assigneeId: r.assigneeId,
    acceptDueAt: rawDate(r.acceptDueAt)!,
    resolveDueAt: rawDate(r.resolveDueAt)!,
    extensionDays: r.extensionDays,
    extensionReason: r.extensionReason,
    deadlineAt: rawDate(r.deadlineAt),
    yellowAt: rawDate(r.yellowAt),
    frozenLight: r.frozenLight,
    acceptedAt: rawDate(r.acceptedAt),
    resolvedAt: rawDate(r.resolvedAt),
    resolution: r.resolution,
    referredTo: r.referredTo,
    referReason: r.referReason,
    referredAt: rawDate(r.referredAt),
    reopenedAt: rawDate(r.reopenedAt),
    closedAt: rawDate(r.closedAt),
    ratedAt: rawDate(r.ratedAt),
    ratingResolved: flag(r.ratingResolved),
    satisfaction: r.satisfaction,
    ratingComment: r.ratingComment,
    unreasonableState: r.unreasonableState,
    unreasonableReason: r.unreasonableReason,
    unreasonableMarkedAt: rawDate(r.unreasonableMarkedAt),
    unreasonableConfirmedAt: rawDate(r.unreasonableConfirmedAt),
    seconds: r.seconds,
    helpRequestId: r.helpRequestId,
    createdAt: rawDate(r.createdAt)!,
  };
}
