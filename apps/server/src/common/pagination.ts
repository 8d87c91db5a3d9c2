import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, Matches, Min } from 'class-validator';
import type { Page } from '@linli/shared-types';
import type { ObjectLiteral, Repository, SelectQueryBuilder } from 'typeorm';
import { refuse } from './app-exception.js';
import { IsId } from './input-hygiene.js';

/** Query fields every cursor-paginated list accepts. */
export class PageQuery {
  @ApiPropertyOptional({ description: 'nextCursor of the previous page' })
  @IsOptional()
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{1,200}$/)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, description: 'page size (default depends on the list)' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

/** A staff list: admins may narrow it to one community. */
export class CommunityPageQuery extends PageQuery {
  @ApiPropertyOptional({ description: 'admins only: one community' })
  @IsOptional()
  @Type(() => Number)
  @IsId()
  communityId?: number;
}

/** Opaque cursor for lists ordered by descending id. */
export function encodeIdCursor(id: number): string {
  return Buffer.from(String(id)).toString('base64url');
}

export function decodeIdCursor(cursor: string | undefined): number | null {
  if (!cursor) return null;
  const id = Number(Buffer.from(cursor, 'base64url').toString());
  if (!Number.isSafeInteger(id) || id <= 0) throw refuse('VALIDATION_FAILED', '分页游标无效', ['cursor']);
  return id;
}

/** Where a page of a list ordered by a time, then id, stopped; `at` null: among the rows without a time, by id. */
export interface TimeIdPosition {
  at: Date | null;
  id: number;
}

export function encodeTimeIdCursor({ at, id }: TimeIdPosition): string {
  return Buffer.from(`${at ? at.getTime() : ''}.${id}`).toString('base64url');
}

/**
 * The position a cursor of encodeTimeIdCursor names (null without a cursor); 422 VALIDATION_FAILED for any other text,
 * and for a position without a time where every row of the list has one (`'timed'`).
 */
export function decodeTimeIdCursor(cursor: string | undefined, list: 'timed'): { at: Date; id: number } | null;
export function decodeTimeIdCursor(cursor: string | undefined): TimeIdPosition | null;
export function decodeTimeIdCursor(cursor: string | undefined, list?: 'timed'): TimeIdPosition | null {
  if (!cursor) return null;
  const match = /^(\d{1,15})?\.(\d{1,15})$/.exec(Buffer.from(cursor, 'base64url').toString());
  const id = Number(match?.[2]);
  if (!match || id <= 0 || (list === 'timed' && match[1] === undefined))
    throw refuse('VALIDATION_FAILED', '分页游标无效', ['cursor']);
  return { at: match[1] === undefined ? null : new Date(Number(match[1])), id };
}

/** Rows fetched with limit + 1 → a page and the cursor of the last item shown. */
export function pageByDescendingId<R extends { id: number }, T>(rows: R[], limit: number, map: (row: R) => T): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  return { items: shown.map(map), nextCursor: more ? encodeIdCursor(shown[shown.length - 1].id) : null };
}

/**
 * The query of a newest-first page: `limit + 1` rows by descending id, after the cursor, in `scope` (a community id;
 * null: every community). Add conditions with `andWhere` (`where` would drop these).
 */
export function newestFirst<E extends ObjectLiteral>(
  repository: Repository<E>,
  alias: string,
  page: { limit: number; cursor: string | undefined; scope: number | null },
): SelectQueryBuilder<E> {
  const before = decodeIdCursor(page.cursor);
  const qb = repository
    .createQueryBuilder(alias)
    .orderBy(`${alias}.id`, 'DESC')
    .limit(page.limit + 1);
  if (page.scope !== null) qb.andWhere(`${alias}.communityId = :scope`, { scope: page.scope });
  if (before) qb.andWhere(`${alias}.id < :before`, { before });
  return qb;
}
