import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../common/clock.js';
import { RawReads } from '../database/raw-reads.js';
import { rawDate } from '../database/raw-values.js';
import { runTransaction } from '../database/transaction.js';
import { TransactionSql } from '../database/transaction-sql.js';
import type { User } from '../users/user.entity.js';
import { NoticeUnreadCount } from './notice.entity.js';
import { NEXT_SCHEDULED_SQL, unreadQuery, unreadTotalQuery } from './notices.queries.js';
import { isCurrentCount, UNREAD_COUNT_CAP, unreadValidUntil, unreadWindowStart } from './notices.rules.js';

/** The badge of a resident: the stored count, its basis and the community's version, by primary keys (one statement). */
export const STORED_UNREAD_SQL =
  'SELECT c.communityId, c.buildingId, c.version, c.unread, c.validUntil, COALESCE(v.version, 0) AS current ' +
  'FROM notice_unread_counts c LEFT JOIN notice_versions v ON v.communityId = c.communityId WHERE c.userId = ?';

const CURRENT_VERSION_SQL = 'SELECT COALESCE(MAX(version), 0) AS version FROM notice_versions WHERE communityId = ?';

/** The record of a first open; a second or concurrent one is ignored by the unique (noticeId, userId). */
const insertIgnore = (manager: EntityManager) =>
  manager.connection.options.type === 'better-sqlite3' ? 'INSERT OR IGNORE' : 'INSERT IGNORE';

/**
 * The unread badge without counting on every request (issue 18). Each resident has a row in notice_unread_counts:
 * the number of visible notices of the last 90 days addressed to them that they have not opened, counted for their
 * community and building at a version of the community's notices, and exact until `validUntil`.
 *
 * - Reading a notice (view, ack) decrements the count in the same transaction that records the first open.
 * - Publishing, editing a scheduled notice and archiving bump the community's version in their transaction: every
 *   count of the community is stale from that commit and is counted again on its next read.
 * - The clock: a count is exact until the first counted notice expires or leaves the window, or the next scheduled
 *   notice of the community appears (and at most a day); after that it is counted again.
 * - A resident who moves (community, building) no longer matches the row's basis: counted again.
 *
 * Races: a recount first writes its row (so it waits for, or conflicts with, a transaction recording a read; on a
 * Galera cluster such writes of one row conflict at certification and one of them is retried), then reads the version
 * and the notices in one snapshot and stores the count with that version: a publication committed after the snapshot
 * bumped the version, so the count it stored is stale, never wrong.
 */
@Injectable()
export class NoticeUnread {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly raw: RawReads,
    private readonly clock: Clock,
  ) {}

  async count(viewer: User): Promise<number> {
    const now = this.clock.now();
    if (viewer.role !== 'resident') return this.staffCount(viewer, now);
    if (viewer.communityId === null) return 0;
    const [row] = await this.raw.rows<Record<string, unknown>>(STORED_UNREAD_SQL, [viewer.id]);
    if (row) {
      const stored = this.raw.hydrate(NoticeUnreadCount, row);
      if (isCurrentCount(stored, viewer, Number(row.current), now)) return Math.min(stored.unread, UNREAD_COUNT_CAP);
    }
    return Math.min(await this.recount(viewer, now), UNREAD_COUNT_CAP);
  }

  /**
   * Records the resident's first open of a visible notice addressed to them (the caller checked both, inside `manager`'s
   * transaction) and keeps their count exact. Returns whether this was the first open.
   */
  async recordRead(manager: EntityManager, noticeId: number, publishAt: Date, viewer: User, now: Date) {
    const sql = new TransactionSql(manager);
    const { affected } = await sql.write(
      `${insertIgnore(manager)} INTO notice_reads (noticeId, userId, readAt, ackAt) VALUES (?, ?, ?, NULL)`,
      [noticeId, viewer.id, now],
    );
    if (!affected || publishAt.getTime() <= unreadWindowStart(now).getTime()) return affected > 0;
    // Counted by a current count only: the same basis and version, and not yet due for a recount.
    const decremented = await sql.write(
      'UPDATE notice_unread_counts SET touches = touches + 1, unread = unread - (CASE WHEN communityId = ? ' +
        'AND COALESCE(buildingId, 0) = ? AND validUntil > ? AND version = ' +
        '(SELECT COALESCE(MAX(v.version), 0) FROM notice_versions v WHERE v.communityId = ?) THEN 1 ELSE 0 END) ' +
        'WHERE userId = ?',
      [viewer.communityId, viewer.buildingId ?? 0, now, viewer.communityId, viewer.id],
    );
    // No row yet: write one that no read trusts, so that a recount running now conflicts with this transaction.
    if (!decremented.affected) await this.placeholder(sql, manager, viewer.id);
    return true;
  }

  /** Every count of the community is stale from this transaction's commit (publish, scheduled edit, archive). */
  async communityChanged(manager: EntityManager, communityId: number): Promise<void> {
    const sql = new TransactionSql(manager);
    await sql.write(`${insertIgnore(manager)} INTO notice_versions (communityId, version) VALUES (?, 0)`, [
      communityId,
    ]);
    await sql.write('UPDATE notice_versions SET version = version + 1 WHERE communityId = ?', [communityId]);
  }

  private async recount(viewer: User, now: Date): Promise<number> {
    return runTransaction(this.dataSource, async (manager) => {
      const sql = new TransactionSql(manager);
      // Write the row first: before this transaction's snapshot (the first plain read below) is taken.
      await this.placeholder(sql, manager, viewer.id);
      await sql.write('UPDATE notice_unread_counts SET touches = touches + 1 WHERE userId = ?', [viewer.id]);
      const [{ version }] = await sql.rows<{ version: number | string }>(CURRENT_VERSION_SQL, [viewer.communityId]);
      const total = unreadTotalQuery(viewer, now, unreadWindowStart(now))!;
      const [counted] = await sql.rows<Record<string, unknown>>(total.sql, total.params);
      const [scheduled] = await sql.rows<{ next: unknown }>(NEXT_SCHEDULED_SQL, [viewer.communityId, now]);
      const unread = Number(counted.unread);
      const validUntil = unreadValidUntil(
        now,
        { oldest: rawDate(counted.oldest), expires: rawDate(counted.expires) },
        rawDate(scheduled?.next),
      );
      await sql.write(
        'UPDATE notice_unread_counts SET communityId = ?, buildingId = ?, version = ?, unread = ?, validUntil = ? WHERE userId = ?',
        [viewer.communityId, viewer.buildingId, Number(version), unread, validUntil, viewer.id],
      );
      return unread;
    });
  }

  private async placeholder(sql: TransactionSql, manager: EntityManager, userId: number): Promise<void> {
    await sql.write(
      `${insertIgnore(manager)} INTO notice_unread_counts (userId, communityId, buildingId, version, unread, validUntil, touches) ` +
        'VALUES (?, NULL, NULL, -1, 0, ?, 0)',
      [userId, new Date(0)],
    );
  }

  /** Staff record no reads: the notices of recent weeks, capped, counted as before. */
  private async staffCount(viewer: User, now: Date): Promise<number> {
    const unread = unreadQuery(viewer, now, unreadWindowStart(now), UNREAD_COUNT_CAP);
    if (!unread) return 0;
    return (await this.raw.rows(unread.sql, unread.params)).length;
  }
}
