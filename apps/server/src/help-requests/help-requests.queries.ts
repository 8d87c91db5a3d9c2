import type { HelpRequestStatus } from '@linli/shared-types';
import { selectColumns } from '../database/entity-columns.js';
import type { SqlStatement } from '../database/raw-reads.js';
import { HelpRequest } from './help-request.entity.js';

/** What a view of a request shows: not the hold, nor who settled it or when it was cancelled. */
const VIEW_COLUMNS = selectColumns(HelpRequest, 'r', ['holdId', 'settledById', 'cancelledAt']);

export interface BoardFilter {
  /** A community id; null: every community (admins). */
  scope: number | null;
  status: HelpRequestStatus | undefined;
  /** The id the previous page stopped at (decoded cursor), or null for the first page. */
  before: number | null;
}

/**
 * A board page (limit + 1 requests by descending id, so the caller knows whether there is more), each request with
 * its poster's and helper's names, and one row per offer on it (offerUserId null when none), the offers by helper id
 * (the primary key's order, as the offers were read before): one statement. The page is cut in a derived table
 * first, so the offers' rows never move the limit; idx_help_requests_community serves it as it did.
 */
export function boardQuery(filter: BoardFilter, limit: number): SqlStatement {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`board limit ${limit}`);
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.scope !== null) {
    where.push('r.communityId = ?');
    params.push(filter.scope);
  }
  if (filter.before !== null) {
    where.push('r.id < ?');
    params.push(filter.before);
  }
  if (filter.status) {
    where.push('r.status = ?');
    params.push(filter.status);
  }
  const page =
    `SELECT ${VIEW_COLUMNS.join(', ')} FROM help_requests r` +
    `${where.length ? ` WHERE ${where.join(' AND ')}` : ''} ORDER BY r.id DESC LIMIT ${limit + 1}`;
  return {
    sql:
      `SELECT ${VIEW_COLUMNS.join(', ')}, p.name AS posterName, h.name AS helperName, ` +
      `o.userId AS offerUserId, o.createdAt AS offerCreatedAt, ou.name AS offerName FROM (${page}) r ` +
      'LEFT JOIN users p ON p.id = r.posterId LEFT JOIN users h ON h.id = r.helperId ' +
      'LEFT JOIN help_offers o ON o.helpRequestId = r.id LEFT JOIN users ou ON ou.id = o.userId ' +
      'ORDER BY r.id DESC, o.userId ASC',
    params,
  };
}
