import type { ActivityStatus } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/**
 * A volunteer activity. `signedUp` counts its sign-ups and only moves by a conditional UPDATE in the sign-up's
 * transaction (`WHERE signedUp < capacity`), so it can never pass the capacity. The geofence is kept in
 * micro-degrees (integers read the same on SQLite and MySQL).
 */
@Entity('activities')
@Index('idx_activities_community_start', ['communityId', 'status', 'startAt'])
@Index('idx_activities_status_start', ['status', 'startAt'])
export class Activity {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'varchar', length: 200 }) place: string;
  @Column({ type: 'int', nullable: true }) geoLatE6: number | null;
  @Column({ type: 'int', nullable: true }) geoLngE6: number | null;
  @Column({ type: 'int', nullable: true }) geoRadiusM: number | null;
  @DateTimeColumn() startAt: Date;
  @DateTimeColumn() endAt: Date;
  @DateTimeColumn() signupDeadline: Date;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'int' }) signedUp: number;
  @Column({ type: 'varchar', length: 16 }) status: ActivityStatus;
  @DateTimeColumn({ nullable: true }) reminderSentAt: Date | null;
  @DateTimeColumn({ nullable: true }) settledAt: Date | null;
  @Column({ type: 'int', nullable: true }) createdById: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * One volunteer's sign-up and attendance. Unique (activityId, userId): one sign-up each. `settledAt` is claimed by
 * a conditional UPDATE in the same transaction as the ledger posting, so a volunteer is credited once.
 */
@Entity('activity_signups')
@Index('uq_activity_signups_activity_user', ['activityId', 'userId'], { unique: true })
@Index('idx_activity_signups_user', ['userId', 'activityId'])
@Index('uq_activity_signups_tx', ['transactionId'], { unique: true })
export class ActivitySignup {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) activityId: number;
  @Column({ type: 'int' }) userId: number;
  @DateTimeColumn({ nullable: true }) checkedInAt: Date | null;
  @DateTimeColumn({ nullable: true }) checkedOutAt: Date | null;
  @Column({ type: 'int', nullable: true }) manualMinutes: number | null;
  @Column({ type: 'varchar', length: 200, nullable: true }) manualReason: string | null;
  @Column({ type: 'int', nullable: true }) manualById: number | null;
  @DateTimeColumn({ nullable: true }) settledAt: Date | null;
  @Column({ type: 'int', nullable: true }) creditedMinutes: number | null;
  @Column({ type: 'int', nullable: true }) transactionId: number | null;
  @CreatedAtColumn() createdAt: Date;
}
