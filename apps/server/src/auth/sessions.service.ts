import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull, type EntityManager } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { Clock } from '../common/clock.js';
import { RawReads } from '../database/raw-reads.js';
import { User } from '../users/user.entity.js';
import { SESSION_USER_SQL, USER_BY_ID_SQL } from './session-user.js';
import { Session } from './session.entity.js';

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** Opaque bearer tokens backed by rows, so sessions survive restarts and end the moment they are revoked. */
@Injectable()
export class SessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly raw: RawReads,
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

  /**
   * The user of a live session, or null. One indexed query per request, read afresh every time (no cache), so a
   * revoked or expired session ends at once in every server process.
   */
  async resolve(token: string): Promise<User | null> {
    const [row] = await this.raw.rows<Record<string, unknown>>(SESSION_USER_SQL, [hashToken(token), this.clock.now()]);
    return row ? this.raw.hydrate(User, row) : null;
  }

  /** A user by id, read as a session's user is (the person named by X-Act-For), or null. */
  async userById(id: number): Promise<User | null> {
    const [row] = await this.raw.rows<Record<string, unknown>>(USER_BY_ID_SQL, [id]);
    return row ? this.raw.hydrate(User, row) : null;
  }

  async revoke(token: string): Promise<void> {
    await this.dataSource
      .getRepository(Session)
      .update({ tokenHash: hashToken(token), revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }

  async revokeAllOf(userId: number, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.update(Session, { userId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
  }
}
