import { execFile } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { TimebankAccount } from '../src/timebank/timebank-account.entity.js';
import { User } from '../src/users/user.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const cli = join(dirname(fileURLToPath(import.meta.url)), '../dist/timebank/ledger-audit.cli.js');

/** Runs the operators' audit CLI against the test database: exit code and output. */
async function ledgerAuditCli(t: TestApp): Promise<{ code: number; out: string }> {
  const url = t.db.config.type === 'sqlite' ? `sqlite:${t.db.config.path}` : t.db.config.url;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli], {
      env: { PATH: process.env.PATH, DATABASE_URL: url },
    });
    return { code: 0, out: stdout };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, out: e.stdout + e.stderr };
  }
}

describe(`time bank over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let staffB: string;
  let admin: string;
  let li: { token: string; id: number }; // 李秀英, G, 180 minutes in the demo
  let liu: { token: string; id: number }; // 刘淑珍, G, 60 minutes
  let chen: { token: string; id: number }; // 陈志强, G, 120 minutes and a pending 理发券
  let sun: { token: string; id: number }; // 孙丽, B
  let key = 0;
  let serial = 0;
  const idem = () => ({ 'idempotency-key': `e2e-${Date.now()}-${++key}` });

  const balance = async (token: string) => (await t.request('GET', `${api}/timebank/account`, { token })).body.balance;

  type Resident = { token: string; id: number };
  /**
   * A verified resident of community G of this test alone, credited `minutes` by an admin adjustment (the real posting
   * path): every test builds the state it asserts on, so the tests pass in any order (jest --randomize).
   */
  const newResident = async (name: string, minutes = 0, status: 'verified' | 'pending' = 'verified') => {
    const [g] = await t.dataSource.query("SELECT id FROM communities WHERE code = 'G'");
    const [building] = await t.dataSource.query('SELECT id FROM buildings WHERE communityId = ? ORDER BY id', [g.id]);
    const phone = `1360123${String(++serial).padStart(4, '0')}`;
    await t.dataSource.getRepository(User).save({
      role: 'resident',
      status,
      volunteer: false,
      communityId: g.id,
      buildingId: building.id,
      unit: '1',
      room: String(100 + serial),
      name,
      phone,
      verifiedAt: status === 'verified' ? new Date() : null,
    });
    const login = await t.loginResident(phone, 'G');
    const resident = { token: login.token, id: login.user.id, phone };
    if (status === 'verified') await balance(resident.token); // opens the account
    if (minutes > 0) {
      const credit = await t.request('POST', `${api}/timebank/adjustments`, {
        token: admin,
        body: { userId: resident.id, minutes, reason: '测试起始余额' },
      });
      expect(credit.status).toBe(201);
    }
    return resident;
  };
  const give = async (from: Resident, to: Resident, minutes: number, memo = '测试转账') => {
    const res = await t.request('POST', `${api}/timebank/transfers`, {
      token: from.token,
      body: { toUserId: to.id, minutes, memo },
      headers: idem(),
    });
    expect(res.status).toBe(201);
    return res.body.transaction.id as number;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, staffB, admin] = (await Promise.all(['staff.g', 'staff.b', 'admin'].map((u) => t.loginStaff(u)))).map(
      (l) => l.token,
    );
    const login = async (phone: string) => {
      const l = await t.loginResident(phone);
      return { token: l.token, id: l.user.id };
    };
    [li, liu, chen, sun] = await Promise.all(['13800000001', '13800000005', '13800000002', '13900000001'].map(login));
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  it('the demo ledger is seeded through the posting function and audits clean, also from the CLI', async () => {
    const audit = await t.request('GET', `${api}/timebank/audit`, { token: admin });
    expect(audit.status).toBe(200);
    expect(audit.body).toMatchObject({ ok: true, discrepancies: [] });
    expect(audit.body.communities).toHaveLength(2);
    expect(audit.body.communities.every((c: { balanceSum: number }) => c.balanceSum === 0)).toBe(true);
    expect(audit.body.transactions).toBeGreaterThanOrEqual(9);
    const run = await ledgerAuditCli(t);
    expect(run.code).toBe(0);
    expect(run.out).toContain('OK');
  });

  it('a resident sees their balance in minutes and hours', async () => {
    const me = await newResident('余额', 180);
    const res = await t.request('GET', `${api}/timebank/account`, { token: me.token });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ kind: 'resident', userId: me.id, balance: 180, balanceHours: '3.00' });
  });

  it('transfers once per Idempotency-Key: replay answers the same, another body is refused, no key is refused', async () => {
    const li = await newResident('转出人', 180);
    const liu = await newResident('刘淑珍', 60);
    const headers = idem();
    const body = { toUserId: liu.id, minutes: 30, memo: '谢谢帮我买菜' };
    const first = await t.request('POST', `${api}/timebank/transfers`, { token: li.token, body, headers });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({
      balance: 150,
      balanceHours: '2.50',
      transaction: {
        kind: 'transfer',
        amount: -30,
        amountHours: '-0.50',
        memo: '谢谢帮我买菜',
        counterparty: { userId: liu.id, name: '刘淑珍' },
      },
    });
    const replay = await t.request('POST', `${api}/timebank/transfers`, { token: li.token, body, headers });
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const reused = await t.request('POST', `${api}/timebank/transfers`, {
      token: li.token,
      body: { ...body, minutes: 31 },
      headers,
    });
    expect(reused.status).toBe(422);
    expect(reused.body.code).toBe('IDEMPOTENCY_KEY_REUSED');
    const missing = await t.request('POST', `${api}/timebank/transfers`, { token: li.token, body });
    expect(missing.status).toBe(400);
    expect(missing.body.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    expect(await balance(li.token)).toBe(150);
    expect(await balance(liu.token)).toBe(90);
  });

  it('both statements show the transfer, newest first, signed, with the counterparty; the payee is notified', async () => {
    const liu = await newResident('刘淑珍', 60);
    const transferId = await give(li, liu, 30);
    try {
      await verifyStatements(transferId, liu);
    } finally {
      await give(liu, li, 30, '还回');
    }
  });

  async function verifyStatements(transferId: number, liu: Resident) {
    const mine = await t.request('GET', `${api}/timebank/transactions?limit=2`, { token: li.token });
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({
      id: transferId,
      kind: 'transfer',
      amount: -30,
      counterparty: { name: '刘淑珍', kind: 'resident' },
    });
    expect(mine.body.nextCursor).toEqual(expect.any(String));
    const more = await t.request('GET', `${api}/timebank/transactions?cursor=${mine.body.nextCursor}`, {
      token: li.token,
    });
    const all = [...mine.body.items, ...more.body.items];
    expect(all.map((i: { id: number }) => i.id)).toEqual(
      [...all.map((i: { id: number }) => i.id)].sort((a, b) => b - a),
    );
    expect(all.find((i: { kind: string }) => i.kind === 'service_credit')).toMatchObject({
      amount: 240,
      counterparty: { kind: 'pool', name: '社区时间银行' },
    });
    const theirs = await t.request('GET', `${api}/timebank/transactions`, { token: liu.token });
    expect(theirs.body.items[0]).toMatchObject({
      id: transferId,
      amount: 30,
      counterparty: { userId: li.id, name: '李秀英' },
    });
    const staffView = await t.request('GET', `${api}/timebank/accounts/${liu.id}/transactions`, { token: staffG });
    expect(staffView.body.items[0]).toMatchObject({ id: transferId, amount: 30 });
    const pool = await t.request('GET', `${api}/timebank/pool/transactions?limit=100`, { token: staffG });
    expect(pool.status).toBe(200);
    expect(
      pool.body.items.find(
        (i: { kind: string; counterparty: { userId: number } }) =>
          i.kind === 'service_credit' && i.counterparty.userId === li.id,
      ),
    ).toMatchObject({ amount: -240 });
    expect((await t.request('GET', `${api}/timebank/pool/transactions`, { token: admin })).status).toBe(400);
    const inbox: Array<{ kind: string }> = await t.dataSource.query('SELECT kind FROM notifications WHERE userId = ?', [
      liu.id,
    ]);
    expect(inbox.map((n) => n.kind)).toContain('credits_received');
  }

  it.each([
    ['zero minutes', { minutes: 0 }, 400, 'VALIDATION_FAILED'],
    ['fractional minutes', { minutes: 1.5 }, 400, 'VALIDATION_FAILED'],
    ['too many minutes', { minutes: 100_001 }, 400, 'VALIDATION_FAILED'],
    ['no memo', { memo: undefined }, 400, 'VALIDATION_FAILED'],
    ['blank memo', { memo: '   ' }, 400, 'VALIDATION_FAILED'],
    ['memo too long', { memo: '长'.repeat(101) }, 400, 'VALIDATION_FAILED'],
    ['unknown field', { fromUserId: 1 }, 400, 'VALIDATION_FAILED'],
    ['more than the balance', { minutes: 100_000 }, 422, 'INSUFFICIENT_CREDITS'],
    ['to self', { self: true }, 422, 'TRANSFER_TO_SELF'],
    ['to another community', { other: true }, 404, 'TIMEBANK_RECIPIENT_NOT_FOUND'],
    ['to nobody', { toUserId: 999_999 }, 404, 'TIMEBANK_RECIPIENT_NOT_FOUND'],
  ] as const)('refuses a transfer with %s and changes nothing', async (_n, change, status, code) => {
    const { self, other, ...fields } = { self: false, other: false, ...change } as Record<string, unknown>;
    const body = { toUserId: self ? li.id : other ? sun.id : liu.id, minutes: 10, memo: '测试', ...fields };
    const before = [await balance(li.token), await balance(liu.token)];
    const res = await t.request('POST', `${api}/timebank/transfers`, { token: li.token, body, headers: idem() });
    expect(res.status).toBe(status);
    expect(res.body.code).toBe(code);
    expect([await balance(li.token), await balance(liu.token)]).toEqual(before);
  });

  it('keeps communities apart: staff of B get 404 for G accounts and transactions', async () => {
    const transferId = await give(await newResident('甲', 10), await newResident('乙'), 10);
    expect((await t.request('GET', `${api}/timebank/accounts/${li.id}/transactions`, { token: staffB })).status).toBe(
      404,
    );
    const reverse = await t.request('POST', `${api}/timebank/transactions/${transferId}/reverse`, {
      token: staffB,
      body: { reason: '越权' },
    });
    expect(reverse.status).toBe(404);
    const accounts = await t.request('GET', `${api}/timebank/accounts?limit=100`, { token: staffB });
    expect(accounts.body.items.some((a: { userId: number }) => a.userId === li.id)).toBe(false);
    const audit = await t.request('GET', `${api}/timebank/audit`, { token: staffB });
    expect(audit.body.communities).toHaveLength(1);
  });

  it('lets a resident find a neighbour to pay by name: same community, verified, never themselves, no phone or room', async () => {
    const found = await t.request('GET', `${api}/timebank/recipients?q=${encodeURIComponent('陈')}`, {
      token: li.token,
    });
    expect(found.status).toBe(200);
    expect(found.body.items).toEqual([expect.objectContaining({ name: '陈志强', buildingName: '1栋' })]);
    expect(found.text).not.toMatch(/1380000|"room"|"phone"/);
    const self = await t.request('GET', `${api}/timebank/recipients?q=${encodeURIComponent('李秀英')}`, {
      token: li.token,
    });
    expect(self.body.items).toEqual([]);
    const otherCommunity = await t.request('GET', `${api}/timebank/recipients?q=${encodeURIComponent('孙丽')}`, {
      token: li.token,
    });
    expect(otherCommunity.body.items).toEqual([]);
    const pending = await t.request('GET', `${api}/timebank/recipients?q=${encodeURIComponent('周磊')}`, {
      token: li.token,
    });
    expect(pending.body.items).toEqual([]);
    expect((await t.request('GET', `${api}/timebank/recipients`, { token: li.token })).status).toBe(400);
    // By the account number a resident typed: the same rules, so the confirmation can name who receives.
    const chen = found.body.items[0].userId as number;
    const byNumber = await t.request('GET', `${api}/timebank/recipients/${chen}`, { token: li.token });
    expect(byNumber.status).toBe(200);
    expect(byNumber.body).toEqual({ userId: chen, name: '陈志强', buildingName: '1栋', unit: '2' });
    expect(byNumber.text).not.toMatch(/1380000|"room"|"phone"/);
    const byOwnNumber = await t.request('GET', `${api}/timebank/recipients/${li.id}`, { token: li.token });
    expect([byOwnNumber.status, byOwnNumber.body.code]).toEqual([422, 'TRANSFER_TO_SELF']);
    const unknown = await t.request('GET', `${api}/timebank/recipients/987654`, { token: li.token });
    expect([unknown.status, unknown.body.code]).toEqual([404, 'TIMEBANK_RECIPIENT_NOT_FOUND']);
    expect(
      (await t.request('GET', `${api}/timebank/recipients?q=${encodeURIComponent('陈')}`, { token: staffG })).status,
    ).toBe(403);
  });

  it('lets staff search accounts by name, phone or room, within their community only', async () => {
    const byName = await t.request('GET', `${api}/timebank/accounts?q=${encodeURIComponent('李秀英')}`, {
      token: staffG,
    });
    expect(byName.status).toBe(200);
    expect(byName.body.items.map((a: { userId: number }) => a.userId)).toEqual([li.id]);
    const byPhone = await t.request('GET', `${api}/timebank/accounts?q=0000001`, { token: staffG });
    expect(byPhone.body.items.map((a: { userId: number }) => a.userId)).toEqual([li.id]);
    const literal = await t.request('GET', `${api}/timebank/accounts?q=${encodeURIComponent('%')}`, { token: staffG });
    expect(literal.body.items).toEqual([]);
    const otherCommunity = await t.request('GET', `${api}/timebank/accounts?q=${encodeURIComponent('李秀英')}`, {
      token: staffB,
    });
    expect(otherCommunity.body.items).toEqual([]);
  });

  it('residents get 403 on staff endpoints, staff 403 on adjustments, pending residents 403 on the time bank', async () => {
    const calls: Array<[string, string, unknown?]> = [
      ['GET', '/timebank/accounts'],
      ['GET', '/timebank/accounts.csv'],
      ['GET', '/timebank/audit'],
      ['GET', `/timebank/accounts/${liu.id}/transactions`],
      ['POST', '/timebank/transactions/1/reverse', { reason: 'x' }],
      ['POST', '/timebank/adjustments', { userId: li.id, minutes: 10, reason: 'x' }],
      ['POST', '/rewards', { name: 'x', description: '', priceMinutes: 1, stock: 1 }],
      ['GET', '/rewards/redemptions'],
    ];
    for (const [method, path, body] of calls) {
      const res = await t.request(method, api + path, { token: li.token, body });
      expect([path, res.status]).toEqual([path, 403]);
    }
    const staffAdjust = await t.request('POST', `${api}/timebank/adjustments`, {
      token: staffG,
      body: { userId: li.id, minutes: 10, reason: 'x' },
    });
    expect(staffAdjust.status).toBe(403);
    expect((await t.request('GET', `${api}/timebank/account`, { token: staffG })).status).toBe(403);
    const pending = await newResident('待核实', 0, 'pending');
    const res = await t.request('GET', `${api}/timebank/account`, { token: pending.token });
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('RESIDENT_NOT_VERIFIED');
    expect((await t.request('GET', `${api}/timebank/account`)).status).toBe(401);
  });

  it('verification opens the account in the same transaction', async () => {
    const pending = await t.dataSource
      .getRepository(User)
      .findOneByOrFail({ phone: (await newResident('新邻居', 0, 'pending')).phone });
    expect(await t.dataSource.getRepository(TimebankAccount).countBy({ userId: pending.id })).toBe(0);
    expect((await t.request('POST', `${api}/residents/${pending.id}/verify`, { token: staffG })).status).toBe(200);
    expect(await t.dataSource.getRepository(TimebankAccount).findOneBy({ userId: pending.id })).toMatchObject({
      kind: 'resident',
      balance: 0,
      communityId: pending.communityId,
    });
  });

  it('staff reverse a transaction once, with a reason; the audit log records it', async () => {
    const li = await newResident('转错人', 180);
    const liu = await newResident('收款人', 60);
    const transferId = await give(li, liu, 30);
    const noReason = await t.request('POST', `${api}/timebank/transactions/${transferId}/reverse`, {
      token: staffG,
      body: {},
    });
    expect(noReason.status).toBe(400);
    const res = await t.request('POST', `${api}/timebank/transactions/${transferId}/reverse`, {
      token: staffG,
      body: { reason: '转错人了' },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      kind: 'reversal',
      amount: 30,
      reversesId: transferId,
      from: { userId: liu.id },
      to: { userId: li.id },
    });
    const again = await t.request('POST', `${api}/timebank/transactions/${transferId}/reverse`, {
      token: staffG,
      body: { reason: '再来' },
    });
    expect(again.status).toBe(409);
    expect(again.body.code).toBe('TRANSACTION_ALREADY_REVERSED');
    expect([await balance(li.token), await balance(liu.token)]).toEqual([180, 60]);
    const mine = await t.request('GET', `${api}/timebank/transactions`, { token: li.token });
    expect(mine.body.items[0]).toMatchObject({ kind: 'reversal', amount: 30, reversesId: transferId });
    expect(mine.body.items.find((i: { id: number }) => i.id === transferId)).toMatchObject({
      reversedById: res.body.id,
    });
    const log = await t.request('GET', `${api}/audit`, { token: staffG });
    expect(log.body.items[0]).toMatchObject({ action: 'timebank.reverse', targetId: String(transferId) });
    expect(
      (await t.request('POST', `${api}/timebank/transactions/999999/reverse`, { token: staffG, body: { reason: 'x' } }))
        .status,
    ).toBe(404);
  });

  it('admins adjust with a reason; taking back more than the balance is refused', async () => {
    const liu = await newResident('补录', 60);
    const add = await t.request('POST', `${api}/timebank/adjustments`, {
      token: admin,
      body: { userId: liu.id, minutes: 60, reason: '补录志愿时长' },
    });
    expect(add.status).toBe(201);
    expect(add.body).toMatchObject({ kind: 'adjustment', amount: 60, from: { kind: 'pool' }, to: { userId: liu.id } });
    const take = await t.request('POST', `${api}/timebank/adjustments`, {
      token: admin,
      body: { userId: liu.id, minutes: -1000, reason: '误录' },
    });
    expect(take.status).toBe(422);
    expect(take.body.code).toBe('INSUFFICIENT_CREDITS');
    const zero = await t.request('POST', `${api}/timebank/adjustments`, {
      token: admin,
      body: { userId: liu.id, minutes: 0, reason: '无' },
    });
    expect(zero.status).toBe(400);
    expect(await balance(liu.token)).toBe(120);
  });

  it('rewards: residents see the catalogue, redeem once per key, stock runs out with 409', async () => {
    const li = await newResident('兑换人', 180);
    const liu = await newResident('晚一步', 120);
    const catalogue = await t.request('GET', `${api}/rewards`, { token: li.token });
    expect(catalogue.status).toBe(200);
    expect(catalogue.body.items.map((r: { name: string }) => r.name)).toEqual(
      expect.arrayContaining(['家政服务', '理发券', '粮油兑换']),
    );
    const created = await t.request('POST', `${api}/rewards`, {
      token: staffG,
      body: { name: '限量茶具', description: '社区手作', priceMinutes: 45, stock: 1 },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: '限量茶具',
      priceMinutes: 45,
      priceHours: '0.75',
      stock: 1,
      active: true,
    });
    const id = created.body.id;
    expect((await t.request('POST', `${api}/rewards/${id}/redeem`, { token: li.token })).body.code).toBe(
      'IDEMPOTENCY_KEY_REQUIRED',
    );
    const headers = idem();
    const redeem = await t.request('POST', `${api}/rewards/${id}/redeem`, { token: li.token, headers });
    expect(redeem.status).toBe(201);
    expect(redeem.body).toMatchObject({
      balance: 135,
      redemption: { status: 'pending', reward: { id, name: '限量茶具' }, priceMinutes: 45 },
    });
    expect((await t.request('POST', `${api}/rewards/${id}/redeem`, { token: li.token, headers })).body).toEqual(
      redeem.body,
    );
    const soldOut = await t.request('POST', `${api}/rewards/${id}/redeem`, { token: liu.token, headers: idem() });
    expect(soldOut.status).toBe(409);
    expect(soldOut.body.code).toBe('REWARD_OUT_OF_STOCK');
    expect(await balance(liu.token)).toBe(120);
    const otherCommunity = await t.request('POST', `${api}/rewards/${id}/redeem`, {
      token: sun.token,
      headers: idem(),
    });
    expect(otherCommunity.status).toBe(404);
    const mine = await t.request('GET', `${api}/rewards/redemptions/mine`, { token: li.token });
    expect(mine.body.items[0]).toMatchObject({ id: redeem.body.redemption.id, status: 'pending' });
    const pending = await t.request('GET', `${api}/rewards/redemptions?status=pending`, { token: staffG });
    expect(pending.body.items.map((r: { id: number }) => r.id)).toContain(redeem.body.redemption.id);
    const handed = await t.request('POST', `${api}/rewards/redemptions/${redeem.body.redemption.id}/hand-over`, {
      token: staffG,
    });
    expect(handed.status).toBe(200);
    expect(handed.body.status).toBe('handed_over');
    expect(
      (await t.request('POST', `${api}/rewards/redemptions/${redeem.body.redemption.id}/hand-over`, { token: staffG }))
        .status,
    ).toBe(409);
    expect(
      (
        await t.request('POST', `${api}/rewards/redemptions/${redeem.body.redemption.id}/cancel`, {
          token: staffB,
          body: {},
        })
      ).status,
    ).toBe(404);
  });

  it('cancelling a redemption writes a reversal and returns the minutes and the stock', async () => {
    const pending = await t.request('GET', `${api}/rewards/redemptions?status=pending`, { token: staffG });
    const demo = pending.body.items.find((r: { resident: { id: number } }) => r.resident.id === chen.id);
    expect(demo).toMatchObject({ reward: { name: '理发券' }, priceMinutes: 60 });
    const before = await balance(chen.token);
    const cancel = await t.request('POST', `${api}/rewards/redemptions/${demo.id}/cancel`, {
      token: staffG,
      body: { reason: '理发室装修' },
    });
    expect(cancel.status).toBe(200);
    expect(cancel.body).toMatchObject({ status: 'cancelled', reversalId: expect.any(Number) });
    expect(await balance(chen.token)).toBe(before + 60);
    const staffRewards = await t.request('GET', `${api}/rewards`, { token: staffG });
    expect(staffRewards.body.items.find((r: { name: string }) => r.name === '理发券').stock).toBe(20);
    const direct = await t.request('POST', `${api}/timebank/transactions/${demo.transactionId}/reverse`, {
      token: staffG,
      body: { reason: 'x' },
    });
    expect(direct.status).toBe(422);
    expect(direct.body.code).toBe('REDEMPTION_REVERSE_BY_CANCEL');
  });

  it('staff edit a reward: taken off the catalogue it cannot be redeemed; other communities get 404', async () => {
    const created = await t.request('POST', `${api}/rewards`, {
      token: staffG,
      body: { name: '春联', description: '', priceMinutes: 10, stock: 5 },
    });
    const id = created.body.id;
    expect((await t.request('PATCH', `${api}/rewards/${id}`, { token: staffB, body: { stock: 9 } })).status).toBe(404);
    expect((await t.request('PATCH', `${api}/rewards/${id}`, { token: li.token, body: { stock: 9 } })).status).toBe(
      403,
    );
    const edited = await t.request('PATCH', `${api}/rewards/${id}`, {
      token: staffG,
      body: { stock: 9, priceMinutes: 20, active: false },
    });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ stock: 9, priceMinutes: 20, active: false });
    const catalogue = await t.request('GET', `${api}/rewards`, { token: li.token });
    expect(catalogue.body.items.some((r: { id: number }) => r.id === id)).toBe(false);
    expect((await t.request('POST', `${api}/rewards/${id}/redeem`, { token: li.token, headers: idem() })).status).toBe(
      404,
    );
  });

  it('staff see minutes issued, spent and transferred per month for the chart', async () => {
    await give(await newResident('月报', 60), await newResident('月报收'), 60);
    const res = await t.request('GET', `${api}/timebank/stats/monthly?months=2`, { token: staffG });
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(2);
    const current = res.body.items[1];
    expect(current.month).toMatch(/^\d{4}-\d{2}$/);
    expect(current.issued).toBeGreaterThanOrEqual(570);
    expect(current.transferred).toBeGreaterThanOrEqual(60);
    expect((await t.request('GET', `${api}/timebank/stats/monthly`, { token: li.token })).status).toBe(403);
  });

  it('staff list accounts with masked phones and export them as CSV with a BOM', async () => {
    const listed = await newResident('账户列表', 135);
    const list = await t.request('GET', `${api}/timebank/accounts?q=${encodeURIComponent('账户列表')}`, {
      token: staffG,
    });
    expect(list.status).toBe(200);
    expect(list.body.items.find((a: { userId: number }) => a.userId === listed.id)).toMatchObject({
      name: '账户列表',
      phone: `136****${listed.phone.slice(-4)}`,
      balance: 135,
      balanceHours: '2.25',
    });
    const all = await t.request('GET', `${api}/timebank/accounts?limit=100`, { token: staffG });
    expect(all.body.items.find((a: { kind: string }) => a.kind === 'pool')).toMatchObject({ name: '社区时间银行' });
    const csv = await t.request('GET', `${api}/timebank/accounts.csv`, { token: staffG });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toContain('attachment');
    // fetch's text() drops a BOM, so look at the bytes.
    const raw = new Uint8Array(
      await (
        await fetch(`${t.url}${api}/timebank/accounts.csv`, { headers: { authorization: `Bearer ${staffG}` } })
      ).arrayBuffer(),
    );
    expect([...raw.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(csv.text).toContain(`账户列表,136****${listed.phone.slice(-4)}`);
    expect(csv.text).not.toContain(listed.phone);
    expect(csv.text).not.toContain('孙丽');
  });

  it('races over HTTP: 20 parallel spends of 10 from 120 → exactly 12 succeed; one key sent 10 times in parallel → one effect', async () => {
    const liu = await newResident('并发付款', 120);
    const li = await newResident('并发收款甲', 30);
    const chen = await newResident('并发收款乙');
    const spends = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request('POST', `${api}/timebank/transfers`, {
          token: liu.token,
          body: { toUserId: i % 2 ? li.id : chen.id, minutes: 10, memo: `并发${i}` },
          headers: idem(),
        }),
      ),
    );
    const statuses = spends.map((r) => r.status);
    expect(statuses.filter((s) => s === 201)).toHaveLength(12);
    expect(statuses.filter((s) => s === 422)).toHaveLength(8);
    expect(spends.filter((r) => r.status === 422).every((r) => r.body.code === 'INSUFFICIENT_CREDITS')).toBe(true);
    expect(await balance(liu.token)).toBe(0);
    const headers = idem();
    const replays = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.request('POST', `${api}/timebank/transfers`, {
          token: li.token,
          body: { toUserId: liu.id, minutes: 15, memo: '只一次' },
          headers,
        }),
      ),
    );
    expect(replays.map((r) => r.status)).toEqual(Array(10).fill(201));
    expect(new Set(replays.map((r) => r.text)).size).toBe(1);
    expect(await balance(liu.token)).toBe(15);
  });

  it('the ledger audits clean; a tampered balance is reported, by the API and the CLI (exit 1)', async () => {
    expect((await t.request('GET', `${api}/timebank/audit`, { token: staffG })).body).toMatchObject({
      ok: true,
      discrepancies: [],
    });
    await t.dataSource.getRepository(TimebankAccount).increment({ userId: li.id }, 'balance', 7);
    try {
      const audit = await t.request('GET', `${api}/timebank/audit`, { token: staffG });
      expect(audit.body.ok).toBe(false);
      expect(audit.body.discrepancies.map((d: { type: string }) => d.type).sort()).toEqual([
        'balance_mismatch',
        'community_not_zero',
      ]);
      const run = await ledgerAuditCli(t);
      expect(run.code).toBe(1);
      expect(run.out).toContain('balance_mismatch');
    } finally {
      await t.dataSource.getRepository(TimebankAccount).decrement({ userId: li.id }, 'balance', 7);
    }
  });
});
