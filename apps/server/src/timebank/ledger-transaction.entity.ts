import type { LedgerKind } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/** One movement of minutes from one account to another. Never updated, never deleted: corrections are reversals. */
@Entity('timebank_transactions')
// A transaction is reversed at most once, whatever the concurrency.
@Index('uq_timebank_tx_reverses', ['reversesId'], { unique: true })
@Index('idx_timebank_tx_community', ['communityId', 'id'])
export class LedgerTransaction {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 16 }) kind: LedgerKind;
  @Column({ type: 'int' }) fromAccountId: number;
  @Column({ type: 'int' }) toAccountId: number;
  /** Whole minutes, > 0. */
  @Column({ type: 'int' }) amount: number;
  @Column({ type: 'varchar', length: 200 }) memo: string;
  /** What it is about, e.g. 'reward-redemption:12' or 'activity:3'. */
  @Column({ type: 'varchar', length: 64, nullable: true }) reference: string | null;
  @Column({ type: 'varchar', length: 100, nullable: true }) idempotencyKey: string | null;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  @Column({ type: 'int', nullable: true }) reversesId: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/** The two sides of a transaction: −amount on the payer, +amount on the payee. Balances are sums of these. */
@Entity('timebank_entries')
// Statements walk it by account and transaction; the audit sums amounts from it alone.
@Index('idx_timebank_entries_account_amount', ['accountId', 'transactionId', 'amount'])
export class LedgerEntry {
  @PrimaryColumn({ type: 'int' }) transactionId: number;
  @PrimaryColumn({ type: 'int' }) accountId: number;
  /** Signed minutes. */
  @Column({ type: 'int' }) amount: number;
}
