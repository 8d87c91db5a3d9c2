import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ThrottlerStorage } from '@nestjs/throttler';
import { DataSource, type EntityManager } from 'typeorm';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { Clock } from './clock.js';
import { RateLimitCounter } from './rate-limit.entity.js';

type ThrottlerStorageRecord = Awaited<ReturnType<ThrottlerStorage['increment']>>;

/** `bucket LIKE ? ESCAPE '!'` for every row of one counter, whatever characters its key has. */
function shardsOf(counter: string): string {
  return `${counter.replace(/[!%_]/g, (c) => `!${c}`)}#%`;
}

/**
 * Fixed-window counters in the database, so that limits hold across server processes.
 * Each process counts in a row of its own (`<counter>#<shard>`) and reads the sum of every process's row: a busy
 * counter is then never a row that every node of a Galera cluster writes at once (each hit would lose to another
 * node's at commit), and within one process the hits on it take turns on its row lock. On MySQL one transaction
 * per hit (runTransaction, retried as a whole); a window whose row is gone is opened again by an insert, and a lost
 * insert race falls back to the update.
 */
@Injectable()
export class DatabaseThrottlerStorage implements ThrottlerStorage {
  private readonly shard = randomBytes(4).toString('hex');

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
  ): Promise<ThrottlerStorageRecord> {
    const counter = `${throttlerName}:${key}`.slice(0, 191 - 1 - this.shard.length);
    const bucket = `${counter}#${this.shard}`;
    const now = this.clock.now().getTime();
    const work = async (manager: EntityManager) => {
      const repo = manager.getRepository(RateLimitCounter);
      const bump = () =>
        repo
          .createQueryBuilder()
          .update()
          .set({ hits: () => 'hits + 1' })
          .where('bucket = :bucket AND expiresAt > :now', { bucket, now })
          .execute();
      if (!(await bump()).affected) {
        // A new window: this process's old row, and rows of processes that stopped, expired.
        await repo
          .createQueryBuilder()
          .delete()
          .where("bucket LIKE :shards ESCAPE '!' AND expiresAt <= :now AND blockedUntil <= :now", {
            shards: shardsOf(counter),
            now,
          })
          .execute();
        await repo.delete({ bucket });
        try {
          await repo.insert({ bucket, hits: 1, expiresAt: now + ttl, blockedUntil: 0 });
        } catch (error) {
          if (!isDuplicateKey(error)) throw error;
          await bump(); // a concurrent hit of this process opened the window first
        }
      }
      const rows = await repo
        .createQueryBuilder('c')
        .where("c.bucket LIKE :shards ESCAPE '!' AND c.expiresAt > :now", { shards: shardsOf(counter), now })
        .getMany();
      const mine = rows.find((r) => r.bucket === bucket)!;
      const total = rows.reduce((sum, r) => sum + r.hits, 0);
      if (total > limit && mine.blockedUntil <= now) {
        mine.blockedUntil = now + blockDuration;
        await repo.update({ bucket }, { blockedUntil: mine.blockedUntil });
      }
      return { own: mine, hits: total, blockedUntil: Math.max(...rows.map((r) => r.blockedUntil)) };
    };
    // SQLite serves one process (several processes run on MySQL): its statements need no transaction, and one
    // would hold the file's write lock across awaits, which a second connection in the same process waits on
    // synchronously (busy_timeout) without letting the first one finish.
    const { own, hits, blockedUntil } =
      this.dataSource.options.type === 'better-sqlite3'
        ? await work(this.dataSource.manager)
        : await runTransaction(this.dataSource, work);
    return {
      totalHits: hits,
      timeToExpire: Math.max(0, Math.ceil((own.expiresAt - now) / 1000)),
      isBlocked: blockedUntil > now,
      timeToBlockExpire: Math.max(0, Math.ceil((blockedUntil - now) / 1000)),
    };
  }
}
