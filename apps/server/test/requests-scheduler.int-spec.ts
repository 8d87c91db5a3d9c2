import type { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { RawReads } from '../src/database/raw-reads.js';
import { HelpRequestsService } from '../src/help-requests/help-requests.service.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { ResidentRequest, ResidentRequestEvent } from '../src/requests/request.entity.js';
import { RequestDeadlinesService } from '../src/requests/request-deadlines.service.js';
import { RequestRecords } from '../src/requests/request-records.js';
import { RequestWorkflowService } from '../src/requests/request-workflow.service.js';
import { RequestsScheduler } from '../src/requests/requests.scheduler.js';
import { ResidentRequestsService } from '../src/requests/resident-requests.service.js';
import { Community } from '../src/tenancy/community.entity.js';
import { LedgerService } from '../src/timebank/ledger.service.js';
import { User } from '../src/users/user.entity.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const H = 3_600_000;

/**
 * The deadline job of resident requests against a real database: the yellow and the red alert go out once per
 * request and clock, however many scheduler runs see them. On MariaDB two DataSources stand for two server
 * processes, each with its own scheduler; on SQLite (one process) two schedulers share the one DataSource.
 */
describe(`requests deadline job on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  const t0 = new Date('2026-11-30T01:00:00Z');
  const clock = new FixedClock(t0);
  let services: {
    residents: ResidentRequestsService;
    workflow: RequestWorkflowService;
    deadlines: RequestDeadlinesService;
  }[];
  let schedulers: RequestsScheduler[];
  let community: Community;
  let staffA: User;
  let staffB: User;
  let resident: User;

  const data = () => sources[0];
  const at = (hours: number) => clock.set(new Date(t0.getTime() + hours * H));
  /** Both processes' jobs, at once, twice over. */
  const runJobs = async () => {
    await Promise.all(schedulers.map((s) => s.tick()));
    await Promise.all(schedulers.map((s) => s.tick()));
  };
  const alerts = async (requestId: number) =>
    (
      await data()
        .getRepository(Notification)
        .find({ where: { kind: 'request_deadline', link: `/packages/requests/pages/detail/index?id=${requestId}` } })
    )
      .map((n) => `${n.userId === staffA.id ? 'A' : n.userId === staffB.id ? 'B' : n.userId}:${n.title}`)
      .sort();
  const submit = async (hours: number, urgent = false) => {
    at(hours);
    return (
      await services[0].residents.create(resident, {
        category: 'repair',
        title: `楼道灯坏了 ${hours}`,
        description: '三楼不亮',
        urgent,
        public: false,
      })
    ).id;
  };

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    sources.push(await createDataSource(options).initialize());
    if (testDatabaseKind === 'mariadb')
      sources.push(await createDataSource({ ...options, migrationsRun: false }).initialize());
    services = sources.map((ds) => {
      const notifications = new NotificationsService(ds, clock);
      const audit = new AuditService(ds);
      const help = new HelpRequestsService(ds, new LedgerService(), audit, clock);
      const records = new RequestRecords(ds, notifications, audit, clock);
      return {
        residents: new ResidentRequestsService(ds, records, notifications, audit, clock),
        workflow: new RequestWorkflowService(ds, records, notifications, clock, help, new RawReads(ds)),
        deadlines: new RequestDeadlinesService(ds, records, clock),
      };
    });
    schedulers = [0, 1].map((i) => new RequestsScheduler(services[i % services.length].deadlines));
    community = await data().getRepository(Community).save({ code: 'T', name: '测试社区' });
    const users = data().getRepository(User);
    [staffA, staffB] = await users.save(
      ['staff.t1', 'staff.t2'].map((username, i) =>
        users.create({
          role: 'staff',
          status: 'verified',
          volunteer: false,
          communityId: community.id,
          name: `社工${i + 1}`,
          username,
        }),
      ),
    );
    resident = await users.save(
      users.create({
        role: 'resident',
        status: 'verified',
        volunteer: false,
        communityId: community.id,
        name: '居民',
        phone: '13500000001',
        verifiedAt: t0,
      }),
    );
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db?.drop();
  });

  it('yellow then red, once each per clock, whatever the number of runs and processes; a new clock alerts anew', async () => {
    const id = await submit(0);
    // Green: nothing to send.
    at(19);
    await runJobs();
    expect(await alerts(id)).toEqual([]);
    // 80 % of the 24 h to accept: one yellow alert for each staff member.
    at(20);
    await runJobs();
    expect(await alerts(id)).toEqual(['A:诉求即将超期', 'B:诉求即将超期']);
    at(23);
    await runJobs();
    expect(await alerts(id)).toHaveLength(2);
    // Overdue: one red alert each, and no more on later runs.
    at(25);
    await runJobs();
    at(30);
    await runJobs();
    expect(await alerts(id)).toEqual(
      ['A:诉求已超期未受理', 'A:诉求即将超期', 'B:诉求已超期未受理', 'B:诉求即将超期'].sort(),
    );
    const row = await data().getRepository(ResidentRequest).findOneByOrFail({ id });
    expect([row.phase, row.yellowAlertedPhase, row.redAlertedPhase]).toEqual([1, 1, 1]);

    // Accepting starts the resolution clock (7 days from submission): its own yellow and red, once each.
    at(31);
    await services[0].workflow.accept(staffA, id);
    await runJobs();
    expect(await alerts(id)).toHaveLength(4);
    at(135); // 80 % of 168 h is 134.4 h
    await runJobs();
    at(169);
    await runJobs();
    at(200);
    await runJobs();
    const after = await alerts(id);
    expect(after.filter((a) => a.endsWith('诉求即将超期'))).toEqual([
      'A:诉求即将超期',
      'A:诉求即将超期',
      'B:诉求即将超期',
      'B:诉求即将超期',
    ]);
    expect(after.filter((a) => a.endsWith('诉求已超期未办结'))).toEqual(['A:诉求已超期未办结', 'B:诉求已超期未办结']);
    expect(after).toHaveLength(8);
  });

  it('a clock first seen already red sends only the red alert, once', async () => {
    const id = await submit(300, true); // urgent: 2 h to accept
    at(303);
    await runJobs();
    at(304);
    await runJobs();
    expect(await alerts(id)).toEqual(['A:诉求已超期未受理', 'B:诉求已超期未受理']);
    const row = await data().getRepository(ResidentRequest).findOneByOrFail({ id });
    expect([row.yellowAlertedPhase, row.redAlertedPhase]).toEqual([1, 1]);
  });

  it('many requests turning yellow together: each alerted once by the two processes racing', async () => {
    const ids = [];
    for (let i = 0; i < 8; i++) ids.push(await submit(400));
    at(420);
    await Promise.all([...schedulers, ...schedulers].map((s) => s.tick()));
    await runJobs();
    for (const id of ids) expect(await alerts(id)).toEqual(['A:诉求即将超期', 'B:诉求即将超期']);
  });

  it('a resolved request left unrated closes once, 7 days after resolution, with one entry on its timeline', async () => {
    const id = await submit(500);
    at(501);
    await services[0].workflow.accept(staffB, id);
    await services[0].workflow.resolve(staffB, id, '已更换灯管');
    at(501 + 7 * 24 - 1);
    await runJobs();
    expect((await data().getRepository(ResidentRequest).findOneByOrFail({ id })).status).toBe('resolved');
    at(501 + 7 * 24 + 1);
    await runJobs();
    at(501 + 8 * 24);
    await runJobs();
    expect((await data().getRepository(ResidentRequest).findOneByOrFail({ id })).status).toBe('closed');
    expect(await data().getRepository(ResidentRequestEvent).countBy({ requestId: id, kind: 'closed' })).toBe(1);
    expect(
      await data()
        .getRepository(Notification)
        .countBy({ userId: resident.id, title: '诉求已关闭', link: `/packages/requests/pages/detail/index?id=${id}` }),
    ).toBe(1);
  });
});
