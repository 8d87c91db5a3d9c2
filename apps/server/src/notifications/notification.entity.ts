import type { NotificationKind } from '@linli/shared-types';
import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { CreatedAtColumn, DateTimeColumn } from '../database/columns.js';

/** An in-app inbox entry of one user. */
@Entity('notifications')
@Index('idx_notifications_user_id', ['userId', 'id'])
@Index('idx_notifications_user_unread', ['userId', 'readAt'])
export class Notification {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'int' }) userId: number;
  @Column({ type: 'int', nullable: true }) communityId: number | null;
  @Column({ type: 'varchar', length: 32 }) kind: NotificationKind;
  @Column({ type: 'varchar', length: 100 }) title: string;
  @Column({ type: 'varchar', length: 500 }) body: string;
  @Column({ type: 'varchar', length: 255, nullable: true }) link: string | null;
  @DateTimeColumn({ nullable: true }) readAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}

/**
 * sending: the request to WeChat is out. A message left "sending" by a process that died is marked unknown: it may
 * have arrived, and WeChat has no idempotency key, so it is not sent again (never twice; the inbox row has it anyway).
 */
export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped' | 'unknown';

/** A message to deliver outside the app, written in the same transaction as the change that causes it. */
@Entity('outbox_messages')
@Index('idx_outbox_due', ['status', 'nextAttemptAt'])
export class OutboxMessage {
  @PrimaryGeneratedColumn() id: number;
  @Column({ type: 'varchar', length: 32 }) channel: 'wechat_subscribe';
  @Column({ type: 'int' }) userId: number;
  /** JSON of WechatSubscribePayload. */
  @Column({ type: 'text' }) payload: string;
  @Column({ type: 'varchar', length: 16 }) status: OutboxStatus;
  @Column({ type: 'int', default: 0 }) attempts: number;
  @DateTimeColumn() nextAttemptAt: Date;
  /** Lease: the worker that claimed the message owns it until then. */
  @DateTimeColumn({ nullable: true }) lockedUntil: Date | null;
  @Column({ type: 'varchar', length: 64, nullable: true }) lockedBy: string | null;
  @Column({ type: 'varchar', length: 500, nullable: true }) lastError: string | null;
  @DateTimeColumn({ nullable: true }) sentAt: Date | null;
  @CreatedAtColumn() createdAt: Date;
}
