import { User } from '../src/users/user.entity.js';
import { FAKE_APPID, FAKE_SECRET, startFakeWechat } from './support/fake-wechat.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

describe(`WeChat login against a local stand-in on ${testDatabaseKind}`, () => {
  let wechat: Awaited<ReturnType<typeof startFakeWechat>>;
  let t: TestApp;
  beforeAll(async () => {
    wechat = await startFakeWechat();
    t = await startTestApp({
      env: { WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: wechat.url },
    });
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
    await wechat?.close();
  });

  it('creates a pending resident in the community of the poster on first login, and finds them again', async () => {
    const first = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-alice', community: 'G' } });
    expect(first.status).toBe(200);
    expect(first.body.user).toMatchObject({ role: 'resident', status: 'pending', community: { code: 'G' } });
    const again = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-alice' } });
    expect(again.status).toBe(200);
    expect(again.body.user.id).toBe(first.body.user.id);
    expect((await t.request('GET', '/api/v1/me', { token: again.body.token })).status).toBe(200);
    expect(wechat.requests.at(-1)?.searchParams.get('js_code')).toBe('ok-alice');
  });

  it('lets a newcomer without a community choose one through a building', async () => {
    const login = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-bob' } });
    expect(login.body.user.community).toBeNull();
    const buildings = await t.request('GET', '/api/v1/buildings?community=B', { token: login.body.token });
    const res = await t.request('PATCH', '/api/v1/me', {
      token: login.body.token,
      body: { name: '鲍勃', buildingId: buildings.body.items[0].id, unit: '1', room: '101' },
    });
    expect(res.status).toBe(200);
    expect(res.body.community.code).toBe('B');
  });

  it.each([
    ['bad', 401, 'WECHAT_CODE_INVALID'],
    ['used', 401, 'WECHAT_CODE_INVALID'],
    ['busy', 503, 'WECHAT_UNAVAILABLE'],
  ])('code "%s" answers %i %s and creates nobody', async (code, status, errorCode) => {
    const before = await t.dataSource.getRepository(User).count();
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code } });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(errorCode);
    expect(await t.dataSource.getRepository(User).count()).toBe(before);
  });

  it('refuses an unknown community code', async () => {
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-carol', community: 'ZZ' } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('COMMUNITY_NOT_FOUND');
  });

  it('keeps session_key on the server: stored, never answered, never logged', async () => {
    const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-dave' } });
    const key = wechat.sessionKeys.at(-1)!;
    const stored = await t.dataSource
      .getRepository(User)
      .createQueryBuilder('u')
      .addSelect('u.wechatSessionKey')
      .where('u.openid = :openid', { openid: 'openid-dave' })
      .getOneOrFail();
    expect(stored.wechatSessionKey).toBe(key);
    const me = await t.request('GET', '/api/v1/me', { token: res.body.token });
    for (const text of [res.text, me.text, t.logs.join('')]) {
      for (const k of wechat.sessionKeys) expect(text).not.toContain(k);
      expect(text).not.toContain(FAKE_SECRET);
    }
  });
});

describe(`WeChat login when WeChat is not configured or unreachable on ${testDatabaseKind}`, () => {
  it('answers 503 WECHAT_NOT_CONFIGURED without credentials', async () => {
    const t = await startTestApp();
    try {
      const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-x' } });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('WECHAT_NOT_CONFIGURED');
    } finally {
      await t.close();
    }
  });

  it('answers 503 WECHAT_UNAVAILABLE when the base URL does not answer', async () => {
    const t = await startTestApp({
      env: { WECHAT_APPID: FAKE_APPID, WECHAT_SECRET: FAKE_SECRET, WECHAT_API_BASE: 'http://127.0.0.1:9' },
    });
    try {
      const res = await t.request('POST', '/api/v1/auth/wechat', { body: { code: 'ok-x' } });
      expect(res.status).toBe(503);
      expect(res.body.code).toBe('WECHAT_UNAVAILABLE');
    } finally {
      await t.close();
    }
  });
});
