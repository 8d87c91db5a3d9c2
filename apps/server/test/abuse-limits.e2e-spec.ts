import { errorMessages } from '@linli/shared-types';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const allowedOrigin = 'https://console.linli.example';

/** Row count of a table through the test's own connection. */
async function count(t: TestApp, table: string): Promise<number> {
  const [row] = await t.dataSource.query(`SELECT COUNT(*) AS n FROM ${table}`);
  return Number(row.n);
}

describe(`abuse limits on ${testDatabaseKind}`, () => {
  let t: TestApp;
  // Behind a trusted proxy, X-Forwarded-For tells the client IP: each test speaks from its own addresses.
  const from = (ip: string) => ({ 'x-forwarded-for': ip });
  const devLogin = (phone: string, ip: string) =>
    t.request('POST', `${api}/auth/dev-login`, {
      body: { phone, community: phone.startsWith('139') ? 'B' : 'G' },
      headers: from(ip),
    });
  const login = async (phone: string, ip: string) => {
    const res = await devLogin(phone, ip);
    expect(res.status).toBe(200);
    return { token: res.body.token as string, id: res.body.user.id as number };
  };
  const expectLimited = (res: Awaited<ReturnType<TestApp['request']>>) => {
    expect(res.status).toBe(429);
    expect(res.body).toEqual({ statusCode: 429, code: 'RATE_LIMITED', message: errorMessages.RATE_LIMITED });
    const retryAfter = Number(res.headers.get('retry-after'));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(60);
  };

  beforeAll(async () => {
    t = await startTestApp({
      env: {
        TRUST_PROXY: '1',
        CORS_ORIGINS: allowedOrigin,
        DEV_LOGIN_RATE_LIMIT: '2',
        SCAN_RATE_LIMIT: '2',
        TIMEBANK_RATE_LIMIT: '2',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('dev login: DEV_LOGIN_RATE_LIMIT per IP, other IPs unaffected', async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await devLogin('13800000001', '10.1.0.1')).status);
    expect(statuses).toEqual([200, 200, 429]);
    expectLimited(await devLogin('13800000002', '10.1.0.1'));
    expect((await devLogin('13800000002', '10.1.0.2')).status).toBe(200);
  });

  it('scan: SCAN_RATE_LIMIT per user; a neighbour on the same network still scans', async () => {
    const a = await login('13800000001', '10.2.0.1');
    const b = await login('13800000002', '10.2.0.2');
    const scan = (token: string) =>
      t.request('POST', `${api}/scan`, { token, body: { code: 'not-a-linli-code' }, headers: from('10.2.0.9') });
    expect((await scan(a.token)).body.code).toBe('SCAN_CODE_UNKNOWN');
    expect((await scan(a.token)).body.code).toBe('SCAN_CODE_UNKNOWN');
    expectLimited(await scan(a.token));
    expect((await scan(b.token)).body.code).toBe('SCAN_CODE_UNKNOWN');
  });

  it("scan: ten users' worth per IP, then everyone behind that IP waits", async () => {
    const a = await login('13800000003', '10.3.0.1');
    const b = await login('13800000004', '10.3.0.2');
    const scan = (token: string) =>
      t.request('POST', `${api}/scan`, { token, body: { code: 'x' }, headers: from('10.3.0.9') });
    const statuses = [];
    for (let i = 0; i < 20; i++) statuses.push((await scan(a.token)).status);
    expect(statuses.filter((s) => s === 422)).toHaveLength(2);
    expect(statuses.filter((s) => s === 429)).toHaveLength(18);
    expectLimited(await scan(b.token)); // the IP's 20 are spent, although b never scanned
  });

  it('transfers and redemptions share TIMEBANK_RATE_LIMIT per user, and a limited request changes nothing', async () => {
    const li = await login('13800000001', '10.4.0.1');
    const liu = await login('13800000005', '10.4.0.2');
    let key = 0;
    const idem = () => ({ 'idempotency-key': `abuse-${Date.now()}-${++key}`, ...from('10.4.0.9') });
    const transfer = () =>
      t.request('POST', `${api}/timebank/transfers`, {
        token: li.token,
        body: { toUserId: liu.id, minutes: 1, memo: '谢谢' },
        headers: idem(),
      });
    const rewards = await t.request('GET', `${api}/rewards`, { token: li.token });
    const reward = rewards.body.items.find(
      (r: { stock: number; priceMinutes: number }) => r.stock > 0 && r.priceMinutes <= 100,
    );

    expect((await transfer()).status).toBe(201);
    expect(
      (await t.request('POST', `${api}/rewards/${reward.id}/redeem`, { token: li.token, headers: idem() })).status,
    ).toBe(201);
    const before = [await count(t, 'timebank_transactions'), await count(t, 'idempotency_keys')];
    expectLimited(await transfer());
    expectLimited(await t.request('POST', `${api}/rewards/${reward.id}/redeem`, { token: li.token, headers: idem() }));
    expect([await count(t, 'timebank_transactions'), await count(t, 'idempotency_keys')]).toEqual(before);
    // Another resident has a budget of their own.
    const back = await t.request('POST', `${api}/timebank/transfers`, {
      token: liu.token,
      body: { toUserId: li.id, minutes: 1, memo: '不客气' },
      headers: idem(),
    });
    expect(back.status).toBe(201);
  });

  it('sends security headers with a content security policy', async () => {
    const res = await t.request('GET', `${api}/health`);
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'self'");
    const scriptSrc = csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src '))!;
    expect(scriptSrc).toMatch(/^script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*$/); // inline scripts only by hash, no eval
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('strict-transport-security')).toContain('max-age=');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('CORS: only CORS_ORIGINS may call from a browser', async () => {
    const allowed = await t.request('GET', `${api}/health`, { headers: { origin: allowedOrigin } });
    expect(allowed.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    const other = await t.request('GET', `${api}/health`, { headers: { origin: 'https://evil.example' } });
    expect(other.headers.get('access-control-allow-origin')).toBeNull();

    const preflight = (origin: string) =>
      t.request('OPTIONS', `${api}/timebank/transfers`, {
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'authorization,content-type,idempotency-key',
        },
      });
    const ok = await preflight(allowedOrigin);
    expect(ok.headers.get('access-control-allow-origin')).toBe(allowedOrigin);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await preflight('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe(`production errors on ${testDatabaseKind}`, () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { NODE_ENV: 'production' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('an unexpected failure answers a generic 500 with a stable code, no stack, SQL or paths', async () => {
    const { token } = await t.loginResident('13800000001');
    expect((await t.request('GET', `${api}/notifications`, { token })).status).toBe(200);
    // The database loses a table under the running server: its next query fails in a way no code expects.
    await t.dataSource.query('DROP TABLE notifications');
    const res = await t.request('GET', `${api}/notifications`, { token });
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ statusCode: 500, code: 'INTERNAL_ERROR', message: errorMessages.INTERNAL_ERROR });
    expect(res.text).not.toMatch(/notifications|SQLITE|ER_|at .*\.js|\/work\/|node_modules|stack/i);
    // The operator still finds the cause in the log.
    expect(t.logs.join('')).toMatch(/notifications/);
  });
});
