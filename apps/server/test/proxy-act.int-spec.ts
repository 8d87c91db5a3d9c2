import { AsyncResource } from 'node:async_hooks';
import type { CallHandler, ExecutionContext } from '@nestjs/common';
import { defer, from, lastValueFrom } from 'rxjs';
import type { DataSource } from 'typeorm';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { AuditService } from '../src/audit/audit.service.js';
import type { ProxyAct } from '../src/common/act-for.js';
import { refuse } from '../src/common/app-exception.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { runTransaction } from '../src/database/transaction.js';
import { ProxyActInterceptor } from '../src/family/proxy-act.interceptor.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { Building } from '../src/tenancy/building.entity.js';
import { Community } from '../src/tenancy/community.entity.js';
import { User } from '../src/users/user.entity.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

/**
 * The record of an act done for someone (the audit entry and the line in the elder's inbox) commits in the act's own
 * transaction: a failed act leaves no record, and a record that cannot be written undoes the act. The act here is a
 * building inserted by the handler, on a real database.
 */
describe(`a proxy's record rides in the act's transaction on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  let ds: DataSource;
  let communityId: number;
  let proxy: ProxyAct;
  const clock = new FixedClock(new Date('2026-12-01T02:00:00Z'));

  /** As Nest's CallHandler does: handle() binds the handler to the async context it is called in. */
  const handlerOf = (act: () => Promise<unknown>): CallHandler => ({
    handle: () => {
      const scope = new AsyncResource('handler');
      return defer(() => from(scope.runInAsyncScope(act)));
    },
  });
  // Only writes get the interceptor (reads: family/act-for.decorator.spec.ts).
  const contextOf = () => ({ switchToHttp: () => ({ getRequest: () => ({ proxy }) }) }) as unknown as ExecutionContext;
  const interceptor = (notifications = new NotificationsService(ds, clock)) =>
    new ProxyActInterceptor(ds, new AuditService(ds), notifications);
  const run = (act: () => Promise<unknown>, notifications?: NotificationsService) =>
    lastValueFrom(interceptor(notifications).intercept(contextOf(), handlerOf(act)));
  /** The act: one building, named, in its own transaction (as every service writes). */
  const insertBuilding = (name: string, fail?: Error) =>
    runTransaction(ds, async (manager) => {
      const inserted = await manager.insert(Building, { communityId, name });
      if (fail) throw fail;
      return { id: Number(inserted.identifiers[0].id) };
    });
  const records = async () => ({
    audit: await ds.getRepository(AuditEntry).countBy({ action: 'proxy.family', onBehalfOfId: proxy.onBehalfOf.id }),
    inbox: await ds.getRepository(Notification).countBy({ userId: proxy.onBehalfOf.id, kind: 'proxy_act' }),
  });

  beforeAll(async () => {
    db = await createTestDatabase();
    ds = await createDataSource(await resolveDataSourceOptions(db.config)).initialize();
    const community = await ds.getRepository(Community).save({ code: 'P', name: '代办社区' });
    communityId = community.id;
    const [mother, daughter] = await ds.getRepository(User).save(
      ['王秀英', '王芳'].map((name, i) => ({
        role: 'resident' as const,
        status: 'verified' as const,
        volunteer: false,
        communityId,
        name,
        phone: `1381111000${i}`,
      })),
    );
    proxy = {
      kind: 'family',
      actor: { id: daughter.id, name: daughter.name, role: 'resident', communityId },
      onBehalfOf: { id: mother.id, name: mother.name, role: 'resident', communityId },
      relation: '女儿',
      label: '测试代办',
    };
  });
  afterAll(async () => {
    await ds?.destroy();
    await db?.drop();
  });

  it('a successful act commits with its audit entry and the elder’s inbox line, numbered by the act', async () => {
    const before = await records();
    const answer = (await run(() => insertBuilding('成功楼'))) as { id: number };
    expect(await ds.getRepository(Building).countBy({ name: '成功楼' })).toBe(1);
    expect(await records()).toEqual({ audit: before.audit + 1, inbox: before.inbox + 1 });
    const entry = await ds.getRepository(AuditEntry).findOneOrFail({
      where: { action: 'proxy.family', onBehalfOfId: proxy.onBehalfOf.id },
      order: { id: 'DESC' },
    });
    expect(entry.summary).toBe(`亲情代办：女儿 王芳 为 王秀英 测试代办（编号 ${answer.id}）`);
    const line = await ds.getRepository(Notification).findOneOrFail({
      where: { userId: proxy.onBehalfOf.id, kind: 'proxy_act' },
      order: { id: 'DESC' },
    });
    expect(line.title).toBe('由 女儿 王芳 代办：测试代办');
  });

  it('a failed act leaves no proxy record (and nothing of the act)', async () => {
    const before = await records();
    await expect(run(() => insertBuilding('失败楼', refuse('CONFLICT')))).rejects.toThrow();
    expect(await ds.getRepository(Building).countBy({ name: '失败楼' })).toBe(0);
    expect(await records()).toEqual(before);
  });

  it('a record that cannot be written undoes the act', async () => {
    const before = await records();
    const broken = new NotificationsService(ds, clock);
    broken.notify = () => Promise.reject(new Error('inbox unavailable'));
    await expect(run(() => insertBuilding('无记录楼'), broken)).rejects.toThrow('inbox unavailable');
    expect(await ds.getRepository(Building).countBy({ name: '无记录楼' })).toBe(0);
    expect(await records()).toEqual(before);
  });

  it('only the first committed transaction carries the record', async () => {
    const before = await records();
    await run(async () => {
      await insertBuilding('第一楼');
      return insertBuilding('第二楼');
    });
    expect(await records()).toEqual({ audit: before.audit + 1, inbox: before.inbox + 1 });
  });
});
