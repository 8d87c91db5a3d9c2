import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { APP_CONFIG, type AppConfig } from '../common/app-config.js';
import { Clock } from '../common/clock.js';
import { User } from '../users/user.entity.js';
import { OutboxMessage } from './notification.entity.js';
import { afterAttempt } from './notifications.rules.js';
import { WechatSubscribeClient, type WechatSubscribePayload } from './wechat-subscribe.client.js';

export interface OutboxRunSummary {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  failed: number;
  /** Sent, but no answer came back: not sent again. */
  unknown: number;
}

/**
 * Delivers outbox messages. Any number of processes may run it: a message is claimed with a
 * conditional UPDATE that takes a lease (lockedBy, lockedUntil), so only one process sends it;
 * a process that dies mid-batch leaves its lease to expire and another picks the message up.
 * Right before its request goes out a message is marked "sending"; one still "sending" when its lease
 * ends belonged to a process that died waiting for WeChat's answer, so it is marked "unknown" and not
 * sent again: a crash never sends a message twice, and never drops one that had not gone out.
 */
@Injectable()
export class OutboxWorker implements OnApplicationBootstrap {
  private readonly logger = new Logger(OutboxWorker.name);
  readonly workerId = `${hostname().slice(0, 24)}-${process.pid}-${randomBytes(4).toString('hex')}`;
  private claims = 0;
  private running = false;
  batchSize = 10;
  leaseMs: number;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
    private readonly client: WechatSubscribeClient,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Optional() private readonly scheduler?: SchedulerRegistry,
  ) {
    this.leaseMs = config.outboxLeaseMs;
  }

  onApplicationBootstrap(): void {
    if (!this.client.enabled) {
      this.logger.log(
        'WeChat subscribe messages are off (WECHAT_APPID, WECHAT_SECRET, WECHAT_TEMPLATE_NOTICE); outbox messages wait',
      );
      return;
    }
    this.scheduler?.addInterval(
      'outbox',
      setInterval(() => void this.tick(), this.config.outboxPollMs),
    );
  }

  /** One interval tick; ticks of one process never overlap. */
  async tick(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      await this.runOnce();
    } catch (error) {
      this.logger.error(`outbox run failed: ${(error as Error).message}`);
    } finally {
      this.running = false;
    }
  }

  /** Claims one batch of due messages and tries each once. */
  async runOnce(): Promise<OutboxRunSummary> {
    const summary: OutboxRunSummary = { claimed: 0, sent: 0, skipped: 0, retried: 0, failed: 0, unknown: 0 };
    if (!this.client.enabled) return summary;
    const { token, messages } = await this.claim();
    summary.claimed = messages.length;
    if (!messages.length) return summary;
    const users = await this.dataSource
      .getRepository(User)
      .find({ select: { id: true, openid: true }, where: { id: In(messages.map((m) => m.userId)) } });
    const openids = new Map(users.map((u) => [u.id, u.openid]));
    const repo = this.dataSource.getRepository(OutboxMessage);
    for (const message of messages) {
      const lease = { id: message.id, lockedBy: token, status: 'pending' as const };
      const started = await repo.update(lease, {
        status: 'sending',
        lockedUntil: new Date(this.clock.now().getTime() + this.leaseMs),
      });
      if (!started.affected) continue; // the lease ran out and another process took the message
      const result = await this.client.send(
        openids.get(message.userId) ?? null,
        JSON.parse(message.payload) as WechatSubscribePayload,
      );
      const next = afterAttempt(result, message.attempts, this.clock.now());
      await repo.update(
        { ...lease, status: 'sending' },
        {
          status: next.status,
          lastError: next.lastError,
          lockedBy: null,
          lockedUntil: null,
          ...(next.nextAttemptAt ? { nextAttemptAt: next.nextAttemptAt } : {}),
          ...(next.status === 'sent' ? { sentAt: this.clock.now() } : {}),
        },
      );
      if (next.status === 'pending') summary.retried++;
      else summary[next.status]++;
    }
    return summary;
  }

  /**
   * Picks due, unleased messages, then leases them with one conditional UPDATE. Another process
   * racing for the same rows finds them leased (the UPDATE re-checks its condition on the current
   * row), so each message ends up with exactly one owner; attempts counts the claim.
   */
  async claim(limit = this.batchSize): Promise<{ token: string; messages: OutboxMessage[] }> {
    const now = this.clock.now();
    const token = `${this.workerId}:${++this.claims}`;
    const repo = this.dataSource.getRepository(OutboxMessage);
    await repo
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({
        status: 'unknown',
        lockedBy: null,
        lockedUntil: null,
        lastError: 'outcome unknown: the process sending it stopped before WeChat answered; not sent again',
      })
      .where('status = :sending AND lockedUntil <= :now', { sending: 'sending', now })
      .execute();
    const due: Array<{ id: number | string }> = await repo
      .createQueryBuilder('m')
      .select('m.id', 'id')
      .where('m.status = :pending AND m.nextAttemptAt <= :now', { pending: 'pending', now })
      .andWhere('(m.lockedUntil IS NULL OR m.lockedUntil <= :now)', { now })
      .orderBy('m.nextAttemptAt', 'ASC')
      .addOrderBy('m.id', 'ASC')
      .limit(limit)
      .getRawMany();
    if (!due.length) return { token, messages: [] };
    const ids = due.map((row) => Number(row.id));
    await repo
      .createQueryBuilder()
      .update(OutboxMessage)
      .set({ lockedBy: token, lockedUntil: new Date(now.getTime() + this.leaseMs), attempts: () => 'attempts + 1' })
      .where('id IN (:...ids)', { ids })
      .andWhere('status = :pending', { pending: 'pending' })
      .andWhere('(lockedUntil IS NULL OR lockedUntil <= :now)', { now })
      .execute();
    const messages = await repo.find({ where: { id: In(ids), lockedBy: token }, order: { id: 'ASC' } });
    return { token, messages };
  }
}
