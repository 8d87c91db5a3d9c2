import type { NoticeCategory } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';
import { idListOf } from './notices.rules.js';

/** Stored lifecycle; "scheduled" is derived (published with publishAt ahead), so no job must flip it. */
export type StoredNoticeStatus = 'draft' | 'published' | 'archived';

const idList = {
  to: (ids: number[] | undefined) => (Array.isArray(ids) ? ids.join(',') : ids),
  // TypeORM also passes back what it just wrote; only stored text needs parsing.
  from: (stored: unknown): number[] => (Array.isArray(stored) ? stored : idListOf(stored)),
};

@Entity('notices')
// The resident feed and unread count: one community, published, ordered pinned → publishAt → id.
@Index('idx_notices_feed', ['communityId', 'status', 'pinned', 'publishAt', 'id'])
// The unread badge: visible notices of recent weeks.
@Index('idx_notices_recent', ['communityId', 'status', 'publishAt'])
@Index('idx_notices_community_id', ['communityId', 'id'])
@Index('idx_notices_notify_due', ['notifyDueAt'])
export class Notice {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int', nullable: true }) authorId: number | null;
  @Column({ type: 'varchar', length: 100 }) title: string;
  /** Markdown; never selected for lists (see excerpt). */
  @Column({ type: 'text' }) body: string;
  /** Plain-text start of the body, so lists never read the body. */
  @Column({ type: 'varchar', length: 200 }) excerpt: string;
  @Column({ type: 'varchar', length: 16 }) category: NoticeCategory;
  @Column({ type: 'boolean', default: false }) pinned: boolean;
  @Column({ type: 'boolean', default: false }) requiresAck: boolean;
  /** True when no buildings are chosen; the chosen ones are rows of notice_buildings (and listed here for display). */
  @Column({ type: 'boolean', default: true }) wholeCommunity: boolean;
  @Column({ type: 'varchar', length: 2000, default: '', transformer: idList }) audienceBuildingIds: number[];
  @Column({ type: 'varchar', length: 16 }) status: StoredNoticeStatus;
  /** Drafts: the requested time or null (= when published). Published: when it becomes visible. */
  @DateTimeColumn({ nullable: true }) publishAt: Date | null;
  @DateTimeColumn({ nullable: true }) expiresAt: Date | null;
  @DateTimeColumn({ nullable: true }) archivedAt: Date | null;
  /** Set while the audience of a requiresAck notice still has to be notified (at publishAt). */
  @DateTimeColumn({ nullable: true }) notifyDueAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
  @DateTimeColumn() updatedAt: Date;
}

/** Audience buildings of a notice addressed to chosen buildings. */
@Entity('notice_buildings')
// The feed's audience check by the resident's building.
@Index('idx_notice_buildings_building', ['buildingId', 'noticeId'])
export class NoticeBuilding {
  @PrimaryColumn({ type: 'int' }) noticeId: number;
  @PrimaryColumn({ type: 'int' }) buildingId: number;
}

/** One row per (notice, user): the first open, and the acknowledgement when given. */
@Entity('notice_reads')
@Index('uq_notice_reads_notice_user', ['noticeId', 'userId'], { unique: true })
@Index('idx_notice_reads_user', ['userId', 'noticeId'])
// A notice's stats: its reads with their times from the index alone.
@Index('idx_notice_reads_notice_times', ['noticeId', 'userId', 'readAt', 'ackAt'])
export class NoticeRead {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) noticeId: number;
  @Column({ type: 'int' }) userId: number;
  @DateTimeColumn() readAt: Date;
  @DateTimeColumn({ nullable: true }) ackAt: Date | null;
}

/** Bumped by every transaction that changes which notices a community sees (publish, edit of a scheduled one, archive). */
@Entity('notice_versions')
export class NoticeVersion {
  @PrimaryColumn({ type: 'int' }) communityId: number;
  @Column({ type: 'int', default: 0 }) version: number;
}

/**
 * A resident's unread badge (notice-unread.ts): `unread` is exact while the row's community, building and version are
 * the resident's and the community's, and the clock is before `validUntil` (the next expiry, window exit or scheduled
 * publication that would change it). `touches` grows with every read recorded, so that each such transaction writes
 * the row (a conflict with a concurrent recount, also across cluster nodes).
 */
@Entity('notice_unread_counts')
export class NoticeUnreadCount {
  @PrimaryColumn({ type: 'int' }) userId: number;
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'int', nullable: true }) buildingId: number | null;
  @Column({ type: 'int', default: 0 }) version: number;
  @Column({ type: 'int', default: 0 }) unread: number;
  @DateTimeColumn() validUntil: Date;
  @Column({ type: 'int', default: 0 }) touches: number;
}
