import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { User } from '../src/users/user.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

describe(`verification, volunteers and tenant isolation on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let staffB: string;
  let admin: string;
  let pendingG: User;
  let verifiedG: User;

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, staffB, admin] = (await Promise.all(['staff.g', 'staff.b', 'admin'].map((u) => t.loginStaff(u)))).map(
      (l) => l.token,
    );
    const users = t.dataSource.getRepository(User);
    pendingG = await users.findOneByOrFail({ phone: '13800000009' });
    verifiedG = await users.findOneByOrFail({ phone: '13800000003' });
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  it("lists only the staff member's own community, phones masked", async () => {
    const g = await t.request('GET', '/api/v1/residents', { token: staffG });
    expect(g.status).toBe(200);
    expect(g.body.items.length).toBeGreaterThan(0);
    expect(new Set(g.body.items.map((r: { communityId: number }) => r.communityId))).toEqual(
      new Set([pendingG.communityId]),
    );
    expect(g.body.items.every((r: { phone: string }) => /^\d{3}\*{4}\d{4}$/.test(r.phone))).toBe(true);
    const pending = await t.request('GET', '/api/v1/residents?status=pending', { token: staffG });
    expect(pending.body.items.map((r: { id: number }) => r.id)).toEqual([pendingG.id]);
  });

  it('staff of another community get 404 for a G resident, and nothing changes', async () => {
    for (const path of [`/api/v1/residents/${pendingG.id}/verify`]) {
      const res = await t.request('POST', path, { token: staffB });
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('NOT_FOUND');
    }
    const vol = await t.request('POST', `/api/v1/residents/${verifiedG.id}/volunteer`, {
      token: staffB,
      body: { volunteer: true },
    });
    expect(vol.status).toBe(404);
    const fresh = await t.dataSource.getRepository(User).findOneByOrFail({ id: pendingG.id });
    expect(fresh.status).toBe('pending');
    expect((await t.dataSource.getRepository(User).findOneByOrFail({ id: verifiedG.id })).volunteer).toBe(false);
  });

  it('a missing resident is 404 too, and a non-numeric id is 400', async () => {
    expect((await t.request('POST', '/api/v1/residents/999999/verify', { token: staffG })).status).toBe(404);
    const bad = await t.request('POST', '/api/v1/residents/abc/verify', { token: staffG });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('residents get 403 on staff endpoints, anonymous 401', async () => {
    const { token } = await t.loginResident('13800000001');
    expect((await t.request('GET', '/api/v1/residents', { token })).body).toMatchObject({
      statusCode: 403,
      code: 'FORBIDDEN',
    });
    expect((await t.request('GET', '/api/v1/audit', { token })).status).toBe(403);
    expect((await t.request('GET', '/api/v1/residents')).status).toBe(401);
  });

  it('staff verify a pending household once; the audit log records it', async () => {
    const res = await t.request('POST', `/api/v1/residents/${pendingG.id}/verify`, { token: staffG });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: pendingG.id, status: 'verified', verifiedAt: expect.any(String) });
    const again = await t.request('POST', `/api/v1/residents/${pendingG.id}/verify`, { token: staffG });
    expect(again.status).toBe(422);
    expect(again.body.code).toBe('RESIDENT_ALREADY_VERIFIED');
    const audit = await t.request('GET', '/api/v1/audit', { token: staffG });
    expect(audit.body.items[0]).toMatchObject({
      action: 'resident.verify',
      targetType: 'user',
      targetId: String(pendingG.id),
      actor: { role: 'staff' },
    });
    const auditB = await t.request('GET', '/api/v1/audit', { token: staffB });
    expect(auditB.body.items.find((e: { action: string }) => e.action === 'resident.verify')).toBeUndefined();
  });

  it('refuses to verify a household that is not complete', async () => {
    const login = await t.request('POST', '/api/v1/auth/dev-login', { body: { phone: '13700000077', community: 'G' } });
    const res = await t.request('POST', `/api/v1/residents/${login.body.user.id}/verify`, { token: staffG });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('HOUSEHOLD_INCOMPLETE');
  });

  it('grants and revokes the volunteer flag for verified residents only', async () => {
    const grant = await t.request('POST', `/api/v1/residents/${verifiedG.id}/volunteer`, {
      token: staffG,
      body: { volunteer: true },
    });
    expect(grant.status).toBe(200);
    expect(grant.body.volunteer).toBe(true);
    const resident = await t.loginResident('13800000003');
    expect(resident.user.volunteer).toBe(true);
    const revoke = await t.request('POST', `/api/v1/residents/${verifiedG.id}/volunteer`, {
      token: staffG,
      body: { volunteer: false },
    });
    expect(revoke.body.volunteer).toBe(false);
    const badBody = await t.request('POST', `/api/v1/residents/${verifiedG.id}/volunteer`, {
      token: staffG,
      body: { volunteer: 'yes' },
    });
    expect(badBody.status).toBe(400);
    expect(badBody.body.fields).toEqual(['volunteer']);
  });

  it('admins see the whole street and can narrow to one community', async () => {
    const all = await t.request('GET', '/api/v1/residents?limit=100', { token: admin });
    expect(new Set(all.body.items.map((r: { communityId: number }) => r.communityId)).size).toBe(2);
    const b = await t.request('GET', '/api/v1/residents?limit=100', { token: admin });
    const bId = all.body.items.find((r: { phone: string }) => r.phone.startsWith('139')).communityId;
    const onlyB = await t.request('GET', `/api/v1/residents?limit=100&communityId=${bId}`, { token: admin });
    expect(onlyB.body.items.length).toBeGreaterThan(0);
    expect(onlyB.body.items.every((r: { communityId: number }) => r.communityId === bId)).toBe(true);
    expect(b.status).toBe(200);
    // staff asking for another community still get their own
    const staffAsk = await t.request('GET', `/api/v1/residents?communityId=${bId}`, { token: staffG });
    expect(staffAsk.body.items.every((r: { communityId: number }) => r.communityId !== bId)).toBe(true);
  });

  it('pages with a cursor without repeating or skipping', async () => {
    const seen: number[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: Array<{ id: number }>; nextCursor: string | null } } = await t.request(
        'GET',
        `/api/v1/residents?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
        { token: admin },
      );
      seen.push(...res.body.items.map((r) => r.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    const total = await t.dataSource.getRepository(User).countBy({ role: 'resident' });
    expect(seen.length).toBe(total);
    expect(new Set(seen).size).toBe(total);
    expect((await t.request('GET', '/api/v1/residents?cursor=!!', { token: admin })).status).toBe(400);
  });

  it('two staff verifying the same resident at once: exactly one succeeds, one audit entry', async () => {
    const login = await t.request('POST', '/api/v1/auth/dev-login', { body: { phone: '13700000088', community: 'G' } });
    const buildings = await t.request('GET', '/api/v1/buildings', { token: login.body.token });
    await t.request('PATCH', '/api/v1/me', {
      token: login.body.token,
      body: { name: '并发', buildingId: buildings.body.items[0].id, unit: '1', room: '1' },
    });
    const staffG2 = (await t.loginStaff('staff.g')).token;
    const results = await Promise.all(
      [staffG, staffG2, admin].map((token) =>
        t.request('POST', `/api/v1/residents/${login.body.user.id}/verify`, { token }),
      ),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 422, 422]);
    const entries = await t.dataSource
      .getRepository(AuditEntry)
      .countBy({ action: 'resident.verify', targetId: String(login.body.user.id) });
    expect(entries).toBe(1);
  });
});
