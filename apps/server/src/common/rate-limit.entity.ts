import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Rate-limit counters live in the database so that every server process sees the same count. */
@Entity('rate_limits')
export class RateLimitCounter {
  @PrimaryColumn({ type: 'varchar', length: 191 }) bucket: string;
  @Column({ type: 'int' }) hits: number;
  /** Epoch milliseconds when the window ends. */
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  expiresAt: number;
  @Column({ type: 'bigint', transformer: { to: (v: number) => v, from: (v: string | number) => Number(v) } })
  blockedUntil: number;
}
