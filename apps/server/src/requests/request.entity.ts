import type {
  RequestCategory,
  RequestEventKind,
  RequestLight,
  RequestSatisfaction,
  RequestStatus,
  RequestUnreasonableState,
} from '@linli/shared-types';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/**
 * A resident request 居民诉求. Status only changes by conditional updates (`WHERE status = …`).
 * `deadlineAt`/`yellowAt` are the running clock (response while submitted, resolution after), null once stopped;
 * `phase` counts the clocks a request has had, so a yellow or red alert is claimed once per clock.
 */
@Entity('resident_requests')
@Index('idx_resident_requests_community', ['communityId', 'status', 'id'])
@Index('idx_resident_requests_user', ['userId', 'id'])
@Index('idx_resident_requests_deadline', ['deadlineAt'])
// The staff queue's order; id is DESC in the migration (1766000000000-requests-queue), which TypeORM cannot say here.
@Index('idx_resident_requests_queue', ['communityId', 'deadlineAt', 'id'])
@Index('idx_resident_requests_queue_status', ['communityId', 'status', 'deadlineAt', 'id'])
@Index('idx_resident_requests_public', ['communityId', 'isPublic', 'id'])
@Index('idx_resident_requests_resolved', ['status', 'resolvedAt'])
export class ResidentRequest {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 16 }) category: RequestCategory;
  @Column({ type: 'varchar', length: 60 }) title: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'int', nullable: true }) buildingId: number | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) place: string | null;
  @Column({ type: 'double', nullable: true }) lat: number | null;
  @Column({ type: 'double', nullable: true }) lng: number | null;
  @Column({ type: 'boolean', default: false }) urgent: boolean;
  @Column({ type: 'boolean', default: false }) isPublic: boolean;
  @Column({ type: 'varchar', length: 16 }) status: RequestStatus;
  @Column({ type: 'int', nullable: true }) assigneeId: number | null;
  @DateTimeColumn() acceptDueAt: Date;
  @DateTimeColumn() resolveDueAt: Date;
  @Column({ type: 'int', nullable: true }) extensionDays: number | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) extensionReason: string | null;
  @DateTimeColumn({ nullable: true }) deadlineAt: Date | null;
  @DateTimeColumn({ nullable: true }) yellowAt: Date | null;
  @Column({ type: 'varchar', length: 8, nullable: true }) frozenLight: RequestLight | null;
  @Column({ type: 'int', default: 1 }) phase: number;
  @Column({ type: 'int', default: 0 }) yellowAlertedPhase: number;
  @Column({ type: 'int', default: 0 }) redAlertedPhase: number;
  /** Accepted or referred: the response the 响应率 counts. */
  @DateTimeColumn({ nullable: true }) respondedAt: Date | null;
  @DateTimeColumn({ nullable: true }) acceptedAt: Date | null;
  @DateTimeColumn({ nullable: true }) resolvedAt: Date | null;
  @Column({ type: 'varchar', length: 1000, nullable: true }) resolution: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) referredTo: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) referReason: string | null;
  @DateTimeColumn({ nullable: true }) referredAt: Date | null;
  @DateTimeColumn({ nullable: true }) reopenedAt: Date | null;
  @DateTimeColumn({ nullable: true }) closedAt: Date | null;
  @DateTimeColumn({ nullable: true }) ratedAt: Date | null;
  @Column({ type: 'boolean', nullable: true }) ratingResolved: boolean | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) satisfaction: RequestSatisfaction | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) ratingComment: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) unreasonableState: RequestUnreasonableState | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) unreasonableReason: string | null;
  @DateTimeColumn({ nullable: true }) unreasonableMarkedAt: Date | null;
  @DateTimeColumn({ nullable: true }) unreasonableConfirmedAt: Date | null;
  @Column({ type: 'int', default: 0 }) seconds: number;
  @Column({ type: 'int', nullable: true }) helpRequestId: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/** One step of a request's timeline; every step is visible to the resident. */
@Entity('resident_request_events')
@Index('idx_resident_request_events_request', ['requestId', 'id'])
export class ResidentRequestEvent {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) requestId: number;
  @Column({ type: 'varchar', length: 32 }) kind: RequestEventKind;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  @Column({ type: 'varchar', length: 2000, nullable: true }) note: string | null;
  @CreatedAtColumn() createdAt: Date;
}

/** 我也遇到: one row per resident and request; the unique key is what keeps the count exact. */
@Entity('resident_request_seconds')
@Index('uq_resident_request_seconds', ['requestId', 'userId'], { unique: true })
export class ResidentRequestSecond {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) requestId: number;
  @Column({ type: 'int' }) userId: number;
  @CreatedAtColumn() createdAt: Date;
}

/** Deadlines of one community; a community without a row uses the defaults of PRODUCT.md. */
@Entity('request_community_settings')
export class RequestCommunitySettings {
  @PrimaryColumn({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) acceptHoursUrgent: number;
  @Column({ type: 'int' }) acceptHoursNormal: number;
  @Column({ type: 'int' }) resolveDays: number;
  @Column({ type: 'int' }) extensionDaysMax: number;
}

/** Street settings of the composite (one row, id 1), in thousandths so they add up exactly. */
@Entity('request_street_settings')
export class RequestStreetSettings {
  @PrimaryColumn({ type: 'int' }) id: number;
  @Column({ type: 'int' }) weightResponse: number;
  @Column({ type: 'int' }) weightResolution: number;
  @Column({ type: 'int' }) weightSatisfaction: number;
}
