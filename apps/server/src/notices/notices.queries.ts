import type { NoticeCategory, Role } from '@linli/shared-types';
import { selectColumns } from '../database/entity-columns.js';
import type { SqlStatement } from '../database/raw-reads.js';
import { Notice } from './notice.entity.js';
import { likeContaining, type FeedCursor } from './notices.rules.js';

export interface FeedViewer {
  role: Role;
  communityId: number | null;
  buildingId: number | null;
}

export interface FeedFilter {
  category?: NoticeCategory;
  q?: string;
  after: FeedCursor | null;
}

/** What lists show of a notice: never the body (see excerpt) nor the columns only staff jobs read. */
export const NOTICE_LIST_COLUMNS = selectColumns(Notice, 'n', ['authorId', 'body', 'archivedAt', 'notifyDueAt']);
const LIST_COLUMNS = NOTICE_LIST_COLUMNS.join(', ');

/**
 * What the viewer may read now, as WHERE conditions on `notices n`: residents their own community and building,
 * staff their community, admins every community. Null when the viewer can see nothing.
 */
function visibleTo(viewer: FeedViewer, now: Date): { where: string[]; params: unknown[] } | null {
  const where = ["n.status = 'published'", 'n.publishAt <= ?', '(n.expiresAt IS NULL OR n.expiresAt > ?)'];
  const params: unknown[] = [now, now];
  if (viewer.role !== 'admin') {
    if (viewer.communityId === null) return null;
    where.push('n.communityId = ?');
    params.push(viewer.communityId);
  }
  if (viewer.role === 'resident') {
    // The audience as the row stores it ("2,3": sorted ids, the same as its notice_buildings rows), so the check reads
    // nothing but the row: a subquery on notice_buildings made MariaDB materialize the building's rows on every request.
    const building = String(viewer.buildingId ?? 0);
    where.push(
      '(n.wholeCommunity = 1 OR n.audienceBuildingIds = ? OR n.audienceBuildingIds LIKE ? OR n.audienceBuildingIds LIKE ? OR n.audienceBuildingIds LIKE ?)',
    );
    params.push(building, `${building},%`, `%,${building}`, `%,${building},%`);
  }
  return { where, params };
}

/**
 * The feed page (limit + 1 rows, so the caller knows whether there is more) of what the viewer may read now
 * (visibleTo). Pinned first, then newest; keyset pagination on (pinned, publishAt, id). For a resident each row also
 * carries their read (`readId`, `readAckAt`; null when not opened), by the unique (noticeId, userId): one statement.
 * Null when the viewer can see nothing.
 */
export function feedQuery(
  viewer: FeedViewer & { id: number },
  filter: FeedFilter,
  now: Date,
  limit: number,
): SqlStatement | null {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`feed limit ${limit}`);
  const visible = visibleTo(viewer, now);
  if (!visible) return null;
  const { where, params } = visible;
  if (filter.category) {
    where.push('n.category = ?');
    params.push(filter.category);
  }
  if (filter.q) {
    const like = likeContaining(filter.q);
    where.push("(n.title LIKE ? ESCAPE '!' OR n.body LIKE ? ESCAPE '!')");
    params.push(like, like);
  }
  if (filter.after) {
    const { pinned, publishAt, id } = filter.after;
    where.push('(n.pinned < ? OR (n.pinned = ? AND (n.publishAt < ? OR (n.publishAt = ? AND n.id < ?))))');
    params.push(pinned ? 1 : 0, pinned ? 1 : 0, publishAt, publishAt, id);
  }
  const order = `ORDER BY n.pinned DESC, n.publishAt DESC, n.id DESC LIMIT ${limit + 1}`;
  if (viewer.role !== 'resident')
    return { sql: `SELECT ${LIST_COLUMNS} FROM notices n WHERE ${where.join(' AND ')} ${order}`, params };
  return {
    sql:
      `SELECT ${LIST_COLUMNS}, r.id AS readId, r.ackAt AS readAckAt FROM notices n ` +
      `LEFT JOIN notice_reads r ON r.noticeId = n.id AND r.userId = ? WHERE ${where.join(' AND ')} ${order}`,
    params: [viewer.id, ...params],
  };
}

/**
 * The resident's unread notices published after `since`, counted, with the earliest publishAt and expiresAt among
 * them (when the count will next change by the clock alone; notice-unread.ts). Null when the viewer can see nothing.
 */
export function unreadTotalQuery(viewer: FeedViewer & { id: number }, now: Date, since: Date): SqlStatement | null {
  const visible = visibleTo(viewer, now);
  if (!visible) return null;
  const where = [
    ...visible.where,
    'n.publishAt > ?',
    'NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.noticeId = n.id AND r.userId = ?)',
  ];
  return {
    sql: `SELECT COUNT(*) AS unread, MIN(n.publishAt) AS oldest, MIN(n.expiresAt) AS expires FROM notices n WHERE ${where.join(' AND ')}`,
    params: [...visible.params, since, viewer.id],
  };
}

/** The next moment a published notice of the community becomes visible by the clock (idx_notices_recent). */
export const NEXT_SCHEDULED_SQL =
  "SELECT MIN(n.publishAt) AS next FROM notices n WHERE n.communityId = ? AND n.status = 'published' AND n.publishAt > ?";

/**
 * Ids of the visible notices published after `since` that the viewer has not opened, at most `cap` of them
 * (the badge shows 99+ beyond); for staff, who record no reads. Null when the viewer can see nothing.
 */
export function unreadQuery(
  viewer: FeedViewer & { id: number },
  now: Date,
  since: Date,
  cap: number,
): SqlStatement | null {
  if (!Number.isSafeInteger(cap) || cap < 1) throw new RangeError(`unread cap ${cap}`);
  const visible = visibleTo(viewer, now);
  if (!visible) return null;
  const where = [
    ...visible.where,
    'n.publishAt > ?',
    'NOT EXISTS (SELECT 1 FROM notice_reads r WHERE r.noticeId = n.id AND r.userId = ?)',
  ];
  return {
    sql: `SELECT n.id FROM notices n WHERE ${where.join(' AND ')} LIMIT ${cap}`,
    params: [...visible.params, since, viewer.id],
  };
}
