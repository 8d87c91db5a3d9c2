import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

/** Who did what to whom: written for every staff action, never edited. */
@Entity('audit_entries')
@Index('idx_audit_community_id', ['communityId', 'id'])
export class AuditEntry {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'int', nullable: true }) actorId: number | null;
  /** The resident the actor acted for (亲情代办, 窗口代办), else null. */
  @Column({ type: 'int', nullable: true }) onBehalfOfId: number | null;
  @Column({ type: 'varchar', length: 64 }) action: string;
  @Column({ type: 'varchar', length: 32 }) targetType: string;
  @Column({ type: 'varchar', length: 64, nullable: true }) targetId: string | null;
  @Column({ type: 'varchar', length: 500 }) summary: string;
  @CreatedAtColumn() createdAt: Date;
}
