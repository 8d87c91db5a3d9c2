import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn } from '../database/columns.js';

@Entity('communities')
@Index('uq_communities_code', ['code'], { unique: true })
export class Community {
  @PrimaryGeneratedColumn() id: number;
  /** Short code residents type or scan, e.g. "G". */
  @Column({ type: 'varchar', length: 16 }) code: string;
  @Column({ type: 'varchar', length: 64 }) name: string;
  @CreatedAtColumn() createdAt: Date;
}
