import { Injectable, Logger } from '@nestjs/common';
import { Cron, CronExpression } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, LessThan, type EntityManager } from 'typeorm';
import { AppException, conflict, refused } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
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

/** Thrown inside the transaction when the key is known: the transaction rolls back and the stored answer is used. */
class KeySeen {
  constructor(readonly row: IdempotencyKey | null) {}
}

@Injectable()
export class IdempotencyService {
  private readonly logger = new Logger(IdempotencyService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Runs the effect once per (user, key), in one ledger transaction with the key's claim and answer.
   * A replay gets the first answer; a different request under the same key is refused with 422.
   * A refused effect stores nothing, so a retry after the cause is fixed can succeed.
   */
  async once<T>(request: IdempotentRequest, effect: (manager: EntityManager) => Promise<T>): Promise<T> {
    const { userId, key } = request;
    if (!isValidIdempotencyKey(key)) throw new AppException('IDEMPOTENCY_KEY_REQUIRED', 400);
    const requestHash = idempotencyRequestHash(request.operation, request.body);
    try {
      return await runTransaction(this.dataSource, async (manager) => {
        const seen = await manager.findOneBy(IdempotencyKey, { userId, idempotencyKey: key });
        if (seen) throw new KeySeen(seen);
        let claimId: number;
        try {
          // Claimed first: a concurrent request with the same key waits here on the unique index, then finds it taken.
          claimId = (await manager.insert(IdempotencyKey, { userId, idempotencyKey: key, requestHash, response: null }))
            .identifiers[0].id;
        } catch (error) {
          if (isDuplicateKey(error)) throw new KeySeen(null);
          throw error;
        }
        const answer = await effect(manager);
        await manager.update(IdempotencyKey, { id: claimId }, { response: JSON.stringify(answer) });
        return answer;
      });
    } catch (error) {
      if (!(error instanceof KeySeen)) throw error;
      const stored =
        error.row ?? (await this.dataSource.getRepository(IdempotencyKey).findOneBy({ userId, idempotencyKey: key }));
      if (stored && compareIdempotentRequest(stored.requestHash, requestHash) === 'reused')
        throw refused('IDEMPOTENCY_KEY_REUSED');
      // Claimed by a request that is still running or was rolled back: the client may retry.
      if (!stored?.response) throw conflict('CONFLICT');
      return JSON.parse(stored.response) as T;
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
