import type { DataSource } from 'typeorm';
import { AuditService } from '../src/audit/audit.service.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { RawReads } from '../src/database/raw-reads.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { Community } from '../src/tenancy/community.entity.js';
import { IdempotencyKey } from '../src/timebank/idempotency-key.entity.js';
import { IdempotencyService } from '../src/timebank/idempotency.service.js';
import { LedgerTransaction } from '../src/timebank/ledger-transaction.entity.js';
import { runTransaction } from '../src/database/transaction.js';
import { LedgerService } from '../src/timebank/ledger.service.js';
import { Reward } from '../src/timebank/reward.entity.js';
import { RewardsService } from '../src/timebank/rewards.service.js';
import { TimebankAccount } from '../src/timebank/timebank-account.entity.js';
import { TimebankHold } from '../src/timebank/timebank-hold.entity.js';
import { TimebankCorrectionsService } from '../src/timebank/timebank-corrections.service.js';
import { TimebankReportsService } from '../src/timebank/timebank-reports.service.js';
import { TimebankService } from '../src/timebank/timebank.service.js';
import { User } from '../src/users/user.entity.js';
import { outcome, tally } from './support/outcomes.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

/**
 * The ledger under real concurrency. On MariaDB two DataSources stand for two server processes on one database;
 * on SQLite one process serves (PRODUCT.md "Scaling out").
 */
describe(`time-bank ledger under concurrency on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  const clock = new FixedClock(new Date('2026-11-28T02:00:00Z'));
  let services: Array<{
    timebank: TimebankService;
    corrections: TimebankCorrectionsService;
    reports: TimebankReportsService;
    rewards: RewardsService;
    idempotency: IdempotencyService;
  }>;
  let community: Community;
  let staff: User;
  let admin: User;
  const ledger = new LedgerService();
  let phone = 13_000_000_000;

  const data = () => sources[0];
  const service = (i: number) => services[i % services.length];

  async function resident(minutes = 0): Promise<User> {
    const fields = {
      role: 'resident' as const,
      status: 'verified' as const,
      volunteer: false,
      communityId: community.id,
      name: `居民${phone % 1000}`,
      phone: String(phone++),
      verifiedAt: clock.now(),
    };
    return runTransaction(data(), async (m) => {
      const user = await m.findOneByOrFail(User, { id: (await m.insert(User, fields)).identifiers[0].id });
      const account = await ledger.openAccount(m, user);
      if (minutes) {
        const pool = await ledger.poolOf(m, community.id);
        await ledger.post(m, {
          kind: 'service_credit',
          communityId: community.id,
          fromAccountId: pool.id,
          toAccountId: account.id,
          amount: minutes,
          memo: '志愿服务',
          actorId: staff.id,
        });
      }
      return user;
    });
  }

  const balanceOf = async (user: User) =>
    (await data().getRepository(TimebankAccount).findOneByOrFail({ userId: user.id })).balance;
  const auditClean = async () => {
    const result = await service(0).reports.audit(admin, community.id);
    expect(result.discrepancies).toEqual([]);
    expect(result.communities).toEqual([{ communityId: community.id, balanceSum: 0 }]);
    return result;
  };
  let keySeq = 0;
  const key = () => `key-${++keySeq}-${Math.random().toString(36).slice(2)}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    sources.push(await createDataSource(options).initialize());
    if (testDatabaseKind === 'mariadb')
      sources.push(await createDataSource({ ...options, migrationsRun: false }).initialize());
    services = sources.map((ds) => {
      const idempotency = new IdempotencyService(ds, clock);
      const notifications = new NotificationsService(ds, clock);
      return {
        timebank: new TimebankService(ds, ledger, idempotency, notifications, new RawReads(ds)),
        corrections: new TimebankCorrectionsService(ds, ledger, new AuditService(ds), notifications),
        reports: new TimebankReportsService(ds, ledger, clock),
        idempotency,
        rewards: new RewardsService(ds, ledger, notifications, idempotency, new AuditService(ds), clock),
      };
    });
    community = await data().getRepository(Community).save({ code: 'T', name: '测试社区' });
    const users = data().getRepository(User);
    staff = await users.save(
      users.create({
        role: 'staff',
        status: 'verified',
        volunteer: false,
        communityId: community.id,
        name: '工作人员',
        username: 'staff.t',
      }),
    );
    admin = await users.save(
      users.create({
        role: 'admin',
        status: 'verified',
        volunteer: false,
        communityId: null,
        name: '管理员',
        username: 'admin.t',
      }),
    );
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db?.drop();
  });

  it.each([
    [100, 50, 10, 10],
    [60, 40, 15, 4],
  ])(
    'an account holding %p minutes, %p concurrent spends of %p → exactly %p succeed, never below zero',
    async (start, count, minutes, expected) => {
      const payer = await resident(start);
      const payees = await Promise.all(Array.from({ length: 5 }, () => resident()));
      const results = await Promise.all(
        Array.from({ length: count }, (_, i) =>
          outcome(
            service(i).timebank.transfer(payer, key(), {
              toUserId: payees[i % payees.length].id,
              minutes,
              memo: `第${i}笔`,
            }),
          ),
        ),
      );
      expect(tally(results)).toEqual({ ok: expected, INSUFFICIENT_CREDITS: count - expected });
      expect(await balanceOf(payer)).toBe(0);
      const received = await Promise.all(payees.map(balanceOf));
      expect(received.reduce((a, b) => a + b, 0)).toBe(start);
      await auditClean();
    },
  );

  it('holds: concurrent holds never promise more than the balance; a release racing a charge closes the hold once', async () => {
    const payer = await resident(100);
    const helper = await resident();
    const account = await data().getRepository(TimebankAccount).findOneByOrFail({ userId: payer.id });
    const helperAccount = await data().getRepository(TimebankAccount).findOneByOrFail({ userId: helper.id });
    const holds = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        outcome(
          runTransaction(sources[i % sources.length], (m) =>
            ledger.hold(m, {
              communityId: community.id,
              payerAccountId: account.id,
              amount: 30,
              reference: `race-hold:${payer.id}:${i}`,
              memo: '并发冻结',
            }),
          ),
        ),
      ),
    );
    expect(tally(holds)).toEqual({ ok: 3, INSUFFICIENT_CREDITS: 7 });
    expect(await balanceOf(payer)).toBe(10);
    await auditClean();

    const open = await data().getRepository(TimebankHold).findBy({ payerAccountId: account.id, status: 'held' });
    expect(open).toHaveLength(3);
    for (const hold of open) {
      const closings = await Promise.all([
        outcome(runTransaction(sources[0], (m) => ledger.closeHold(m, hold.id, { releaseMemo: '解冻' }, clock.now()))),
        outcome(
          runTransaction(sources[sources.length - 1], (m) =>
            ledger.closeHold(
              m,
              hold.id,
              {
                pay: { toAccountId: helperAccount.id, amount: 30, kind: 'service_exchange', memo: '支付' },
                releaseMemo: '解冻',
              },
              clock.now(),
            ),
          ),
        ),
      ]);
      expect(closings.sort()).toEqual(['HOLD_ALREADY_CLOSED', 'ok']);
    }
    // Each hold went one way: 30 back to the payer or 30 to the helper.
    expect((await balanceOf(payer)) + (await balanceOf(helper))).toBe(100);
    const result = await auditClean();
    expect(result.ok).toBe(true);
  });

  it('200 random concurrent transfers among 20 accounts: audit clean, sum zero, nobody negative', async () => {
    const people = await Promise.all(Array.from({ length: 20 }, () => resident(100)));
    let seed = 42;
    const random = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed % n;
    };
    const jobs = Array.from({ length: 200 }, (_, i) => {
      const from = random(20);
      const to = (from + 1 + random(19)) % 20;
      return outcome(
        service(i).timebank.transfer(people[from], key(), {
          toUserId: people[to].id,
          minutes: 1 + random(60),
          memo: '随机',
        }),
      );
    });
    const results = tally(await Promise.all(jobs));
    expect(Object.keys(results).filter((c) => c !== 'ok' && c !== 'INSUFFICIENT_CREDITS')).toEqual([]);
    expect(results.ok).toBeGreaterThan(20);
    const balances = await Promise.all(people.map(balanceOf));
    expect(balances.every((b) => b >= 0)).toBe(true);
    expect(balances.reduce((a, b) => a + b, 0)).toBe(2000);
    await auditClean();
  });

  it('100 concurrent transfers in a ring between 10 accounts: audit clean', async () => {
    const ring = await Promise.all(Array.from({ length: 10 }, () => resident(30)));
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        outcome(
          service(i).timebank.transfer(ring[i % 10], key(), {
            toUserId: ring[(i + 1) % 10].id,
            minutes: 10,
            memo: '环形',
          }),
        ),
      ),
    );
    expect(Object.keys(tally(results)).every((c) => c === 'ok' || c === 'INSUFFICIENT_CREDITS')).toBe(true);
    expect((await Promise.all(ring.map(balanceOf))).reduce((a, b) => a + b, 0)).toBe(300);
    await auditClean();
  });

  it('the same Idempotency-Key 10 times in parallel: one effect, ten identical answers', async () => {
    const payer = await resident(100);
    const payee = await resident();
    const k = key();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        service(i).timebank.transfer(payer, k, { toUserId: payee.id, minutes: 25, memo: '只付一次' }),
      ),
    );
    expect(new Set(answers.map((a) => JSON.stringify(a))).size).toBe(1);
    expect(await balanceOf(payer)).toBe(75);
    expect(await data().getRepository(LedgerTransaction).countBy({ idempotencyKey: k })).toBe(1);
    // The same key with another body is refused and changes nothing.
    expect(
      await outcome(service(0).timebank.transfer(payer, k, { toUserId: payee.id, minutes: 26, memo: '只付一次' })),
    ).toBe('IDEMPOTENCY_KEY_REUSED');
    expect(
      await outcome(service(0).timebank.transfer(payer, undefined, { toUserId: payee.id, minutes: 1, memo: 'x' })),
    ).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await balanceOf(payer)).toBe(75);
    await auditClean();
  });

  it('a refused request stores no key: the same key succeeds once the cause is fixed', async () => {
    const payer = await resident(10);
    const payee = await resident();
    const k = key();
    expect(
      await outcome(service(0).timebank.transfer(payer, k, { toUserId: payee.id, minutes: 20, memo: '不够' })),
    ).toBe('INSUFFICIENT_CREDITS');
    expect(await data().getRepository(IdempotencyKey).countBy({ userId: payer.id, idempotencyKey: k })).toBe(0);
    await service(0).corrections.adjust(admin, { userId: payer.id, minutes: 10, reason: '补录' });
    expect(
      await outcome(service(0).timebank.transfer(payer, k, { toUserId: payee.id, minutes: 20, memo: '不够' })),
    ).toBe('ok');
    expect(await balanceOf(payer)).toBe(0);
  });

  it('reversing one transaction twice in parallel: exactly one reversal', async () => {
    const payer = await resident(50);
    const payee = await resident();
    const { transaction } = await service(0).timebank.transfer(payer, key(), {
      toUserId: payee.id,
      minutes: 40,
      memo: '转错了',
    });
    const results = await Promise.all(
      Array.from({ length: 4 }, (_, i) => outcome(service(i).corrections.reverse(staff, transaction.id, '转错人'))),
    );
    expect(tally(results)).toEqual({ ok: 1, TRANSACTION_ALREADY_REVERSED: 3 });
    expect(await data().getRepository(LedgerTransaction).countBy({ reversesId: transaction.id })).toBe(1);
    expect([await balanceOf(payer), await balanceOf(payee)]).toEqual([50, 0]);
    await auditClean();
  });

  it('refuses a reversal that would overdraw a resident, and a reversal of a reversal', async () => {
    const a = await resident(50);
    const b = await resident();
    const c = await resident();
    const { transaction } = await service(0).timebank.transfer(a, key(), { toUserId: b.id, minutes: 50, memo: '给 b' });
    await service(0).timebank.transfer(b, key(), { toUserId: c.id, minutes: 30, memo: '给 c' });
    expect(await outcome(service(0).corrections.reverse(staff, transaction.id, '追回'))).toBe('INSUFFICIENT_CREDITS');
    expect([await balanceOf(a), await balanceOf(b), await balanceOf(c)]).toEqual([0, 20, 30]);
    const credit = await service(0).corrections.adjust(admin, { userId: b.id, minutes: 30, reason: '补足' });
    const reversal = await service(0).corrections.reverse(staff, transaction.id, '追回');
    expect(reversal).toMatchObject({ kind: 'reversal', reversesId: transaction.id, amount: 50 });
    expect(await outcome(service(0).corrections.reverse(staff, reversal.id, '再冲'))).toBe('REVERSAL_NOT_ALLOWED');
    // b spent the 30 on the reversal: taking the top-up back would overdraw b.
    expect(await outcome(service(0).corrections.reverse(admin, credit.id, '撤销补足'))).toBe('INSUFFICIENT_CREDITS');
    expect([await balanceOf(a), await balanceOf(b)]).toEqual([50, 0]);
    await auditClean();
  });

  it('stock 3, ten residents redeem at once: exactly 3 get it, the others pay nothing', async () => {
    const reward = await service(0).rewards.create(staff, {
      name: '理发券',
      description: '',
      priceMinutes: 60,
      stock: 3,
    });
    const people = await Promise.all(Array.from({ length: 10 }, () => resident(60)));
    const results = await Promise.all(people.map((p, i) => outcome(service(i).rewards.redeem(p, reward.id, key()))));
    expect(tally(results)).toEqual({ ok: 3, REWARD_OUT_OF_STOCK: 7 });
    expect((await data().getRepository(Reward).findOneByOrFail({ id: reward.id })).stock).toBe(0);
    expect((await Promise.all(people.map(balanceOf))).sort()).toEqual([0, 0, 0, 60, 60, 60, 60, 60, 60, 60]);
    await auditClean();
  });

  it('a resident who cannot pay does not use up stock; cancelling returns minutes and stock once', async () => {
    const reward = await service(0).rewards.create(staff, {
      name: '粮油兑换',
      description: '米一袋',
      priceMinutes: 120,
      stock: 1,
    });
    const poor = await resident(100);
    expect(await outcome(service(0).rewards.redeem(poor, reward.id, key()))).toBe('INSUFFICIENT_CREDITS');
    expect((await data().getRepository(Reward).findOneByOrFail({ id: reward.id })).stock).toBe(1);
    const rich = await resident(150);
    const { redemption, balance } = await service(0).rewards.redeem(rich, reward.id, key());
    expect(balance).toBe(30);
    const cancels = await Promise.all(
      [0, 1].map((i) => outcome(service(i).rewards.cancel(staff, redemption.id, '缺货'))),
    );
    expect(tally(cancels)).toEqual({ ok: 1, REDEMPTION_NOT_PENDING: 1 });
    expect(await balanceOf(rich)).toBe(150);
    expect((await data().getRepository(Reward).findOneByOrFail({ id: reward.id })).stock).toBe(1);
    expect(await outcome(service(0).corrections.reverse(staff, redemption.transactionId, '再退'))).toBe(
      'REDEMPTION_REVERSE_BY_CANCEL',
    );
    await auditClean();
  });

  it('detects a balance changed outside the posting function', async () => {
    const victim = await resident(10);
    await data().getRepository(TimebankAccount).update({ userId: victim.id }, { balance: 999 });
    const result = await service(0).reports.audit(staff);
    expect(result.ok).toBe(false);
    expect(result.discrepancies.map((d) => d.type).sort()).toEqual(['balance_mismatch', 'community_not_zero']);
    await data().getRepository(TimebankAccount).update({ userId: victim.id }, { balance: 10 });
    await auditClean();
  });

  it('forgets idempotency keys after 24 hours, not before', async () => {
    const payer = await resident(10);
    const payee = await resident();
    await service(0).timebank.transfer(payer, key(), { toUserId: payee.id, minutes: 1, memo: '留存' });
    const stored = await data().getRepository(IdempotencyKey).countBy({ userId: payer.id });
    expect(stored).toBe(1);
    const realNow = new Date();
    clock.set(new Date(realNow.getTime() + 23 * 3600_000));
    await service(0).idempotency.deleteExpired();
    expect(await data().getRepository(IdempotencyKey).countBy({ userId: payer.id })).toBe(1);
    clock.set(new Date(realNow.getTime() + 25 * 3600_000));
    await service(0).idempotency.deleteExpired();
    expect(await data().getRepository(IdempotencyKey).countBy({ userId: payer.id })).toBe(0);
  });
});
