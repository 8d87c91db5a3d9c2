import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { proxyLine } from '@linli/shared-types';
import { concatMap, from, map, type Observable } from 'rxjs';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service.js';
import type { ProxyAct } from '../common/act-for.js';
import { runTransaction, withCommitRider, type CommitRider } from '../database/transaction.js';
import { NotificationsService } from '../notifications/notifications.service.js';
import { proxyRecordOf } from './proxy.rules.js';

/**
 * Every act one person does for another (a proxied request that changes something) is written down with both
 * people: an audit entry (actor, on behalf of) and a line in the inbox of the person acted for, "由 女儿 王芳 代办".
 * Both ride in the act's own transaction (a commit rider, database/transaction.ts): the act and its record commit
 * together, and a refused or failed act leaves neither. An act that ran no transaction of its own
 * (a photo upload) is recorded afterwards in one of its own.
 */
@Injectable()
export class ProxyActInterceptor implements NestInterceptor {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly notifications: NotificationsService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    // Only on writes (@ActFor leaves reads without it): a request without a proxy has nothing to record.
    const proxy = context.switchToHttp().getRequest<{ proxy?: ProxyAct }>().proxy;
    if (!proxy) return next.handle();
    const rider: CommitRider = { carried: false, ride: (manager, result) => this.record(manager, proxy, result) };
    // handle() binds the handler to the async context it is called in, so the rider reaches its transactions.
    return withCommitRider(rider, () => next.handle()).pipe(
      concatMap((body: unknown) =>
        rider.carried
          ? from([body])
          : from(runTransaction(this.dataSource, (manager) => this.record(manager, proxy, body))).pipe(map(() => body)),
      ),
    );
  }

  private async record(manager: EntityManager, proxy: ProxyAct, result: unknown): Promise<void> {
    const record = proxyRecordOf(proxy, result);
    await this.audit.record(manager, {
      actor: proxy.actor,
      onBehalfOf: proxy.onBehalfOf,
      communityId: proxy.onBehalfOf.communityId,
      action: record.action,
      targetType: record.targetType,
      targetId: record.targetId,
      summary: record.summary,
    });
    await this.notifications.notify(manager, [proxy.onBehalfOf.id], {
      communityId: proxy.onBehalfOf.communityId,
      kind: 'proxy_act',
      title: `${proxyLine(proxy.relation, proxy.actor.name)}：${proxy.label}`,
      body: record.inbox,
      link: null,
    });
  }
}
