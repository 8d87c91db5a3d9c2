import type { RedemptionStatus } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/** An item of a community's reward catalogue. Stock only changes by conditional updates. */
@Entity('timebank_rewards')
@Index('idx_timebank_rewards_community', ['communityId', 'active', 'id'])
export class Reward {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 500 }) description: string;
  @Column({ type: 'int' }) priceMinutes: number;
  @Column({ type: 'int' }) stock: number;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @Column({ type: 'int', nullable: true }) createdById: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/** A resident's redemption: paid by a redemption transaction; cancelling writes its reversal. */
@Entity('timebank_redemptions')
@Index('uq_timebank_redemptions_tx', ['transactionId'], { unique: true })
@Index('idx_timebank_redemptions_community', ['communityId', 'status', 'id'])
@Index('idx_timebank_redemptions_user', ['userId', 'id'])
export class RewardRedemption {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int' }) rewardId: number;
  @Column({ type: 'int' }) userId: number;
  /** The price paid, kept as it was at redemption. */
  @Column({ type: 'int' }) priceMinutes: number;
  @Column({ type: 'varchar', length: 16 }) status: RedemptionStatus;
  @Column({ type: 'int' }) transactionId: number;
  @Column({ type: 'int', nullable: true }) reversalId: number | null;
  @Column({ type: 'int', nullable: true }) handledById: number | null;
  @DateTimeColumn({ nullable: true }) handledAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
