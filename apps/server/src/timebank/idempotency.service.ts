import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { AppException, refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { insertRows } from '../database/inserts.js';
import { IdempotencyKey } from './idempotency-key.entity.js';
import { isDuplicateKey, runTransaction } from '../database/transaction.js';
import { compareIdempotentRequest, idempotencyRequestHash, isValidIdempotencyKey } from './timebank.rules.js';

/** Keys are kept at least this long; a retry after that is a new request. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 60 * 60 * 1000;

export interface IdempotentRequest {
  userId: number;
  key: string | undefined;
  /** The operation the key is bound to, e.g. 'timebank.transfer' or 'rewards.redeem:3'. */
  operation: string;
  body: unknown;
}

@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs the effect once per (user, key), in one transaction that ends by storing the key with its answer.
   * A replay, or a request racing the first with the same key, finds the key taken (the unique index makes it wait
   * for the first to commit), so its whole transaction, effect included, rolls back and it gets the first answer,
   * also when its own effect was refused (the first one spent the credits). A different request under the same key
   * is refused with 422. A refused effect stores nothing, so a retry after the cause is fixed can succeed.
   */
  async once<T>(request: IdempotentRequest, effect: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { userId, key } = request;
    if (!isValidIdempotencyKey(key)) throw refuse('IDEMPOTENCY_KEY_REQUIRED');
    const requestHash = idempotencyRequestHash(request.operation, request.body);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const answer = await effect(manager);
        await insertRows(manager, IdempotencyKey, {
          userId,
          idempotencyKey: key,
          requestHash,
          response: JSON.stringify(answer),
        });
        return answer;
      });
    } catch (error) {
      if (!isDuplicateKey(error) && !(error instanceof AppException)) throw error;
      const stored = await this.dataSource.getRepository(IdempotencyKey).findOneBy({ userId, idempotencyKey: key });
      if (!stored) throw error;
      if (compareIdempotentRequest(stored.requestHash, requestHash) === 'reused')
        throw refuse('IDEMPOTENCY_KEY_REUSED');
      return JSON.parse(stored.response!) as T;
    }
  }

  /** Forgets keys older than the TTL. Every process may run it; deleting twice is harmless. */
  @Cron(CronExpression.EVERY_HOUR)
  async deleteExpired(): Promise<number> {
    const cutoff = new Date(this.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS);
    const result = await runTransaction(this.dataSource, (manager) =>
      manager.delete(IdempotencyKey, { createdAt: LessThan(cutoff) }),
    );
    if (result.affected) this.logger.log(`Deleted ${result.affected} expired idempotency keys`);
    return result.affected ?? 0;
  }
}
