import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { Clock } from './clock.js';
import { RateLimitCounter } from './rate-limit.entity.js';
import type { RateLimitHit, RateLimitRecord, RateLimitStorage } from './rate-limit-storage.js';

/** `bucket LIKE ? ESCAPE '!'` for every row of one counter, whatever characters its key has. */
function shardsOf(counter: string): string {
  return `${counter.replace(/[!%_]/g, (c) => `!${c}`)}#%`;
}

interface Counter extends RateLimitHit {
  counter: string;
  /** This process's row of the counter. */
  bucket: string;
}

/**
 * Fixed-window counters in the database, so that limits hold across server processes.
 * Each process counts in a row of its own (`<counter>#<shard>`) and reads the sum of every process's row: a busy
 * counter is then never a row that every node of a Galera cluster writes at once (each hit would lose to another
 * node's at commit), and within one process the hits on it take turns on its row lock.
 * A request's counters (its IP's and its user's) cost two statements together: one UPDATE counts the hit on this
 * process's rows, one SELECT reads every process's rows. Each is atomic on its own, so no transaction is held.
 * Opening a window (the first hit, or the first after one ended) and starting a block are the rare paths; rows whose
 * window ended are deleted every ten minutes (deleteEnded).
 */
@Injectable()
export class DatabaseThrottlerStorage implements RateLimitStorage {
  private readonly shard = randomBytes(4).toString('hex');
  /** This process's rows by bucket: when each one's window ends. */
  private readonly openUntil = new Map<string, number>();

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async increment(
    key: string,
    ttl: number,
    limit: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord> {
    const [record] = await this.hitAll([{ key, limit }], ttl, blockDuration, throttlerName);
    return record;
  }

  async hitAll(
    hits: readonly RateLimitHit[],
    ttl: number,
    blockDuration: number,
    throttlerName: string,
  ): Promise<RateLimitRecord[]> {
    const now = this.clock.now().getTime();
    const counters: Counter[] = hits.map((hit) => {
      const counter = `${throttlerName}:${hit.key}`.slice(0, 191 - 1 - this.shard.length);
      return { ...hit, counter, bucket: `${counter}#${this.shard}` };
    });
    const repo = this.dataSource.getRepository(RateLimitCounter);
    // Only this process writes its rows, so it knows which are open: the UPDATE counts on those, and a new window is
    // opened straight away. (Counting on every row and opening what the UPDATE missed lost a hit when a concurrent
    // hit opened the row in between: the row was there, uncounted.)
    const open = counters.filter((c) => (this.openUntil.get(c.bucket) ?? 0) > now);
    if (open.length)
      await repo
        .createQueryBuilder()
        .update()
        .set({ hits: () => 'hits + 1' })
        .where('bucket IN (:...buckets) AND expiresAt > :now', { buckets: open.map((c) => c.bucket), now })
        .execute();
    for (const counter of counters) if (!open.includes(counter)) await this.openWindow(counter, ttl, now);
    let rows = await this.rowsOf(repo.manager, counters, now);
    // A row taken as open that is gone (deleted by another process whose clock runs ahead) was not counted.
    const gone = open.filter((c) => !rows.some((r) => r.bucket === c.bucket));
    if (gone.length) {
      for (const counter of gone) await this.openWindow(counter, ttl, now);
      rows = await this.rowsOf(repo.manager, counters, now);
    }
    for (const row of rows)
      if (counters.some((c) => c.bucket === row.bucket)) this.openUntil.set(row.bucket, row.expiresAt);
    return Promise.all(counters.map((counter) => this.recordOf(counter, rows, blockDuration, now)));
  }

  private rowsOf(manager: EntityManager, counters: readonly Counter[], now: number): Promise<RateLimitCounter[]> {
    const query = manager.getRepository(RateLimitCounter).createQueryBuilder('c').where('c.expiresAt > :now', { now });
    const shards = counters.map((c, i) => [`shards${i}`, shardsOf(c.counter)] as const);
    return query
      .andWhere(
        `(${shards.map(([name]) => `c.bucket LIKE :${name} ESCAPE '!'`).join(' OR ')})`,
        Object.fromEntries(shards),
      )
      .getMany();
  }

  /**
   * A new window for this process's row, keeping a block it has. Two hits opening it at once: one resets or inserts
   * the row, the other counts on it. Each statement commits alone: in one transaction, the reset's gap lock on a
   * missing row and the insert into that gap deadlocked with other counters' openings (1,000 volunteers scanning in at
   * once waited up to a second on the retries, bench/results/3-races.md). Only this process writes its row.
   */
  private async openWindow(counter: Counter, ttl: number, now: number): Promise<void> {
    const repo = this.dataSource.getRepository(RateLimitCounter);
    const reset = await repo
      .createQueryBuilder()
      .update()
      .set({ hits: 1, expiresAt: now + ttl })
      .where('bucket = :bucket AND expiresAt <= :now', { bucket: counter.bucket, now })
      .execute();
    if (reset.affected) return;
    try {
      await repo.insert({ bucket: counter.bucket, hits: 1, expiresAt: now + ttl, blockedUntil: 0 });
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      await repo.increment({ bucket: counter.bucket }, 'hits', 1);
    }
  }

  /**
   * Rows whose window and block have ended count for nothing (reads skip them): the rows of processes that stopped,
   * and of counters not hit since, go here. Every process may run it; deleting twice is harmless.
   */
  @Cron(CronExpression.EVERY_10_MINUTES)
  async deleteEnded(): Promise<number> {
    const now = this.clock.now().getTime();
    for (const [bucket, until] of this.openUntil) if (until <= now) this.openUntil.delete(bucket);
    const result = await runTransaction(this.dataSource, (manager) =>
      manager
        .createQueryBuilder()
        .delete()
        .from(RateLimitCounter)
        .where('expiresAt <= :now AND blockedUntil <= :now', { now })
        .execute(),
    );
    return result.affected ?? 0;
  }

  private async recordOf(
    counter: Counter,
    rows: readonly RateLimitCounter[],
    blockDuration: number,
    now: number,
  ): Promise<RateLimitRecord> {
    const prefix = `${counter.counter}#`;
    const shards = rows.filter((r) => r.bucket.startsWith(prefix) && !r.bucket.slice(prefix.length).includes('#'));
    const mine = shards.find((r) => r.bucket === counter.bucket)!;
    const total = shards.reduce((sum, r) => sum + r.hits, 0);
    if (total > counter.limit && mine.blockedUntil <= now) {
      mine.blockedUntil = now + blockDuration;
      await this.dataSource
        .getRepository(RateLimitCounter)
        .update({ bucket: counter.bucket }, { blockedUntil: mine.blockedUntil });
    }
    const blockedUntil = Math.max(...shards.map((r) => r.blockedUntil));
    return {
      totalHits: total,
      timeToExpire: Math.max(0, Math.ceil((mine.expiresAt - now) / 1000)),
      isBlocked: blockedUntil > now,
      timeToBlockExpire: Math.max(0, Math.ceil((blockedUntil - now) / 1000)),
    };
  }
}
