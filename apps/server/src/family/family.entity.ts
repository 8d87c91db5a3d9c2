import type { FamilyBindingVia, FamilyCreditAskStatus, FamilyRelation } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/**
 * A one-time binding code an elder hands to a family member. The code is unique among the rows kept: rows expired
 * before now are deleted when a new code is made, so the 10⁶ codes are shared by the codes of the last minutes only.
 */
@Entity('family_codes')
@Index('uq_family_codes_code', ['code'], { unique: true })
@Index('idx_family_codes_expires', ['expiresAt'])
export class FamilyCode {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 6 }) code: string;
  @Column({ type: 'int' }) elderId: number;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true }) usedAt: Date | null;
  @Column({ type: 'int', nullable: true }) usedById: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/** The member may act for the elder (亲情代办) while the binding is active; one row per pair, revoked and revived. */
@Entity('family_bindings')
@Index('uq_family_bindings_pair', ['elderId', 'memberId'], { unique: true })
@Index('idx_family_bindings_member', ['memberId', 'status'])
export class FamilyBinding {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) elderId: number;
  @Column({ type: 'int' }) memberId: number;
  /** What the member is to the elder. */
  @Column({ type: 'varchar', length: 16 }) relation: FamilyRelation;
  @Column({ type: 'varchar', length: 8 }) via: FamilyBindingVia;
  @Column({ type: 'varchar', length: 16 }) status: 'active' | 'revoked';
  /** The member (by code) or the staff member at the desk. */
  @Column({ type: 'int' }) createdById: number;
  @DateTimeColumn() boundAt: Date;
  @DateTimeColumn({ nullable: true }) revokedAt: Date | null;
  @Column({ type: 'int', nullable: true }) revokedById: number | null;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * 代办转出: a bound member asks the elder for credits to themselves; the elder confirms in their own session, and the
 * transfer and the confirmation commit together. `openBindingId` is the binding's id while the ask is pending and
 * null once decided: its unique key keeps one open ask per binding on every database.
 */
@Entity('family_credit_asks')
@Index('uq_family_credit_asks_open', ['openBindingId'], { unique: true })
@Index('idx_family_credit_asks_elder', ['elderId', 'id'])
@Index('idx_family_credit_asks_member', ['memberId', 'id'])
export class FamilyCreditAsk {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) bindingId: number;
  @Column({ type: 'int', nullable: true }) openBindingId: number | null;
  @Column({ type: 'int' }) elderId: number;
  @Column({ type: 'int' }) memberId: number;
  @Column({ type: 'int' }) minutes: number;
  @Column({ type: 'varchar', length: 100 }) reason: string;
  @Column({ type: 'varchar', length: 16 }) status: FamilyCreditAskStatus;
  @DateTimeColumn() expiresAt: Date;
  @DateTimeColumn({ nullable: true }) decidedAt: Date | null;
  /** The outgoing ledger transaction of a confirmed ask. */
  @Column({ type: 'int', nullable: true }) transactionId: number | null;
  @CreatedAtColumn() createdAt: Date;
}
