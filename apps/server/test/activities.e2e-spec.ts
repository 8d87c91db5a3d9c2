import { Activity, ActivitySignup } from '../src/activities/activity.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const MIN = 60_000;

/** The server runs on the real clock, so activities are created relative to now; the test moves times back in the database to play the end. */
describe(`volunteer activities over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let staffB: string;
  let li: { token: string; id: number }; // 李秀英, G, volunteer
  let chen: { token: string; id: number }; // 陈志强, G, volunteer
  let zhang: { token: string; id: number }; // 张桂兰, G, not a volunteer
  let activityId: number;
  let otherId: number;
  const here = { lat: 30.6586, lng: 104.0647 };

  const balance = async (token: string) =>
    (await t.request('GET', `${api}/timebank/account`, { token })).body.balance as number;
  const liveCode = async (id: number, purpose: 'checkin' | 'checkout') => {
    const res = await t.request('GET', `${api}/activities/${id}/live-code?purpose=${purpose}`, { token: staffG });
    expect(res.status).toBe(200);
    return res.body.code as string;
  };
  const scan = (token: string, body: Record<string, unknown>) => t.request('POST', `${api}/scan`, { token, body });
  const activityBody = (title: string) => {
    const start = new Date(Date.now() + 10 * MIN);
    return {
      title,
      description: '陪老人聊天、读报',
      place: '幸福里敬老院',
      geofence: { ...here, radiusM: 200 },
      startAt: start.toISOString(),
      endAt: new Date(start.getTime() + 60 * MIN).toISOString(),
      capacity: 5,
      signupDeadline: new Date(start.getTime() - 5 * MIN).toISOString(),
    };
  };

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, staffB] = (await Promise.all(['staff.g', 'staff.b'].map((u) => t.loginStaff(u)))).map((l) => l.token);
    const login = async (phone: string) => {
      const l = await t.loginResident(phone);
      return { token: l.token, id: l.user.id };
    };
    [li, chen, zhang] = await Promise.all(['13800000001', '13800000002', '13800000003'].map(login));
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  it('staff create a draft (hidden from residents and other communities) and publish it', async () => {
    const created = await t.request('POST', `${api}/activities`, {
      token: staffG,
      body: activityBody('敬老院陪伴（测试）'),
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      status: 'draft',
      capacity: 5,
      signedUp: 0,
      placesLeft: 5,
      geofence: { ...here, radiusM: 200 },
    });
    activityId = created.body.id;
    expect((await t.request('GET', `${api}/activities/${activityId}`, { token: li.token })).status).toBe(404);
    const foreign = await t.request('GET', `${api}/activities/${activityId}`, { token: staffB });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe('ACTIVITY_NOT_FOUND');
    expect((await t.request('POST', `${api}/activities`, { token: li.token, body: activityBody('x') })).status).toBe(
      403,
    );
    const bad = await t.request('POST', `${api}/activities`, {
      token: staffG,
      body: { ...activityBody('x'), endAt: new Date(Date.now() - MIN).toISOString() },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.code).toBe('ACTIVITY_TIME_INVALID');

    const published = await t.request('POST', `${api}/activities/${activityId}/publish`, { token: staffG });
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    const other = await t.request('POST', `${api}/activities`, {
      token: staffG,
      body: activityBody('社区环境清洁（测试）'),
    });
    otherId = other.body.id;
    await t.request('POST', `${api}/activities/${otherId}/publish`, { token: staffG });
    const list = await t.request('GET', `${api}/activities`, { token: li.token });
    expect(list.status).toBe(200);
    expect(list.body.items.map((a: { id: number }) => a.id)).toEqual(expect.arrayContaining([activityId, otherId]));
  });

  it('volunteers sign up; non-volunteers are refused', async () => {
    const signed = await t.request('POST', `${api}/activities/${activityId}/signup`, { token: li.token });
    expect(signed.status).toBe(200);
    expect(signed.body).toMatchObject({ signedUp: 1, placesLeft: 4, mine: { activityId, checkedInAt: null } });
    const twice = await t.request('POST', `${api}/activities/${activityId}/signup`, { token: li.token });
    expect([twice.status, twice.body.code]).toEqual([409, 'ACTIVITY_ALREADY_SIGNED_UP']);
    const notVolunteer = await t.request('POST', `${api}/activities/${activityId}/signup`, { token: zhang.token });
    expect([notVolunteer.status, notVolunteer.body.code]).toEqual([422, 'ACTIVITY_NOT_VOLUNTEER']);
    expect((await t.request('POST', `${api}/activities/${activityId}/signup`, { token: chen.token })).status).toBe(200);
  });

  it('scan the live code to check in; forged, wrong-purpose and foreign codes are refused with distinct codes', async () => {
    const code = await liveCode(activityId, 'checkin');
    expect(code).toMatch(/^LA1\./);
    expect(code.length).toBeLessThan(48);

    const forged = await scan(li.token, { code: code.slice(0, -3) + (code.endsWith('AAA') ? 'BBB' : 'AAA'), ...here });
    expect([forged.status, forged.body.code]).toEqual([422, 'ACTIVITY_CODE_FORGED']);
    const checkout = await liveCode(activityId, 'checkout');
    const wrongPurpose = await scan(li.token, { code: checkout, ...here, activityId, purpose: 'checkin' });
    expect([wrongPurpose.status, wrongPurpose.body.code]).toEqual([422, 'ACTIVITY_CODE_WRONG_PURPOSE']);
    const foreignCode = await liveCode(otherId, 'checkin');
    const wrongActivity = await scan(li.token, { code: foreignCode, ...here, activityId, purpose: 'checkin' });
    expect([wrongActivity.status, wrongActivity.body.code]).toEqual([422, 'ACTIVITY_CODE_WRONG_ACTIVITY']);
    const notSignedUp = await scan(li.token, { code: foreignCode, ...here });
    expect([notSignedUp.status, notSignedUp.body.code]).toEqual([422, 'ACTIVITY_NOT_SIGNED_UP']);
    const stale = await scan(li.token, { code: code.replace(/\.(\d+)\./, (_m, s) => `.${Number(s) - 5}.`), ...here });
    expect(stale.body.code).toBe('ACTIVITY_CODE_FORGED'); // the step is signed: editing it breaks the MAC
    const noLocation = await scan(li.token, { code });
    expect([noLocation.status, noLocation.body.code]).toEqual([422, 'ACTIVITY_LOCATION_REQUIRED']);
    const far = await scan(li.token, { code, lat: 30.7, lng: 104.0647 });
    expect([far.status, far.body.code]).toEqual([422, 'ACTIVITY_OUTSIDE_GEOFENCE']);
    const early = await scan(li.token, { code: checkout, ...here });
    expect([early.status, early.body.code]).toEqual([422, 'ACTIVITY_OUTSIDE_CHECKOUT_WINDOW']);

    const first = await scan(li.token, { code, ...here, activityId, purpose: 'checkin' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'activity_checkin', activity: { id: activityId } });
    expect(first.body.attendance.checkedInAt).not.toBeNull();
    const again = await scan(li.token, { code, ...here });
    expect(again.status).toBe(200);
    expect(again.body.attendance.checkedInAt).toBe(first.body.attendance.checkedInAt);

    const mine = await t.request('GET', `${api}/activities/mine`, { token: li.token });
    expect(mine.body.items.find((a: { id: number }) => a.id === activityId).mine.checkedInAt).toBe(
      first.body.attendance.checkedInAt,
    );
    expect(
      (await t.request('GET', `${api}/activities/${activityId}/live-code?purpose=checkin`, { token: staffG })).body
        .checkedIn,
    ).toBe(1);
  });

  it('personal code fallback: staff type the volunteer’s 6 digits', async () => {
    const code = await t.request('GET', `${api}/me/code`, { token: chen.token });
    expect(code.status).toBe(200);
    expect(code.body.code).toMatch(/^LU1\./);
    expect(code.body.digits).toMatch(/^\d{6}$/);
    const recorded = await t.request('POST', `${api}/activities/${activityId}/attendance`, {
      token: staffG,
      body: { userCode: code.body.digits, action: 'checkin' },
    });
    expect(recorded.status).toBe(200);
    expect(recorded.body.checkedInAt).not.toBeNull();
    const wrong = await t.request('POST', `${api}/activities/${activityId}/attendance`, {
      token: staffG,
      body: { userCode: 'LU1.1.1.AAAAAAAAAAAAAAAA', action: 'checkin' },
    });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'ACTIVITY_USER_CODE_INVALID']);
  });

  it('the live code can be typed as 8 digits: it names the caller’s own activity and purpose, nobody else’s', async () => {
    const live = await t.request('GET', `${api}/activities/${activityId}/live-code?purpose=checkin`, { token: staffG });
    const typed: string = live.body.shortCode;
    expect(typed).toMatch(/^\d{8}$/);
    const spaced = `${typed.slice(0, 4)} ${typed.slice(4)}`;
    const checkedIn = await scan(chen.token, { code: spaced, ...here });
    expect(checkedIn.status).toBe(200);
    expect(checkedIn.body).toMatchObject({ kind: 'activity_checkin', activity: { id: activityId } });
    // Not signed up for it: the same digits name nothing of theirs.
    const stranger = await scan(zhang.token, { code: typed, ...here });
    expect([stranger.status, stranger.body.code]).toEqual([422, 'ACTIVITY_CODE_FORGED']);
    const wrong = await scan(chen.token, { code: String((Number(typed) + 1) % 100_000_000).padStart(8, '0'), ...here });
    expect([wrong.status, wrong.body.code]).toEqual([422, 'ACTIVITY_CODE_FORGED']);
    // The check-out digits are matched too; the window rule then answers as for a scanned QR.
    const out = await t.request('GET', `${api}/activities/${activityId}/live-code?purpose=checkout`, { token: staffG });
    const early = await scan(chen.token, { code: out.body.shortCode, ...here });
    expect([early.status, early.body.code]).toEqual([422, 'ACTIVITY_OUTSIDE_CHECKOUT_WINDOW']);
  });

  it('after the end: scan check-out, manual minutes for a missing check-out, settle once → balances credited', async () => {
    // Play the activity forward: it started 70 min ago and ended 10 min ago; the check-ins were 5 min before start.
    const start = new Date(Date.now() - 70 * MIN);
    await t.dataSource.getRepository(Activity).update(
      { id: activityId },
      {
        startAt: start,
        endAt: new Date(start.getTime() + 60 * MIN),
        signupDeadline: new Date(start.getTime() - 10 * MIN),
      },
    );
    await t.dataSource
      .getRepository(ActivitySignup)
      .update({ activityId }, { checkedInAt: new Date(start.getTime() - 5 * MIN) });

    const out = await scan(li.token, {
      code: await liveCode(activityId, 'checkout'),
      ...here,
      activityId,
      purpose: 'checkout',
    });
    expect(out.status).toBe(200);
    expect(out.body.kind).toBe('activity_checkout');

    const sheet = await t.request('GET', `${api}/activities/${activityId}/attendance`, { token: staffG });
    expect(sheet.status).toBe(200);
    const rowOf = (rows: Array<{ userId: number }>, id: number) =>
      rows.find((r) => r.userId === id) as Record<string, unknown>;
    expect(rowOf(sheet.body.rows, li.id)).toMatchObject({ computedMinutes: 60, minutes: 60 });
    expect(rowOf(sheet.body.rows, chen.id)).toMatchObject({ computedMinutes: 0, checkedOutAt: null });
    const manual = await t.request('POST', `${api}/activities/${activityId}/attendance/${chen.id}/manual`, {
      token: staffG,
      body: { minutes: 45, reason: '手机没电未签退，负责人确认' },
    });
    expect(manual.status).toBe(200);
    expect(rowOf(manual.body.rows, chen.id)).toMatchObject({
      manualMinutes: 45,
      minutes: 45,
      manualReason: '手机没电未签退，负责人确认',
    });

    const [liBefore, chenBefore] = [await balance(li.token), await balance(chen.token)];
    const settled = await t.request('POST', `${api}/activities/${activityId}/settle`, { token: staffG });
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ credited: 2, creditedMinutes: 105, activity: { status: 'settled' } });
    const again = await t.request('POST', `${api}/activities/${activityId}/settle`, { token: staffG });
    expect(again.body).toMatchObject({ credited: 0, creditedMinutes: 0, alreadySettled: 2 });
    expect(await balance(li.token)).toBe(liBefore + 60);
    expect(await balance(chen.token)).toBe(chenBefore + 45);

    const inbox = await t.request('GET', `${api}/notifications`, { token: li.token });
    expect(inbox.body.items.some((n: { kind: string }) => n.kind === 'credits_received')).toBe(true);
    const audit = await t.request('GET', `${api}/timebank/audit`, { token: staffG });
    expect(audit.body).toMatchObject({ ok: true, discrepancies: [] });
    const log = await t.request('GET', `${api}/audit`, { token: staffG });
    const actions = log.body.items.map((e: { action: string }) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining([
        'activities.create',
        'activities.publish',
        'activities.checkin',
        'activities.manual_minutes',
        'activities.settle',
      ]),
    );
  });

  it('the demo has a past activity waiting to be settled', async () => {
    const list = await t.request('GET', `${api}/activities?status=published`, { token: staffG });
    const past = list.body.items.find((a: { title: string }) => a.title === '垃圾分类宣传');
    expect(past).toBeDefined();
    const sheet = await t.request('GET', `${api}/activities/${past.id}/attendance`, { token: staffG });
    expect(sheet.body.rows.map((r: { minutes: number }) => r.minutes).sort()).toEqual([0, 120]);
  });
});
