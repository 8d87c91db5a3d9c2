import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { Clock } from '../common/clock.js';
import { User } from '../users/user.entity.js';
import { Session } from './session.entity.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque bearer tokens backed by rows, so sessions survive restarts and end the moment they are revoked. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async open(userId: number, manager: EntityManager = this.dataSource.manager): Promise<string> {
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    await manager.insert(Session, {
      tokenHash: hashToken(token),
      userId,
      createdAt: now,
      expiresAt: new Date(now.getTime() + this.config.sessionTtlDays * 86_400_000),
      revokedAt: null,
    });
    return token;
  }

  /** The user of a live session, or null. One indexed query per request. */
  async resolve(token: string): Promise<User | null> {
    return this.dataSource.getRepository(User).createQueryBuilder('user')
      .innerJoin(Session, 'session', 'session.userId = user.id')
      .where('session.tokenHash = :hash', { hash: hashToken(token) })
      .andWhere('session.revokedAt IS NULL')
      .andWhere('session.expiresAt > :now', { now: this.clock.now() })
      .getOne();
  }

  async revoke(token: string): Promise<void> {
    await this.dataSource.getRepository(Session).update({ tokenHash: hashToken(token), revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async revokeAllOf(userId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }
}
