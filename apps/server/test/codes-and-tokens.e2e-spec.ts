import { ActivitySignup } from '../src/activities/activity.entity.js';
import { activityCode, personalCode } from '../src/activities/activity-codes.js';
import { codeStep } from '../src/activities/activities.rules.js';
import { Session } from '../src/auth/session.entity.js';
import { hashToken } from '../src/auth/sessions.service.js';
import { doorCode } from '../src/rooms/door-code.js';
import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat, type FakeWechat } from './support/fake-wechat.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const MIN = 60_000;
/** The server signs with this secret, so the test can make codes exactly as the server does, for any time step. */
const SECRET = 'codes-and-tokens-test-secret-0123456789';
const OTHER_SECRET = 'somebody-elses-secret-0123456789';
/** Sessions of the second server last 0.0001 days = 8.64 s. */
const SHORT_TTL_DAYS = '0.0001';

/**
 * Rotating QR codes (forged, stale, replayed, foreign), door codes, and session tokens (expired, revoked, tampered);
 * over the whole run, no response and no log line (LOG_LEVEL=debug) carries a WeChat session_key or a password hash.
 */
describe(`codes and tokens on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let shortLived: TestApp;
  let wechat: FakeWechat;
  const responses: TestResponse[] = [];
  let staffG: string;
  let staffB: string;
  let li: { token: string; id: number }; // 李秀英, volunteer of G
  let chen: { token: string; id: number }; // 陈志强, volunteer of G
  let sun: { token: string; id: number }; // 孙丽, volunteer of B
  let activityG: number;
  let activityB: number;
  let roomG: number;
  let roomB: number;
  let shortToken: string;
  let shortIssuedAt: number;

  const call = async (
    method: string,
    path: string,
    options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    app = t,
  ) => {
    const res = await app.request(method, path, options);
    responses.push(res);
    return res;
  };
  const scan = (who: { token: string }, code: string) =>
    call('POST', `${api}/scan`, { token: who.token, body: { code } });
  const step = () => codeStep(new Date());
  /** Codes made for "the previous step" must not cross a step boundary on their way to the server. */
  const awayFromStepEnd = async () => {
    const left = 30_000 - (Date.now() % 30_000);
    if (left < 2000) await new Promise((r) => setTimeout(r, left + 50));
  };
  const outcome = (res: TestResponse) => [res.status, res.body?.code];
  const signupOf = (activityId: number, userId: number) =>
    t.dataSource.getRepository(ActivitySignup).findOneByOrFail({ activityId, userId });

  /** A published activity of the staff member's community whose check-in is open (it starts in 10 minutes). */
  const openActivity = async (token: string, volunteers: Array<{ token: string }>) => {
    const start = Date.now() + 10 * MIN;
    const created = await call('POST', `${api}/activities`, {
      token,
      body: {
        title: '签到码测试',
        description: '',
        place: '社区广场',
        startAt: new Date(start).toISOString(),
        endAt: new Date(start + 60 * MIN).toISOString(),
        capacity: 10,
        signupDeadline: new Date(start - 5 * MIN).toISOString(),
      },
    });
    expect(created.status).toBe(201);
    expect((await call('POST', `${api}/activities/${created.body.id}/publish`, { token })).status).toBe(200);
    for (const v of volunteers)
      expect((await call('POST', `${api}/activities/${created.body.id}/signup`, { token: v.token })).status).toBe(200);
    return created.body.id as number;
  };

  beforeAll(async () => {
    wechat = await startFakeWechat();
    [t, shortLived] = await Promise.all([
      startTestApp({
        env: {
          LINLI_SECRET: SECRET,
          LOG_LEVEL: 'debug',
          WECHAT_APPID: FAKE_APPID,
          WECHAT_SECRET: FAKE_SECRET,
          WECHAT_API_BASE: wechat.url,
        },
      }),
      startTestApp({ env: { SESSION_TTL_DAYS: SHORT_TTL_DAYS, LOG_LEVEL: 'debug' } }),
    ]);
    shortIssuedAt = Date.now();
    shortToken = (await shortLived.loginResident('13800000003')).token;
    expect((await shortLived.request('GET', `${api}/me`, { token: shortToken })).status).toBe(200); // alive at first
    [staffG, staffB] = (await Promise.all(['staff.g', 'staff.b'].map((u) => t.loginStaff(u)))).map((l) => l.token);
    const login = async (phone: string) => {
      const l = await t.loginResident(phone);
      return { token: l.token, id: l.user.id };
    };
    [li, chen, sun] = await Promise.all(['13800000001', '13800000002', '13900000001'].map(login));
    activityG = await openActivity(staffG, [li, chen]);
    activityB = await openActivity(staffB, [sun]);
    const firstRoom = async (token: string) =>
      (await call('GET', `${api}/rooms`, { token })).body.items[0].id as number;
    [roomG, roomB] = [await firstRoom(staffG), await firstRoom(staffB)];
  }, 120_000); // two servers start, and records are arranged, on 2 shared cores

  afterAll(async () => {
    await Promise.all([t?.close(), shortLived?.close()]);
    await wechat?.close();
  });

  describe('activity check-in codes', () => {
    it("the server's own live code is the one the test makes (so the cases below test the real signature)", async () => {
      const live = await call('GET', `${api}/activities/${activityG}/live-code?purpose=checkin`, { token: staffG });
      expect(live.status).toBe(200);
      expect([
        activityCode(SECRET, activityG, 'checkin', live.body.step),
        activityCode(SECRET, activityG, 'checkin', live.body.step + 1),
      ]).toContain(live.body.code);
    });

    it('refuses forged codes: another secret, an edited MAC, activity, purpose or step, a future step, garbage', async () => {
      const now = step();
      const genuine = activityCode(SECRET, activityG, 'checkin', now);
      const mac = genuine.slice(genuine.lastIndexOf('.') + 1);
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      const forged = [
        activityCode(OTHER_SECRET, activityG, 'checkin', now),
        genuine.slice(0, -mac.length) + flip(mac, 0),
        genuine.slice(0, -mac.length) + flip(mac, mac.length - 1),
        `LA1.${activityB}.i.${now}.${mac}`, // the MAC of G's activity on B's
        `LA1.${activityG}.o.${now}.${mac}`, // check-in MAC on a check-out code
        `LA1.${activityG}.i.${now - 1}.${mac}`, // another step, same MAC
        activityCode(SECRET, activityG, 'checkin', now + 2), // signed, but from the future
        'LA1.',
        `LA1.${activityG}.i.${now}.`,
        `LA1.${activityG}.x.${now}.${mac}`,
        `${genuine}x`,
      ];
      for (const code of forged)
        expect([code, ...outcome(await scan(li, code))]).toEqual([code, 422, 'ACTIVITY_CODE_FORGED']);
      expect((await signupOf(activityG, li.id)).checkedInAt).toBeNull();
    });

    it('refuses stale codes: two or more steps old (the previous step is still accepted)', async () => {
      for (const back of [2, 3, 120, 100_000]) {
        expect(outcome(await scan(li, activityCode(SECRET, activityG, 'checkin', step() - back)))).toEqual([
          422,
          'ACTIVITY_CODE_STALE',
        ]);
      }
      expect((await signupOf(activityG, li.id)).checkedInAt).toBeNull();
      await awayFromStepEnd();
      const previous = await scan(li, activityCode(SECRET, activityG, 'checkin', step() - 1));
      expect(previous.status).toBe(200);
      expect(previous.body.attendance.checkedInAt).not.toBeNull();
    });

    it('a replayed code changes nothing: same volunteer, same record, no second check-in', async () => {
      const first = (await signupOf(activityG, li.id)).checkedInAt;
      expect(first).not.toBeNull();
      const code = activityCode(SECRET, activityG, 'checkin', step());
      for (let i = 0; i < 3; i++) {
        const again = await scan(li, code);
        expect(again.status).toBe(200);
        expect(new Date(again.body.attendance.checkedInAt).getTime()).toBe(first!.getTime());
      }
      expect((await signupOf(activityG, li.id)).checkedInAt!.getTime()).toBe(first!.getTime());
      expect(await t.dataSource.getRepository(ActivitySignup).countBy({ activityId: activityG, userId: li.id })).toBe(
        1,
      );
      // The code on the screen is for everyone signed up: another volunteer checks in on their own record only.
      const other = await scan(chen, code);
      expect(other.status).toBe(200);
      expect((await signupOf(activityG, chen.id)).checkedInAt).not.toBeNull();
      expect((await signupOf(activityG, li.id)).checkedInAt!.getTime()).toBe(first!.getTime());
    });

    it("refuses another community's codes as not found, and records nothing", async () => {
      const codeB = activityCode(SECRET, activityB, 'checkin', step());
      expect(outcome(await scan(li, codeB))).toEqual([404, 'ACTIVITY_NOT_FOUND']);
      expect(await t.dataSource.getRepository(ActivitySignup).countBy({ activityId: activityB, userId: li.id })).toBe(
        0,
      );
      expect(outcome(await scan(sun, activityCode(SECRET, activityG, 'checkin', step())))).toEqual([
        404,
        'ACTIVITY_NOT_FOUND',
      ]);
      expect(
        outcome(await call('GET', `${api}/activities/${activityB}/live-code?purpose=checkin`, { token: staffG })),
      ).toEqual([404, 'ACTIVITY_NOT_FOUND']);
      // B's own volunteer with B's code is fine: the refusals above are about the community, not the code.
      expect((await scan(sun, codeB)).status).toBe(200);
    });

    it('personal codes: forged, stale and foreign ones are refused; typing one twice changes nothing', async () => {
      const attend = (token: string, activityId: number, userCode: string) =>
        call('POST', `${api}/activities/${activityId}/attendance`, { token, body: { userCode, action: 'checkin' } });
      const now = step();
      const mine = personalCode(SECRET, chen.id, now);
      for (const code of [
        personalCode(OTHER_SECRET, chen.id, now).code,
        personalCode(SECRET, chen.id, now - 2).code,
        personalCode(SECRET, chen.id, now + 2).code,
        `LU1.${li.id}.${now}.${mine.code.slice(-16)}`,
        personalCode(OTHER_SECRET, chen.id, now).digits,
      ]) {
        expect([code, ...outcome(await attend(staffG, activityG, code))]).toEqual([
          code,
          422,
          'ACTIVITY_USER_CODE_INVALID',
        ]);
      }
      const first = await attend(staffG, activityG, mine.code);
      expect(first.status).toBe(200);
      const again = await attend(staffG, activityG, mine.digits);
      expect(again.body.checkedInAt).toBe(first.body.checkedInAt);
      // Staff of B with a G volunteer's code: not one of their volunteers, whether typed as QR text or as digits.
      expect(outcome(await attend(staffB, activityB, personalCode(SECRET, chen.id, step()).code))).toEqual([
        422,
        'ACTIVITY_NOT_SIGNED_UP',
      ]);
      expect(outcome(await attend(staffB, activityB, personalCode(SECRET, chen.id, step()).digits))).toEqual([
        422,
        'ACTIVITY_USER_CODE_INVALID',
      ]);
      expect(await t.dataSource.getRepository(ActivitySignup).countBy({ activityId: activityB, userId: chen.id })).toBe(
        0,
      );
      expect(outcome(await attend(staffB, activityG, personalCode(SECRET, chen.id, step()).code))).toEqual([
        404,
        'ACTIVITY_NOT_FOUND',
      ]);
    });
  });

  describe('door codes', () => {
    it("refuses a forged door code as unknown and another community's door as not found", async () => {
      expect(outcome(await scan(li, doorCode(OTHER_SECRET, roomG)))).toEqual([422, 'SCAN_CODE_UNKNOWN']);
      const genuine = doorCode(SECRET, roomG);
      expect(outcome(await scan(li, genuine.replace(`:${roomG}.`, `:${roomB}.`)))).toEqual([422, 'SCAN_CODE_UNKNOWN']);
      expect(outcome(await scan(li, doorCode(SECRET, roomB)))).toEqual([404, 'ROOM_NOT_FOUND']);
      // The genuine door of one's own community is read; with no booking starting now there is nothing to check in.
      expect(outcome(await scan(li, genuine))).toEqual([422, 'BOOKING_NO_CHECKIN']);
      const poster = await call('GET', `${api}/rooms/${roomG}/door-code`, { token: staffG });
      expect(poster.body.code).toBe(genuine);
    });
  });

  describe('session tokens', () => {
    const me = (token: string, app = t) => call('GET', `${api}/me`, { token }, app);

    it('an expired session is refused; one a minute from expiry still works', async () => {
      const { token } = await t.loginResident('13800000004');
      const sessions = t.dataSource.getRepository(Session);
      await sessions.update({ tokenHash: hashToken(token) }, { expiresAt: new Date(Date.now() + MIN) });
      expect((await me(token)).status).toBe(200);
      await sessions.update({ tokenHash: hashToken(token) }, { expiresAt: new Date(Date.now() - 1000) });
      expect(outcome(await me(token))).toEqual([401, 'SESSION_EXPIRED']);
    });

    it("a logged-out token is refused everywhere at once; the user's other sessions live on", async () => {
      const [a, b] = [await t.loginResident('13800000005'), await t.loginResident('13800000005')];
      expect((await call('POST', `${api}/auth/logout`, { token: a.token })).status).toBe(204);
      expect(outcome(await me(a.token))).toEqual([401, 'SESSION_EXPIRED']);
      expect(outcome(await call('GET', `${api}/timebank/account`, { token: a.token }))).toEqual([
        401,
        'SESSION_EXPIRED',
      ]);
      expect(outcome(await call('POST', `${api}/auth/logout`, { token: a.token }))).toEqual([401, 'SESSION_EXPIRED']);
      expect((await me(b.token)).status).toBe(200);
      const revoked = await t.dataSource.getRepository(Session).findOneByOrFail({ tokenHash: hashToken(a.token) });
      expect(revoked.revokedAt).not.toBeNull();
    });

    it('a tampered token is refused, and on public routes it makes nobody of the caller', async () => {
      const { token, user } = await t.loginResident('13800000006');
      const flip = (s: string, i: number) => s.slice(0, i) + (s[i] === 'A' ? 'B' : 'A') + s.slice(i + 1);
      const tampered = [
        flip(token, 0),
        flip(token, token.length - 1),
        `${token}A`,
        token.slice(0, -1),
        token.toUpperCase(),
        hashToken(token), // what the database holds is no key
        Buffer.from(token, 'base64url').toString('hex'),
        `${token}.${token}`,
        "' OR '1'='1",
        'x'.repeat(4000),
      ];
      for (const bad of tampered)
        expect([bad.slice(0, 20), ...outcome(await me(bad))]).toEqual([bad.slice(0, 20), 401, 'SESSION_EXPIRED']);
      for (const header of [`bearer ${token}`, `Basic ${token}`, token, 'Bearer ', `Bearer`]) {
        expect(outcome(await call('GET', `${api}/me`, { headers: { authorization: header } }))).toEqual([
          401,
          'UNAUTHENTICATED',
        ]);
      }
      // A public route ignores a bad token: the answer is the anonymous one, not the user's community.
      const anonymous = await call('GET', `${api}/buildings`);
      const asTampered = await call('GET', `${api}/buildings`, { token: flip(token, 3) });
      expect(asTampered.status).toBe(200);
      expect(asTampered.body).toEqual(anonymous.body);
      expect((await call('GET', `${api}/buildings`, { token })).body.items.length).toBeGreaterThan(0);
      expect((await me(token)).body.id).toBe(user.id); // the genuine one still works
    });
  });

  describe('secrets stay on the server', () => {
    it('WeChat session_key and password hashes are stored, never answered, never logged', async () => {
      for (const name of ['kt-a', 'kt-b', 'kt-c']) {
        const login = await call('POST', `${api}/auth/wechat`, { body: { code: `ok-${name}`, community: 'G' } });
        expect(login.status).toBe(200);
        await call('GET', `${api}/me`, { token: login.body.token });
        await call('PATCH', `${api}/me`, { token: login.body.token, body: { name: `微信${name}` } });
        await call('POST', `${api}/auth/logout`, { token: login.body.token });
      }
      await call('POST', `${api}/auth/wechat`, { body: { code: 'ok-kt-a' } }); // a returning user: the key is replaced
      await call('POST', `${api}/auth/login`, { body: { username: 'admin', password: 'wrong-password-123' } });
      const admin = (await t.loginStaff('admin')).token;
      for (const path of [
        '/me',
        '/residents?limit=100',
        '/residents?status=pending&limit=100',
        '/timebank/accounts?limit=100',
        '/audit?limit=100',
        '/notices/manage',
      ]) {
        expect((await call('GET', `${api}${path}`, { token: admin })).status).toBe(200);
      }
      expect((await call('GET', `${api}/residents?limit=100`, { token: staffG })).status).toBe(200);

      // The secrets exist, so not finding them below means something.
      const stored = await t.dataSource
        .getRepository(User)
        .createQueryBuilder('u')
        .addSelect(['u.wechatSessionKey', 'u.passwordHash'])
        .getMany();
      expect(stored.filter((u) => u.wechatSessionKey).map((u) => u.wechatSessionKey)).toContain(
        wechat.sessionKeys.at(-1),
      );
      expect(stored.some((u) => u.passwordHash?.startsWith('$argon2'))).toBe(true);
      expect(wechat.sessionKeys.length).toBe(4);

      const lines = [...t.logs, ...shortLived.logs].join('').split('\n');
      expect(lines.some((l) => l.includes('/api/v1/auth/wechat'))).toBe(true); // the requests were logged
      const everything = [...responses.map((r) => r.text), ...lines].join('\n');
      for (const secret of ['$argon2', 'wrong-password-123', ...wechat.sessionKeys])
        expect(everything.includes(secret) ? secret : 'absent').toBe('absent');
      expect(everything).not.toMatch(/session_?key"\s*:\s*"[^"[]/i); // any session key, also ones this test did not see
      expect(responses.length).toBeGreaterThan(50);
    });
  });

  // Last, so that the short sessions have mostly run out by now and the wait is short.
  describe('session lifetime', () => {
    const me = (token: string, app = t) => call('GET', `${api}/me`, { token }, app);

    it('a session ends when its time is up (SESSION_TTL_DAYS on a second server)', async () => {
      const expiresAt = shortIssuedAt + Number(SHORT_TTL_DAYS) * 86_400_000;
      const row = await shortLived.dataSource
        .getRepository(Session)
        .findOneByOrFail({ tokenHash: hashToken(shortToken) });
      expect(Math.abs(row.expiresAt.getTime() - expiresAt)).toBeLessThan(5000);
      await new Promise((r) => setTimeout(r, Math.max(0, row.expiresAt.getTime() - Date.now() + 200)));
      expect(outcome(await me(shortToken, shortLived))).toEqual([401, 'SESSION_EXPIRED']);
    });
  });
});
