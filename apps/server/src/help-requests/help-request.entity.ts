import type { HelpFundingSource, HelpRequestKind, HelpRequestStatus } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/** A neighbour asks for help and promises credits, held in the community's escrow until paid or released. */
@Entity('help_requests')
@Index('idx_help_requests_community', ['communityId', 'status', 'id'])
@Index('idx_help_requests_poster', ['posterId', 'id'])
@Index('idx_help_requests_helper', ['helperId', 'status'])
// The 72-hour job walks done requests by the time they were marked done.
@Index('idx_help_requests_done', ['status', 'doneAt'])
// A resident request becomes at most one help task (POST requests/:id/help-task).
@Index('uq_help_requests_source', ['sourceReference'], { unique: true })
export class HelpRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) posterId: number;
  @Column({ type: 'varchar', length: 60 }) title: string;
  @Column({ type: 'varchar', length: 1000 }) description: string;
  @Column({ type: 'varchar', length: 16 }) kind: HelpRequestKind;
  @DateTimeColumn() startAt: Date;
  /** Expected minutes, 15–480. */
  @Column({ type: 'int' }) minutes: number;
  @Column({ type: 'varchar', length: 100 }) place: string;
  @Column({ type: 'int' }) rewardMinutes: number;
  @Column({ type: 'varchar', length: 8 }) fundedBy: HelpFundingSource;
  @Column({ type: 'varchar', length: 16 }) status: HelpRequestStatus;
  @Column({ type: 'int', nullable: true }) helperId: number | null;
  @Column({ type: 'int', nullable: true }) holdId: number | null;
  @DateTimeColumn({ nullable: true }) arrivedAt: Date | null;
  @DateTimeColumn({ nullable: true }) doneAt: Date | null;
  @DateTimeColumn({ nullable: true }) confirmedAt: Date | null;
  @Column({ type: 'boolean', default: false }) autoConfirmed: boolean;
  @Column({ type: 'varchar', length: 200, nullable: true }) thanks: string | null;
  @Column({ type: 'int', nullable: true }) stars: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) disputeReason: string | null;
  @Column({ type: 'int', nullable: true }) settledMinutes: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) settleReason: string | null;
  @Column({ type: 'int', nullable: true }) settledById: number | null;
  @DateTimeColumn({ nullable: true }) cancelledAt: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) sourceReference: string | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A neighbour's offer to help; once per request and neighbour (the primary key). */
@Entity('help_offers')
@Index('idx_help_offers_user', ['userId', 'helpRequestId'])
export class HelpOffer {
  @PrimaryColumn({ type: 'int' }) helpRequestId: number;
  @PrimaryColumn({ type: 'int' }) userId: number;
  @Column({ type: 'int' }) communityId: number;
  @CreatedAtColumn() createdAt: Date;
}

/** A resident staff flagged as a care recipient 帮扶对象: their help requests are paid from the community pool. */
@Entity('help_care_recipients')
@Index('idx_help_care_recipients_community', ['communityId'])
export class CareRecipient {
  @PrimaryColumn({ type: 'int' }) userId: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) flaggedById: number;
  @CreatedAtColumn() createdAt: Date;
}
