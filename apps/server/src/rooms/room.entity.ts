import type { SlotMinutes } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/** A room of the activity centre with its booking rules. Photos and facilities are JSON arrays in text. */
@Entity('rooms')
@Index('idx_rooms_community', ['communityId', 'active', 'id'])
export class Room {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'varchar', length: 50 }) name: string;
  @Column({ type: 'varchar', length: 500 }) description: string;
  @Column({ type: 'varchar', length: 2000 }) photos: string;
  @Column({ type: 'int' }) capacity: number;
  @Column({ type: 'varchar', length: 500 }) facilities: string;
  /** 'HH:mm' in Asia/Shanghai. */
  @Column({ type: 'varchar', length: 5 }) openTime: string;
  @Column({ type: 'varchar', length: 5 }) closeTime: string;
  @Column({ type: 'int' }) slotMinutes: SlotMinutes;
  @Column({ type: 'int' }) maxMinutes: number;
  @Column({ type: 'int' }) bookAheadDays: number;
  @Column({ type: 'int' }) minNoticeMinutes: number;
  @Column({ type: 'boolean', default: false }) requiresApproval: boolean;
  @Column({ type: 'boolean', default: true }) active: boolean;
  /** Time credit a booking costs per hour (minutes), held at booking; 0 = free. */
  @Column({ type: 'int', default: 0 }) priceMinutesPerHour: number;
  @CreatedAtColumn() createdAt: Date;
}

/** A time no booking may use: one room, or (roomId null) the whole centre of the community. */
@Entity('room_closures')
@Index('idx_room_closures_community', ['communityId', 'endAt'])
export class RoomClosure {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) communityId: number;
  @Column({ type: 'int', nullable: true }) roomId: number | null;
  @DateTimeColumn() startAt: Date;
  @DateTimeColumn() endAt: Date;
  @Column({ type: 'varchar', length: 100 }) reason: string;
  @Column({ type: 'int', nullable: true }) createdById: number | null;
  @CreatedAtColumn() createdAt: Date;
}
