import type { Role, UserStatus } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

@Entity('users')
@Index('uq_users_username', ['username'], { unique: true })
@Index('uq_users_openid', ['openid'], { unique: true })
@Index('uq_users_community_phone', ['communityId', 'phone'], { unique: true })
@Index('idx_users_community_status', ['communityId', 'status', 'id'])
// A notice's stats read the audience from this index alone (notices/notice-audience.service.ts, migration 1765400000000).
@Index('idx_users_audience', ['communityId', 'status', 'role', 'buildingId', 'unit', 'room', 'name', 'phone'])
export class User {
  @PrimaryGeneratedColumn() id: number;
  /** Null only for a WeChat newcomer who has not chosen a building yet. */
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'varchar', length: 16 }) role: Role;
  @Column({ type: 'varchar', length: 16 }) status: UserStatus;
  @Column({ type: 'boolean', default: false }) volunteer: boolean;
  @Column({ type: 'varchar', length: 32, nullable: true }) name: string | null;
  @Column({ type: 'varchar', length: 20, nullable: true }) phone: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) username: string | null;
  @Column({ type: 'varchar', length: 255, nullable: true, select: false }) passwordHash: string | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) openid: string | null;
  /** WeChat session_key: kept for decrypting user data later, never sent or logged. */
  @Column({ type: 'varchar', length: 128, nullable: true, select: false }) wechatSessionKey: string | null;
  @Column({ type: 'int', nullable: true }) buildingId: number | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) unit: string | null;
  @Column({ type: 'varchar', length: 16, nullable: true }) room: string | null;
  @DateTimeColumn({ nullable: true }) verifiedAt: Date | null;
  @Column({ type: 'int', nullable: true }) verifiedById: number | null;
  /** Bumped first by each of the resident's bookings: they take turns on this row, on every node of a cluster. */
  @Column({ type: 'int', default: 0, select: false }) bookingTurn: number;
  @CreatedAtColumn() createdAt: Date;
}
