import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/** A login. The token itself is never stored, only its SHA-256, so a database leak yields no sessions. */
@Entity('sessions')
@Index('uq_sessions_token', ['tokenHash'], { unique: true })
export class Session {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 64 }) tokenHash: string;
  @Index('idx_sessions_user') @Column({ type: 'int' }) userId: number;
  @CreatedAtColumn() createdAt: Date;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true }) revokedAt: Date | null;
}
