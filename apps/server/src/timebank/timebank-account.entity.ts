import type { TimebankAccountKind } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/**
 * A resident's account or a community's pool. `balance` is a cache of the entries:
 * only LedgerService.post changes it, inside the transaction that writes them.
 */
@Entity('timebank_accounts')
// 'user:<id>' or 'pool:<communityId>': one account per owner, whichever process opens it.
@Index('uq_timebank_accounts_owner', ['ownerKey'], { unique: true })
@Index('idx_timebank_accounts_community', ['communityId', 'kind', 'id'])
@Index('idx_timebank_accounts_user', ['userId'])
export class TimebankAccount {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  /** Null for the pool. */
  @Column({ type: 'int', nullable: true }) userId: number | null;
  @Column({ type: 'varchar', length: 16 }) kind: TimebankAccountKind;
  @Column({ type: 'varchar', length: 32 }) ownerKey: string;
  /** Whole minutes; never below zero for a resident (the pool may go negative). */
  @Column({ type: 'int' }) balance: number;
  @CreatedAtColumn() createdAt: Date;
}
