import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type {
  NotificationKind,
  NotificationReadAllResponse,
  NotificationView,
  Page,
  UnreadCountResponse,
} from '@linli/shared-types';
import { DataSource, In, IsNull, Not, type EntityManager } from 'typeorm';
import { refuse } from '../common/app-exception.js';
import { Clock } from '../common/clock.js';
import { decodeIdCursor, pageByDescendingId, type PageQuery } from '../common/pagination.js';
import { User } from '../users/user.entity.js';
import { insertRows } from '../database/inserts.js';
import { Notification, OutboxMessage } from './notification.entity.js';
import type { WechatSubscribePayload } from './wechat-subscribe.client.js';

export interface NotifyPayload {
  communityId: number | null;
  kind: NotificationKind;
  title: string;
  body: string;
  link: string | null;
  /** Also push a WeChat subscribe message to those users who have an openid. */
  wechat?: WechatSubscribePayload;
  /** Push not before this moment (e.g. a scheduled notice's publishAt). */
  pushAt?: Date;
}

/** Rows per INSERT: keeps statements well under SQLite's and MySQL's parameter limits. */
const CHUNK = 500;

export const toNotificationView = (n: Notification): NotificationView => ({
  id: n.id,
  kind: n.kind,
  title: n.title,
  body: n.body,
  link: n.link,
  read: n.readAt !== null,
  readAt: n.readAt?.toISOString() ?? null,
  createdAt: n.createdAt.toISOString(),
});

@Injectable()
export class NotificationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  /**
   * Inbox rows for every user, and outbox rows for the WeChat push, written inside the caller's
   * transaction: the cause and its notifications are committed together or not at all.
   */
  async notify(manager: EntityManager, userIds: number[], payload: NotifyPayload): Promise<void> {
    const ids = [...new Set(userIds)];
    const title = payload.title.slice(0, 100);
    const body = payload.body.slice(0, 500);
    for (let i = 0; i < ids.length; i += CHUNK) {
      const chunk = ids.slice(i, i + CHUNK);
      await insertRows(
        manager,
        Notification,
        chunk.map((userId) => ({
          userId,
          communityId: payload.communityId,
          kind: payload.kind,
          title,
          body,
          link: payload.link,
          readAt: null,
        })),
      );
      if (!payload.wechat) continue;
      // Only users who logged in through WeChat can receive a subscribe message.
      const reachable = await manager.find(User, {
        select: { id: true },
        where: { id: In(chunk), openid: Not(IsNull()) },
      });
      if (!reachable.length) continue;
      const message = JSON.stringify(payload.wechat);
      const nextAttemptAt = payload.pushAt && payload.pushAt > this.clock.now() ? payload.pushAt : this.clock.now();
      await insertRows(
        manager,
        OutboxMessage,
        reachable.map((u) => ({
          channel: 'wechat_subscribe' as const,
          userId: u.id,
          payload: message,
          status: 'pending' as const,
          attempts: 0,
          nextAttemptAt,
        })),
      );
    }
  }

  async list(user: User, query: PageQuery): Promise<Page<NotificationView>> {
    const limit = query.limit ?? 20;
    const before = decodeIdCursor(query.cursor);
    const qb = this.dataSource
      .getRepository(Notification)
      .createQueryBuilder('n')
      .where('n.userId = :userId', { userId: user.id })
      .orderBy('n.id', 'DESC')
      .limit(limit + 1);
    if (before) qb.andWhere('n.id < :before', { before });
    return pageByDescendingId(await qb.getMany(), limit, toNotificationView);
  }

  async unreadCount(user: User): Promise<UnreadCountResponse> {
    return { count: await this.dataSource.getRepository(Notification).countBy({ userId: user.id, readAt: IsNull() }) };
  }

  async markRead(user: User, id: number): Promise<NotificationView> {
    const repo = this.dataSource.getRepository(Notification);
    // Somebody else's notification is answered as missing.
    await repo.update({ id, userId: user.id, readAt: IsNull() }, { readAt: this.clock.now() });
    const row = await repo.findOneBy({ id, userId: user.id });
    if (!row) throw refuse('NOT_FOUND');
    return toNotificationView(row);
  }

  async markAllRead(user: User): Promise<NotificationReadAllResponse> {
    const result = await this.dataSource
      .getRepository(Notification)
      .update({ userId: user.id, readAt: IsNull() }, { readAt: this.clock.now() });
    return { updated: result.affected ?? 0 };
  }
}
