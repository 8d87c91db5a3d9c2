import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/**
 * A client's Idempotency-Key and the first answer given to it, written in the transaction of the effect,
 * so a retried request (from any server process) gets that answer and has no second effect.
 */
@Entity('idempotency_keys')
@Index('uq_idempotency_keys_user_key', ['userId', 'idempotencyKey'], { unique: true })
@Index('idx_idempotency_keys_created', ['createdAt'])
export class IdempotencyKey {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'varchar', length: 100 }) idempotencyKey: string;
  /** sha256 of the route and the body. */
  @Column({ type: 'varchar', length: 64 }) requestHash: string;
  /** JSON of the first successful answer, stored with the key in the transaction of the effect. */
  @Column({ type: 'text', nullable: true }) response: string | null;
  @CreatedAtColumn() createdAt: Date;
}
