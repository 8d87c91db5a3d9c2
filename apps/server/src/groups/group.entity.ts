import type { GroupKind, GroupRole, GroupStatus } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/**
 * An interest group 兴趣小组. `memberCount` only moves by conditional UPDATEs in the join/leave transaction
 * (`WHERE memberCap IS NULL OR memberCount < memberCap`), so it never passes the cap. `turn` is bumped as the
 * first statement of every booking for the group: the row write serialises them (and conflicts across Galera nodes),
 * so the weekly quota read after it sees every booking committed before.
 */
@Entity('interest_groups')
@Index('uq_interest_groups_community_name', ['communityId', 'name'], { unique: true })
@Index('idx_interest_groups_community_status', ['communityId', 'status', 'id'])
export class InterestGroup {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 30 }) name: string;
  @Column({ type: 'varchar', length: 16 }) kind: GroupKind;
  @Column({ type: 'varchar', length: 500 }) description: string;
  @Column({ type: 'int', nullable: true }) memberCap: number | null;
  @Column({ type: 'int' }) memberCount: number;
  @Column({ type: 'varchar', length: 16 }) status: GroupStatus;
  @Column({ type: 'varchar', length: 200, nullable: true }) declineReason: string | null;
  @Column({ type: 'int' }) weeklyQuotaMinutes: number;
  @Column({ type: 'int' }) proposerId: number;
  @Column({ type: 'int', nullable: true }) decidedById: number | null;
  @DateTimeColumn({ nullable: true }) decidedAt: Date | null;
  @Column({ type: 'int' }) turn: number;
  @CreatedAtColumn() createdAt: Date;
}

/** One member of a group: unique (groupId, userId). */
@Entity('group_members')
@Index('uq_group_members_group_user', ['groupId', 'userId'], { unique: true })
@Index('idx_group_members_user', ['userId', 'groupId'])
export class GroupMember {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) groupId: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) role: GroupRole;
  @CreatedAtColumn() createdAt: Date;
}

/** A notice a leader posted to the group's members (each also gets an inbox entry). */
@Entity('group_notices')
@Index('idx_group_notices_group', ['groupId', 'id'])
export class GroupNotice {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) groupId: number;
  @Column({ type: 'int' }) authorId: number;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) body: string;
  @CreatedAtColumn() createdAt: Date;
}
