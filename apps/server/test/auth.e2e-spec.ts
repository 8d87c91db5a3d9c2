import { User } from '../src/users/user.entity.js';
import { Session } from '../src/auth/session.entity.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

describe(`identity over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  it('reports the database in health', async () => {
    const res = await t.request('GET', '/api/v1/health');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      status: 'ok',
      database: { status: 'up', type: testDatabaseKind === 'sqlite' ? 'sqlite' : 'mysql' },
      transactions: { committed: expect.any(Number), retried: expect.any(Number), exhausted: 0 },
    });
  });

  it('logs staff in with the demo password and refuses a wrong one with a stable code', async () => {
    const ok = await t.request('POST', '/api/v1/auth/login', { body: { username: 'staff.g', password: 'linli-demo' } });
    expect(ok.status).toBe(200);
    expect(ok.body.token).toEqual(expect.any(String));
    expect(ok.body.user).toMatchObject({ username: 'staff.g', role: 'staff', community: { code: 'G' } });
    expect(ok.text).not.toMatch(/passwordHash|argon2/);

    for (const body of [
      { username: 'staff.g', password: 'wrong' },
      { username: 'nobody', password: 'linli-demo' },
    ]) {
      const bad = await t.request('POST', '/api/v1/auth/login', { body });
      expect(bad.status).toBe(401);
      expect(bad.body).toEqual({ statusCode: 401, code: 'LOGIN_FAILED', message: expect.any(String) });
    }
  });

  it('answers 401 without a token and with a made-up one', async () => {
    expect((await t.request('GET', '/api/v1/me')).body).toMatchObject({ statusCode: 401, code: 'UNAUTHENTICATED' });
    expect((await t.request('GET', '/api/v1/me', { token: 'made-up' })).body).toMatchObject({
      statusCode: 401,
      code: 'SESSION_EXPIRED',
    });
  });

  it('refuses a logged-out token at once', async () => {
    const { token } = await t.loginStaff('staff.b');
    expect((await t.request('GET', '/api/v1/me', { token })).status).toBe(200);
    expect((await t.request('POST', '/api/v1/auth/logout', { token })).status).toBe(204);
    const after = await t.request('GET', '/api/v1/me', { token });
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
  });

  it('ends every session of a disabled user at once', async () => {
    const { token, user } = await t.loginResident('13800000008');
    await t.dataSource.getRepository(User).update({ id: user.id }, { status: 'disabled' });
    const res = await t.request('GET', '/api/v1/me', { token });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('ACCOUNT_DISABLED');
    const login = await t.request('POST', '/api/v1/auth/dev-login', { body: { phone: '13800000008', community: 'G' } });
    expect(login.status).toBe(401);
    await t.dataSource.getRepository(User).update({ id: user.id }, { status: 'verified' });
  });

  it('rejects an unknown field with 400 naming it, and stores nothing', async () => {
    const { token } = await t.loginResident('13800000009');
    const before = await t.request('GET', '/api/v1/me', { token });
    const res = await t.request('PATCH', '/api/v1/me', { token, body: { name: '黑客', role: 'admin' } });
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED', fields: ['role'] });
    expect(res.body.message).toContain('role');
    const after = await t.request('GET', '/api/v1/me', { token });
    expect(after.body).toEqual(before.body);
  });

  it('rejects malformed JSON and wrong types with a stable code', async () => {
    const bad = await t.request('POST', '/api/v1/auth/login', { body: '{"username":' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
    const wrongType = await t.request('POST', '/api/v1/auth/login', { body: { username: 42, password: [] } });
    expect(wrongType.status).toBe(400);
    expect(wrongType.body.fields).toEqual(expect.arrayContaining(['username', 'password']));
  });

  it('answers an oversized body with 413', async () => {
    const res = await t.request('POST', '/api/v1/auth/login', {
      body: { username: 'x'.repeat(600 * 1024), password: 'x' },
    });
    expect(res.status).toBe(413);
    expect(res.body.code).toBe('PAYLOAD_TOO_LARGE');
  });

  it('lets a newcomer dev-login, name their household and become pending', async () => {
    const login = await t.request('POST', '/api/v1/auth/dev-login', { body: { phone: '13700000001', community: 'G' } });
    expect(login.status).toBe(200);
    expect(login.body.user).toMatchObject({
      role: 'resident',
      status: 'pending',
      phone: '13700000001',
      community: { code: 'G' },
    });
    const token = login.body.token;
    const buildings = await t.request('GET', '/api/v1/buildings', { token });
    expect(buildings.body.items.length).toBeGreaterThan(0);
    const res = await t.request('PATCH', '/api/v1/me', {
      token,
      body: { name: '新邻居', buildingId: buildings.body.items[0].id, unit: '1', room: '808' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      name: '新邻居',
      building: { id: buildings.body.items[0].id },
      unit: '1',
      room: '808',
      status: 'pending',
    });
  });

  it('refuses a building of another community', async () => {
    const { token } = await t.loginResident('13800000009');
    const other = await t.request('GET', '/api/v1/buildings?community=B');
    const res = await t.request('PATCH', '/api/v1/me', { token, body: { buildingId: other.body.items[0].id } });
    expect(res.status).toBe(404);
    expect(res.body.code).toBe('BUILDING_NOT_FOUND');
  });

  it('keeps a verified household locked to staff', async () => {
    const { token } = await t.loginResident('13800000003');
    const res = await t.request('PATCH', '/api/v1/me', { token, body: { room: '999' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('PROFILE_LOCKED');
  });

  it('keeps sessions in the database, hashed', async () => {
    const { token } = await t.loginStaff('admin');
    const rows = await t.dataSource.getRepository(Session).find();
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.some((r) => r.tokenHash === token)).toBe(false);
  });

  it('serves the OpenAPI document', async () => {
    const res = await t.request('GET', '/api/docs-json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/auth/login', '/api/v1/residents/{id}/verify']),
    );
  });

  it('never writes tokens, password hashes or submitted passwords into the logs', async () => {
    const { token } = await t.loginStaff('staff.g');
    await t.request('POST', '/api/v1/auth/login', { body: { username: 'staff.g', password: 'typo-secret-123' } });
    await t.request('GET', '/api/v1/me', { token });
    const all = t.logs.join('');
    expect(all).toContain('/api/v1/me'); // the request was logged
    expect(all).not.toContain(token);
    expect(all).not.toContain('typo-secret-123');
    expect(all).not.toContain('$argon2');
  });
});

describe(`dev login outside demo mode on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LINLI_DEMO: '0', LINLI_SECRET: 's'.repeat(32) } });
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  it('does not exist', async () => {
    const res = await t.request('POST', '/api/v1/auth/dev-login', { body: { phone: '13800000001', community: 'G' } });
    expect(res.status).toBe(404);
    expect(await t.dataSource.getRepository(User).count()).toBe(0);
  });
});

describe(`login rate limit on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { LOGIN_RATE_LIMIT: '3' } });
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  it('answers 429 with Retry-After once the limit is passed', async () => {
    const answers: TestResponse[] = [];
    for (let i = 0; i < 5; i++)
      answers.push(await t.request('POST', '/api/v1/auth/login', { body: { username: 'staff.g', password: 'wrong' } }));
    expect(answers.map((a) => a.status)).toEqual([401, 401, 401, 429, 429]);
    const last = answers[answers.length - 1];
    expect(last.body.code).toBe('RATE_LIMITED');
    expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});
