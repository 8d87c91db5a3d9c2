import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

export const holdStatuses = ['held', 'released', 'charged'] as const;
export type HoldStatus = (typeof holdStatuses)[number];

/**
 * A promise of credits: `amount` moved from the payer into the community's escrow by a `hold` transaction, and
 * out again once, by a release (back to the payer) or a charge (to the helper or the pool, any rest released).
 * Which of them happens is decided by the conditional update of `status` from 'held', never by a lock.
 */
@Entity('timebank_holds')
// One hold per thing it is for ('help-request:12', 'booking:7'): a retried posting cannot hold twice.
@Index('uq_timebank_holds_reference', ['reference'], { unique: true })
// GET timebank/account sums a payer's open holds.
@Index('idx_timebank_holds_payer', ['payerAccountId', 'status', 'amount'])
@Index('idx_timebank_holds_community', ['communityId', 'status'])
export class TimebankHold {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  /** A resident's account, or the pool (a care recipient's help request, paid by the community). */
  @Column({ type: 'int' }) payerAccountId: number;
  /** Whole minutes, > 0. */
  @Column({ type: 'int' }) amount: number;
  @Column({ type: 'varchar', length: 16 }) status: HoldStatus;
  @Column({ type: 'varchar', length: 64 }) reference: string;
  @Column({ type: 'int' }) holdTransactionId: number;
  @DateTimeColumn({ nullable: true }) closedAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
