import type { DataSource } from 'typeorm';
import { activityCode, personalCode } from '../src/activities/activity-codes.js';
import { Activity, ActivitySignup } from '../src/activities/activity.entity.js';
import { ActivitiesService } from '../src/activities/activities.service.js';
import { ActivitySignupsService } from '../src/activities/activity-signups.service.js';
import { AttendanceService } from '../src/activities/attendance.service.js';
import { SettlementService } from '../src/activities/settlement.service.js';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { AuditService } from '../src/audit/audit.service.js';
import { AppException } from '../src/common/app-exception.js';
import { FixedClock } from '../src/common/clock.js';
import { createDataSource, resolveDataSourceOptions } from '../src/database/data-source-options.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { NotificationsService } from '../src/notifications/notifications.service.js';
import { Community } from '../src/tenancy/community.entity.js';
import { auditLedger } from '../src/timebank/ledger-audit.js';
import { LedgerTransaction } from '../src/timebank/ledger-transaction.entity.js';
import { runTransaction } from '../src/database/transaction.js';
import { LedgerService } from '../src/timebank/ledger.service.js';
import { TimebankAccount } from '../src/timebank/timebank-account.entity.js';
import { User } from '../src/users/user.entity.js';
import { outcome, tally } from './support/outcomes.js';
import { createTestDatabase, testDatabaseKind, type TestDatabase } from './support/test-database.js';

const SECRET = 'test-secret-of-16-chars';

/**
 * Activities against a real database. On MariaDB two DataSources stand for two server processes on one database;
 * on SQLite one process serves (PRODUCT.md "Scaling out").
 */
describe(`volunteer activities on ${testDatabaseKind}`, () => {
  let db: TestDatabase;
  const sources: DataSource[] = [];
  // Saturday 2026-11-28 09:00 in Shanghai.
  const clock = new FixedClock(new Date('2026-11-28T01:00:00Z'));
  let services: Array<{
    activities: ActivitiesService;
    signups: ActivitySignupsService;
    attendance: AttendanceService;
    settlement: SettlementService;
  }>;
  let community: Community;
  let other: Community;
  let staff: User;
  let otherStaff: User;
  let phone = 13_200_000_000;
  const ledger = new LedgerService();

  const data = () => sources[0];
  const service = (i = 0) => services[i % services.length];
  const sunday = (hhmm: string) => new Date(`2026-11-29T${hhmm}:00+08:00`);
  const atSunday = (hhmm: string, seconds = 0) => clock.set(new Date(sunday(hhmm).getTime() + seconds * 1000));

  async function volunteer(fields: Partial<User> = {}): Promise<User> {
    return runTransaction(data(), async (m) => {
      const id = (
        await m.insert(User, {
          role: 'resident',
          status: 'verified',
          volunteer: true,
          communityId: community.id,
          name: `志愿者${phone % 1000}`,
          phone: String(phone++),
          verifiedAt: clock.now(),
          ...fields,
        })
      ).identifiers[0].id as number;
      const user = await m.findOneByOrFail(User, { id });
      if (user.status === 'verified' && user.communityId) await ledger.openAccount(m, user);
      return user;
    });
  }

  async function published(
    fields: { capacity?: number; geofence?: { lat: number; lng: number; radiusM: number } | null; title?: string } = {},
  ) {
    clock.set('2026-11-28T01:00:00Z');
    const created = await service().activities.create(staff, {
      title: fields.title ?? '敬老院陪伴',
      description: '陪老人聊天、读报',
      place: '幸福里敬老院',
      geofence: fields.geofence ?? null,
      startAt: '2026-11-29T09:00:00+08:00',
      endAt: '2026-11-29T11:00:00+08:00',
      capacity: fields.capacity ?? 10,
      signupDeadline: '2026-11-29T08:00:00+08:00',
    });
    return service().activities.publish(staff, created.id);
  }

  const codeNow = (activityId: number, purpose: 'checkin' | 'checkout', stepsBack = 0) =>
    activityCode(SECRET, activityId, purpose, Math.floor(clock.now().getTime() / 30_000) - stepsBack);

  beforeAll(async () => {
    db = await createTestDatabase();
    const options = await resolveDataSourceOptions(db.config);
    sources.push(await createDataSource(options).initialize());
    if (testDatabaseKind === 'mariadb')
      sources.push(await createDataSource({ ...options, migrationsRun: false }).initialize());
    services = sources.map((ds) => {
      const notifications = new NotificationsService(ds, clock);
      const audit = new AuditService(ds);
      return {
        activities: new ActivitiesService(ds, notifications, audit, clock),
        signups: new ActivitySignupsService(ds, notifications, clock),
        attendance: new AttendanceService(ds, audit, clock, { secret: SECRET }),
        settlement: new SettlementService(ds, new LedgerService(), notifications, audit, clock),
      };
    });
    community = await data().getRepository(Community).save({ code: 'T', name: '测试社区' });
    other = await data().getRepository(Community).save({ code: 'U', name: '另一社区' });
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
    otherStaff = await users.save(
      users.create({
        role: 'staff',
        status: 'verified',
        volunteer: false,
        communityId: other.id,
        name: '别的社区',
        username: 'staff.u',
      }),
    );
  });
  afterAll(async () => {
    for (const ds of sources) await ds.destroy();
    await db?.drop();
  });

  it('capacity 10, 40 volunteers sign up at once: exactly 10 sign-ups, the rest ACTIVITY_FULL', async () => {
    const activity = await published({ capacity: 10 });
    const people = await Promise.all(Array.from({ length: 40 }, () => volunteer()));
    const results = await Promise.all(people.map((p, i) => outcome(service(i).signups.signup(p, activity.id))));
    expect(tally(results)).toEqual({ ok: 10, ACTIVITY_FULL: 30 });
    expect(await data().getRepository(ActivitySignup).countBy({ activityId: activity.id })).toBe(10);
    expect((await data().getRepository(Activity).findOneByOrFail({ id: activity.id })).signedUp).toBe(10);
  });

  it('one volunteer signing up 10 times at once: one sign-up, one place taken', async () => {
    const activity = await published({ capacity: 5 });
    const person = await volunteer();
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => outcome(service(i).signups.signup(person, activity.id))),
    );
    expect(tally(results)).toEqual({ ok: 1, ACTIVITY_ALREADY_SIGNED_UP: 9 });
    expect((await data().getRepository(Activity).findOneByOrFail({ id: activity.id })).signedUp).toBe(1);
  });

  it('sign-up rules: volunteers only, before the deadline; cancel until 2 h before start frees the place', async () => {
    const activity = await published({ capacity: 1 });
    expect(await outcome(service().signups.signup(await volunteer({ volunteer: false }), activity.id))).toBe(
      'ACTIVITY_NOT_VOLUNTEER',
    );
    expect(await outcome(service().signups.signup(await volunteer({ communityId: other.id }), activity.id))).toBe(
      'ACTIVITY_NOT_FOUND',
    );
    const a = await volunteer();
    const b = await volunteer();
    await service().signups.signup(a, activity.id);
    expect(await outcome(service().signups.signup(b, activity.id))).toBe('ACTIVITY_FULL');
    atSunday('07:01');
    expect(await outcome(service().signups.cancelSignup(a, activity.id))).toBe('ACTIVITY_CANCEL_TOO_LATE');
    atSunday('07:00');
    const after = await service().signups.cancelSignup(a, activity.id);
    expect(after.placesLeft).toBe(1);
    expect(await outcome(service().signups.signup(b, activity.id))).toBe('ok');
    atSunday('08:01');
    expect(await outcome(service().signups.signup(a, activity.id))).toBe('ACTIVITY_SIGNUP_CLOSED');
  });

  it('another community answers 404 to staff and volunteers', async () => {
    const activity = await published();
    expect(await outcome(service().activities.get(otherStaff, activity.id))).toBe('ACTIVITY_NOT_FOUND');
    expect(await outcome(service().attendance.liveCode(otherStaff, activity.id, 'checkin'))).toBe('ACTIVITY_NOT_FOUND');
    expect(await outcome(service().settlement.settle(otherStaff, activity.id))).toBe('ACTIVITY_NOT_FOUND');
  });

  it('scan: windows, geofence, steps and distinct refusals; repeated scans are harmless', async () => {
    const fence = { lat: 30.6586, lng: 104.0647, radiusM: 100 };
    const activity = await published({ geofence: fence });
    const second = await published({ title: '社区环境清洁' });
    const v = await volunteer();
    const stranger = await volunteer();
    await service().signups.signup(v, activity.id);
    const here = { lat: 30.6587, lng: 104.0648 };

    atSunday('08:29');
    expect(await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkin'), here))).toBe(
      'ACTIVITY_OUTSIDE_CHECKIN_WINDOW',
    );
    atSunday('08:30');
    expect(await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkin'), {}))).toBe(
      'ACTIVITY_LOCATION_REQUIRED',
    );
    expect(
      await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkin'), { lat: 30.67, lng: 104.0647 })),
    ).toBe('ACTIVITY_OUTSIDE_GEOFENCE');
    expect(await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkin').slice(0, -2) + 'xx', here))).toBe(
      'ACTIVITY_CODE_FORGED',
    );
    expect(
      await outcome(
        service().attendance.scan(
          v,
          activityCode('another-secret-16ch', activity.id, 'checkin', Math.floor(clock.now().getTime() / 30_000)),
          here,
        ),
      ),
    ).toBe('ACTIVITY_CODE_FORGED');
    expect(await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkin', 2), here))).toBe(
      'ACTIVITY_CODE_STALE',
    );
    expect(await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkin', -1), here))).toBe(
      'ACTIVITY_CODE_FORGED',
    );
    expect(
      await outcome(
        service().attendance.scan(v, codeNow(activity.id, 'checkout'), {
          ...here,
          activityId: activity.id,
          purpose: 'checkin',
        }),
      ),
    ).toBe('ACTIVITY_CODE_WRONG_PURPOSE');
    expect(
      await outcome(
        service().attendance.scan(v, codeNow(second.id, 'checkin'), {
          ...here,
          activityId: activity.id,
          purpose: 'checkin',
        }),
      ),
    ).toBe('ACTIVITY_CODE_WRONG_ACTIVITY');
    expect(await outcome(service().attendance.scan(stranger, codeNow(activity.id, 'checkin'), here))).toBe(
      'ACTIVITY_NOT_SIGNED_UP',
    );
    expect(await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkout'), here))).toBe(
      'ACTIVITY_OUTSIDE_CHECKOUT_WINDOW',
    );

    // The previous step's code is still good; the first check-in time stays.
    const first = await service().attendance.scan(v, codeNow(activity.id, 'checkin', 1), here);
    expect(first.kind).toBe('activity_checkin');
    expect(first.attendance.checkedInAt).toBe(sunday('08:30').toISOString());
    atSunday('08:45');
    const again = await service().attendance.scan(v, codeNow(activity.id, 'checkin'), here);
    expect(again.attendance.checkedInAt).toBe(sunday('08:30').toISOString());

    atSunday('11:40');
    const out = await service().attendance.scan(v, codeNow(activity.id, 'checkout'), here);
    expect(out.kind).toBe('activity_checkout');
    expect(out.attendance.checkedOutAt).toBe(sunday('11:40').toISOString());
    atSunday('12:01');
    expect(await outcome(service().attendance.scan(v, codeNow(activity.id, 'checkout'), here))).toBe(
      'ACTIVITY_OUTSIDE_CHECKOUT_WINDOW',
    );
  });

  it('100 volunteers scan one live code at once: each recorded once, and a second scan at the same moment answers the check-in', async () => {
    const activity = await published({ capacity: 100 });
    const people = await Promise.all(Array.from({ length: 100 }, () => volunteer()));
    for (const p of people) await service().signups.signup(p, activity.id);
    atSunday('08:50');
    const code = codeNow(activity.id, 'checkin');
    // The first 20 scan twice, side by side on the two "processes": the slower scan finds the row checked in already.
    const scans = people.flatMap((p, i) => (i < 20 ? [p, p] : [p]));
    const answers = await Promise.all(
      scans.map((p, i) =>
        service(i)
          .attendance.scan(p, code, {})
          .then(
            (r) => r.attendance.checkedInAt ?? 'not checked in',
            (e) => {
              if (e instanceof AppException) return e.code;
              throw e;
            },
          ),
      ),
    );
    expect(tally(answers)).toEqual({ [sunday('08:50').toISOString()]: 120 });
    const rows = await data().getRepository(ActivitySignup).findBy({ activityId: activity.id });
    expect(rows.filter((r) => r.checkedInAt?.toISOString() === sunday('08:50').toISOString())).toHaveLength(100);
    expect((await service().attendance.liveCode(staff, activity.id, 'checkin')).checkedIn).toBe(100);
  });

  it('personal code fallback: staff record attendance from the QR text or the 6 digits', async () => {
    const activity = await published();
    const v = await volunteer();
    const w = await volunteer();
    await service().signups.signup(v, activity.id);
    await service().signups.signup(w, activity.id);
    atSunday('08:55');
    const mine = service().attendance.personalCode(v);
    expect(mine.digits).toMatch(/^\d{6}$/);
    const recorded = await service().attendance.recordAttendance(staff, activity.id, {
      userCode: mine.code,
      action: 'checkin',
    });
    expect(recorded.checkedInAt).toBe(sunday('08:55').toISOString());
    clock.advance(31_000);
    expect(
      await outcome(
        service().attendance.recordAttendance(staff, activity.id, {
          userCode: service().attendance.personalCode(w).digits,
          action: 'checkin',
        }),
      ),
    ).toBe('ok');
    const old = personalCode(SECRET, v.id, Math.floor(clock.now().getTime() / 30_000) - 2);
    expect(
      await outcome(
        service().attendance.recordAttendance(staff, activity.id, { userCode: old.code, action: 'checkout' }),
      ),
    ).toBe('ACTIVITY_USER_CODE_INVALID');
    expect(
      await outcome(
        service().attendance.recordAttendance(staff, activity.id, { userCode: '000000', action: 'checkout' }),
      ),
    ).toBe('ACTIVITY_USER_CODE_INVALID');
    expect(
      await data()
        .getRepository(AuditEntry)
        .countBy({ action: 'activities.checkin', targetId: String(activity.id) }),
    ).toBe(2);
  });

  it('settle twice in parallel: each volunteer credited once, manual minutes counted, ledger audit clean', async () => {
    const activity = await published();
    const full = await volunteer();
    const late = await volunteer();
    const noCheckout = await volunteer();
    const manual = await volunteer();
    const absent = await volunteer();
    for (const p of [full, late, noCheckout, manual, absent]) await service().signups.signup(p, activity.id);
    atSunday('08:40');
    await service().attendance.scan(full, codeNow(activity.id, 'checkin'), {});
    await service().attendance.scan(noCheckout, codeNow(activity.id, 'checkin'), {});
    await service().attendance.scan(manual, codeNow(activity.id, 'checkin'), {});
    atSunday('09:22');
    await service().attendance.scan(late, codeNow(activity.id, 'checkin'), {});
    atSunday('11:10');
    await service().attendance.scan(full, codeNow(activity.id, 'checkout'), {});
    await service().attendance.scan(late, codeNow(activity.id, 'checkout'), {});

    atSunday('10:59');
    expect(await outcome(service().settlement.settle(staff, activity.id))).toBe('ACTIVITY_NOT_ENDED');
    atSunday('12:30');
    expect(
      await outcome(
        service().attendance.setManualMinutes(staff, activity.id, manual.id, { minutes: 100, reason: '忘记签退' }),
      ),
    ).toBe('ACTIVITY_MANUAL_MINUTES_INVALID');
    const sheet = await service().attendance.setManualMinutes(staff, activity.id, manual.id, {
      minutes: 90,
      reason: '手机没电，负责人确认',
    });
    expect(sheet.rows.map((r) => [r.userId, r.computedMinutes, r.manualMinutes, r.minutes])).toEqual([
      [full.id, 120, null, 120],
      [late.id, 90, null, 90],
      [noCheckout.id, 0, null, 0],
      [manual.id, 0, 90, 90],
      [absent.id, 0, null, 0],
    ]);
    expect(sheet.totalMinutes).toBe(300);

    const [a, b] = await Promise.all([
      service(0).settlement.settle(staff, activity.id),
      service(1).settlement.settle(staff, activity.id),
    ]);
    expect(a.credited + b.credited).toBe(3);
    expect(a.creditedMinutes + b.creditedMinutes).toBe(300);
    const again = await service().settlement.settle(staff, activity.id);
    expect(again).toMatchObject({ credited: 0, creditedMinutes: 0, alreadySettled: 5 });
    expect(again.activity.status).toBe('settled');

    const balance = async (u: User) =>
      (await data().getRepository(TimebankAccount).findOneByOrFail({ userId: u.id })).balance;
    expect([
      await balance(full),
      await balance(late),
      await balance(noCheckout),
      await balance(manual),
      await balance(absent),
    ]).toEqual([120, 90, 0, 90, 0]);
    const txs = await data()
      .getRepository(LedgerTransaction)
      .findBy({ communityId: community.id, kind: 'service_credit' });
    const refs = txs.map((t) => t.reference).filter((r) => r?.startsWith(`activity:${activity.id}:`));
    expect(refs).toHaveLength(3);
    expect(new Set(refs).size).toBe(3);
    const audit = await auditLedger(data().manager, community.id, clock.now());
    expect(audit.discrepancies).toEqual([]);
    expect(audit.communities).toEqual([{ communityId: community.id, balanceSum: 0 }]);
    expect(await data().getRepository(Notification).countBy({ userId: full.id, kind: 'credits_received' })).toBe(1);
    expect(
      await outcome(
        service().attendance.setManualMinutes(staff, activity.id, noCheckout.id, { minutes: 30, reason: '补录' }),
      ),
    ).toBe('ACTIVITY_MANUAL_NOT_ALLOWED');
  });

  it('edits: capacity never below the sign-ups; cancelling tells the volunteers and stops sign-ups', async () => {
    const activity = await published({ capacity: 3 });
    const a = await volunteer();
    const b = await volunteer();
    await service().signups.signup(a, activity.id);
    await service().signups.signup(b, activity.id);
    expect(await outcome(service().activities.update(staff, activity.id, { capacity: 1 }))).toBe(
      'ACTIVITY_CAPACITY_INVALID',
    );
    expect(await outcome(service().activities.update(staff, activity.id, { endAt: '2026-11-29T08:00:00+08:00' }))).toBe(
      'ACTIVITY_TIME_INVALID',
    );
    expect(await outcome(service().activities.update(otherStaff, activity.id, { capacity: 5 }))).toBe(
      'ACTIVITY_NOT_FOUND',
    );
    const edited = await service().activities.update(staff, activity.id, { capacity: 2, place: '社区服务站' });
    expect(edited).toMatchObject({ capacity: 2, placesLeft: 0, place: '社区服务站' });
    expect(await outcome(service().signups.signup(await volunteer(), activity.id))).toBe('ACTIVITY_FULL');

    const cancelled = await service().activities.cancel(staff, activity.id, '天气原因');
    expect(cancelled.status).toBe('cancelled');
    expect(
      await data()
        .getRepository(Notification)
        .countBy({ userId: a.id, kind: 'activity_cancelled', title: '志愿活动已取消' }),
    ).toBe(1);
    expect(await outcome(service().activities.cancel(staff, activity.id, '再取消'))).toBe('ACTIVITY_NOT_EDITABLE');
    expect(await outcome(service().activities.update(staff, activity.id, { capacity: 5 }))).toBe(
      'ACTIVITY_NOT_EDITABLE',
    );
    expect(await outcome(service().activities.publish(staff, activity.id))).toBe('ACTIVITY_NOT_EDITABLE');
    expect(await outcome(service().signups.cancelSignup(a, activity.id))).toBe('ACTIVITY_NOT_PUBLISHED');
    expect(
      await data()
        .getRepository(AuditEntry)
        .countBy({ action: 'activities.cancel', targetId: String(activity.id) }),
    ).toBe(1);
  });

  it('reminders 1 h before start go out once, whichever process claims them', async () => {
    const activity = await published();
    const v = await volunteer();
    await service().signups.signup(v, activity.id);
    atSunday('07:30');
    expect(await service().signups.sendReminders()).toBe(0);
    atSunday('08:05');
    const sent = await Promise.all([
      service(0).signups.sendReminders(),
      service(1).signups.sendReminders(),
      service(0).signups.sendReminders(),
    ]);
    expect(sent.reduce((x, y) => x + y, 0)).toBeGreaterThanOrEqual(1);
    expect(await data().getRepository(Notification).countBy({ userId: v.id, kind: 'activity_reminder' })).toBe(1);
  });
});
