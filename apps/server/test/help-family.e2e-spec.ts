import { randomUUID } from 'node:crypto';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
type Resident = { token: string; id: number };

/**
 * 亲情转赠 over HTTP on the built server: credits to a bound family member, inside a community and across two
 * communities of the street (through both pools), every refusal changing nothing, and real concurrent requests that
 * never lose, double or overdraw a minute; the ledger audit is clean after each.
 */
const SLOW = 120_000;

describe(`family transfers over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let admin: string;
  let zhang: Resident; // 张桂兰, G: the elder
  let wang: Resident; // 王建国, G: her son, same community
  let ma: Resident; // 马强, B: her daughter, another community
  let chen: Resident; // 陈志强, G: a neighbour, not family
  const races: string[] = [];

  const balance = async (r: Resident) =>
    (await t.request('GET', `${api}/timebank/account`, { token: r.token })).body.balance as number;
  const stored = async (ownerKey: string) =>
    Number(
      (await t.dataSource.query('SELECT balance FROM timebank_accounts WHERE ownerKey = ?', [ownerKey]))[0]?.balance ??
        0,
    );
  const communityOf = async (userId: number) =>
    Number((await t.dataSource.query('SELECT communityId FROM users WHERE id = ?', [userId]))[0].communityId);
  const rowCount = async () =>
    Number((await t.dataSource.query('SELECT COUNT(*) AS n FROM timebank_transactions'))[0].n);
  const expectCleanAudit = async () => {
    const res = await t.request('GET', `${api}/timebank/audit`, { token: admin });
    expect(res.status).toBe(200);
    expect(res.body.discrepancies).toEqual([]);
    expect(res.body.ok).toBe(true);
    for (const c of res.body.communities) expect(c.balanceSum).toBe(0);
    return res.body;
  };
  /** Sets the resident's balance to exactly `minutes` (admin adjustment). */
  const setBalance = async (r: Resident, minutes: number) => {
    const delta = minutes - (await balance(r));
    if (delta === 0) return;
    const res = await t.request('POST', `${api}/timebank/adjustments`, {
      token: admin,
      body: { userId: r.id, minutes: delta, reason: '测试准备' },
    });
    expect(res.status).toBe(201);
  };
  const give = (
    from: Resident,
    to: Resident | number,
    minutes: number,
    key: string = randomUUID(),
    memo = '生日快乐',
  ) =>
    t.request('POST', `${api}/timebank/family-transfers`, {
      token: from.token,
      body: { toUserId: typeof to === 'number' ? to : to.id, minutes, memo },
      headers: { 'idempotency-key': key },
    });
  const tally = (results: TestResponse[]) =>
    results.reduce<Record<string, number>>((acc, r) => {
      const k = r.status >= 400 ? `${r.status} ${r.body.code}` : String(r.status);
      return { ...acc, [k]: (acc[k] ?? 0) + 1 };
    }, {});

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, admin] = (await Promise.all(['staff.g', 'admin'].map((u) => t.loginStaff(u)))).map((l) => l.token);
    const login = async (phone: string) => {
      const l = await t.loginResident(phone);
      return { token: l.token, id: l.user.id };
    };
    [zhang, wang, ma, chen] = await Promise.all(
      ['13800000003', '13800000004', '13900000002', '13800000002'].map(login),
    );
  }, 120_000);
  afterAll(async () => {
    if (races.length) console.log(`family transfer races on ${testDatabaseKind}:\n${races.join('\n')}`);
    await t?.close();
  });

  it('refuses a transfer to anyone not bound, to oneself, without a key, by staff and by a proxy: nothing moves', async () => {
    await setBalance(zhang, 200);
    const before = await rowCount();
    const notBound = await give(zhang, chen, 10);
    expect([notBound.status, notBound.body.code]).toEqual([404, 'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND']);
    const unknown = await give(zhang, 99_999_999, 10);
    expect([unknown.status, unknown.body.code]).toEqual([404, 'FAMILY_TRANSFER_RECIPIENT_NOT_FOUND']);
    const self = await give(zhang, zhang, 10);
    expect([self.status, self.body.code]).toEqual([422, 'TRANSFER_TO_SELF']);
    const noKey = await t.request('POST', `${api}/timebank/family-transfers`, {
      token: zhang.token,
      body: { toUserId: ma.id, minutes: 10, memo: '生日快乐' },
    });
    expect([noKey.status, noKey.body.code]).toEqual([400, 'IDEMPOTENCY_KEY_REQUIRED']);
    const byStaff = await t.request('POST', `${api}/timebank/family-transfers`, {
      token: staffG,
      body: { toUserId: ma.id, minutes: 10, memo: '生日快乐' },
      headers: { 'idempotency-key': randomUUID() },
    });
    expect(byStaff.status).toBe(403);
    expect(await rowCount()).toBe(before);
    expect(await balance(zhang)).toBe(200);
  });

  it('binds the family at the desk: a son in G and a daughter in B', async () => {
    for (const [phone, relation] of [
      ['13800000004', '儿子'],
      ['13900000002', '女儿'],
    ]) {
      const res = await t.request('POST', `${api}/residents/${zhang.id}/family`, {
        token: staffG,
        body: { phone, relation },
      });
      expect(res.status).toBe(201);
    }
  });

  it('a bound family member acting for the elder may not move her credits (no X-Act-For on this route)', async () => {
    const res = await t.request('POST', `${api}/timebank/family-transfers`, {
      token: ma.token,
      body: { toUserId: ma.id, minutes: 10, memo: '代办' },
      headers: { 'idempotency-key': randomUUID(), 'x-act-for': String(zhang.id) },
    });
    expect([res.status, res.body.code]).toEqual([403, 'PROXY_NOT_ALLOWED']);
    expect(await balance(zhang)).toBe(200);
  });

  it('inside a community: one posting from the elder to her son', async () => {
    const sonBefore = await balance(wang);
    const res = await give(zhang, wang, 30, randomUUID(), '给儿子');
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      balance: 170,
      transaction: { kind: 'family_transfer', amount: -30, counterparty: { userId: wang.id, name: '王建国' } },
    });
    expect(res.body.transaction.memo).toBe('亲情转赠给 王建国：给儿子');
    expect(await balance(wang)).toBe(sonBefore + 30);
    const legs = await t.dataSource.query('SELECT COUNT(*) AS n FROM timebank_transactions WHERE reference = ?', [
      res.body.transaction.reference,
    ]);
    expect(Number(legs[0].n)).toBe(1);
    await expectCleanAudit();
  });

  it('across communities: through both pools, each community still sums to zero, the daughter is told', async () => {
    const G = await communityOf(zhang.id);
    const B = await communityOf(ma.id);
    expect(G).not.toBe(B);
    const [poolG, poolB, daughterBefore] = [await stored(`pool:${G}`), await stored(`pool:${B}`), await balance(ma)];
    const key = randomUUID();
    const res = await give(zhang, ma, 45, key, '给女儿买菜');
    expect(res.status).toBe(201);
    expect(res.body.balance).toBe(125);
    expect(res.body.transaction.memo).toBe('亲情转赠给 马强（滨海社区）：给女儿买菜');
    expect(await balance(ma)).toBe(daughterBefore + 45);
    expect(await stored(`pool:${G}`)).toBe(poolG + 45);
    expect(await stored(`pool:${B}`)).toBe(poolB - 45);
    const statement = (await t.request('GET', `${api}/timebank/transactions`, { token: ma.token })).body;
    expect(statement.items[0]).toMatchObject({ kind: 'family_transfer', amount: 45 });
    expect(statement.items[0].memo).toBe('张桂兰（光华社区） 亲情转赠：给女儿买菜');
    const inbox = (await t.request('GET', `${api}/notifications`, { token: ma.token })).body;
    expect(inbox.items[0]).toMatchObject({ kind: 'credits_received' });
    expect(inbox.items[0].body).toContain('张桂兰');

    // A retry with the same key answers the same and moves nothing; the same key with another body is refused.
    const replay = await give(zhang, ma, 45, key, '给女儿买菜');
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(res.body);
    const reused = await give(zhang, ma, 50, key, '给女儿买菜');
    expect([reused.status, reused.body.code]).toEqual([422, 'IDEMPOTENCY_KEY_REUSED']);
    expect(await balance(zhang)).toBe(125);
    expect(await balance(ma)).toBe(daughterBefore + 45);

    // The member gives back to the elder: the binding works both ways.
    const back = await give(ma, zhang, 5, randomUUID(), '谢谢妈妈');
    expect(back.status).toBe(201);
    expect(await balance(zhang)).toBe(130);

    // More than she has: refused, nothing moves.
    const tooMuch = await give(zhang, ma, 131);
    expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'INSUFFICIENT_CREDITS']);
    expect(await balance(zhang)).toBe(130);
    await expectCleanAudit();
  });

  it('credit beyond the daughter’s cap goes to her community’s commons in the same transaction', async () => {
    const B = await communityOf(ma.id);
    await setBalance(ma, 90_000 - 10);
    const commonsBefore = await stored(`commons:${B}`);
    const res = await give(zhang, ma, 30);
    expect(res.status).toBe(201);
    expect(await balance(ma)).toBe(90_000);
    expect(await stored(`commons:${B}`)).toBe(commonsBefore + 20);
    const statement = (await t.request('GET', `${api}/timebank/transactions`, { token: ma.token })).body;
    expect(statement.items[0]).toMatchObject({ kind: 'cap_overflow', amount: -20 });
    await expectCleanAudit();
    await setBalance(ma, 100);
  });

  it(
    'race: 10 concurrent transfers of 30 min on 100 min across communities move exactly 90',
    async () => {
      await setBalance(zhang, 100);
      await setBalance(ma, 100);
      const results = await Promise.all(Array.from({ length: 10 }, () => give(zhang, ma, 30)));
      expect(tally(results)).toEqual({ 201: 3, '422 INSUFFICIENT_CREDITS': 7 });
      expect(await balance(zhang)).toBe(10);
      expect(await balance(ma)).toBe(190);
      const audit = await expectCleanAudit();
      races.push(
        `  10 concurrent transfers of 30 on 100: ${JSON.stringify(tally(results))}; sender 10, recipient 190; audit ok=${audit.ok} (${audit.transactions} transactions)`,
      );
    },
    SLOW,
  );

  it(
    'race: transfers both ways between G and B at once all land, none lost or doubled',
    async () => {
      await setBalance(zhang, 100);
      await setBalance(ma, 100);
      await setBalance(wang, 100);
      const results = await Promise.all([
        ...Array.from({ length: 4 }, () => give(zhang, ma, 10)),
        ...Array.from({ length: 4 }, () => give(ma, zhang, 7)),
        ...Array.from({ length: 4 }, () => give(wang, zhang, 3)),
      ]);
      expect(tally(results)).toEqual({ 201: 12 });
      expect(await balance(zhang)).toBe(100 - 40 + 28 + 12);
      expect(await balance(ma)).toBe(100 + 40 - 28);
      expect(await balance(wang)).toBe(100 - 12);
      const audit = await expectCleanAudit();
      races.push(
        `  12 concurrent transfers both ways G↔B and in G: ${JSON.stringify(tally(results))}; balances exact; audit ok=${audit.ok}`,
      );
    },
    SLOW,
  );

  it(
    'race: 5 concurrent retries with one key move the minutes once',
    async () => {
      await setBalance(zhang, 100);
      const key = randomUUID();
      const results = await Promise.all(Array.from({ length: 5 }, () => give(zhang, ma, 25, key)));
      // Each is either the answer (first or replayed) or 409 "still running, retry"; never a second effect.
      for (const r of results) expect([201, 409]).toContain(r.status);
      expect(results.some((r) => r.status === 201)).toBe(true);
      const posted = await t.dataSource.query(
        "SELECT COUNT(*) AS n FROM timebank_transactions WHERE kind = 'family_transfer' AND idempotencyKey = ?",
        [key],
      );
      expect(Number(posted[0].n)).toBe(1);
      expect(await balance(zhang)).toBe(75);
      const audit = await expectCleanAudit();
      races.push(
        `  5 concurrent retries of one key: ${JSON.stringify(tally(results))}; postings 1; audit ok=${audit.ok}`,
      );
    },
    SLOW,
  );
});
