import { In } from 'typeorm';
import { HelpRequest } from '../src/help-requests/help-request.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
type Resident = { token: string; id: number };

/**
 * Mutual help over HTTP on the built server: every path and refusal, and the races on the money (holds, confirms,
 * cancels) with real concurrent requests, each followed by the ledger audit. The server runs on the real clock:
 * requests start a few minutes from now so the helper's scan is inside the window.
 */
/** Races and a second server process take more than the default 30 s on two shared cores. */
const SLOW = 120_000;

describe(`mutual help over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let second: TestApp | undefined;
  let staffG: string;
  let staffB: string;
  let admin: string;
  let li: Resident; // 李秀英, G
  let chen: Resident; // 陈志强, G
  let zhang: Resident; // 张桂兰, G
  let wang: Resident; // 王建国, G
  let yang: Resident; // 杨明, G
  let zhao: Resident; // 赵小红, G
  let huang: Resident; // 黄国华, G
  let sun: Resident; // 孙丽, B
  const races: string[] = [];

  const soon = (minutes = 10) => new Date(Date.now() + minutes * 60_000).toISOString();
  const account = async (r: Resident) => (await t.request('GET', `${api}/timebank/account`, { token: r.token })).body;
  const audit = async () => {
    const res = await t.request('GET', `${api}/timebank/audit`, { token: admin });
    expect(res.status).toBe(200);
    return res.body;
  };
  const expectCleanAudit = async () => {
    const result = await audit();
    expect(result.discrepancies).toEqual([]);
    expect(result.ok).toBe(true);
    return result;
  };
  const grant = async (r: Resident, minutes: number) => {
    const res = await t.request('POST', `${api}/timebank/adjustments`, {
      token: admin,
      body: { userId: r.id, minutes, reason: '测试准备' },
    });
    expect(res.status).toBe(201);
  };
  const post = (r: Resident, body: Record<string, unknown> = {}) =>
    t.request('POST', `${api}/help-requests`, {
      token: r.token,
      body: {
        title: '陪我去社区医院复诊',
        description: '上午复诊，需要有人陪同',
        kind: 'escort',
        startAt: soon(),
        minutes: 60,
        place: '社区卫生服务中心',
        rewardMinutes: 30,
        ...body,
      },
    });
  const act = (r: Resident | string, id: number, action: string, body?: unknown) =>
    t.request('POST', `${api}/help-requests/${id}/${action}`, { token: typeof r === 'string' ? r : r.token, body });
  const scanPoster = async (helper: Resident, poster: Resident, form: 'code' | 'digits' = 'code') => {
    const code = (await t.request('GET', `${api}/me/code`, { token: poster.token })).body;
    return t.request('POST', `${api}/scan`, { token: helper.token, body: { code: code[form] } });
  };
  /** Posts, gets an offer, chooses, scans in and marks done: a request waiting for the poster. */
  const doneRequest = async (poster: Resident, helper: Resident, reward = 30) => {
    const created = await post(poster, { rewardMinutes: reward });
    expect(created.status).toBe(201);
    const id = created.body.id as number;
    expect((await act(helper, id, 'offer')).status).toBe(200);
    expect((await act(poster, id, 'choose', { helperId: helper.id })).status).toBe(200);
    expect((await scanPoster(helper, poster)).status).toBe(200);
    expect((await act(helper, id, 'done')).status).toBe(200);
    return id;
  };
  const paymentsFor = async (id: number) =>
    Number(
      (
        await t.dataSource.query(
          "SELECT COUNT(*) AS n FROM timebank_transactions WHERE kind = 'service_exchange' AND reference = ?",
          [`help-request:${id}`],
        )
      )[0].n,
    );
  const tally = (statuses: number[]) =>
    statuses.reduce<Record<number, number>>((acc, s) => ({ ...acc, [s]: (acc[s] ?? 0) + 1 }), {});

  beforeAll(async () => {
    t = await startTestApp({ env: { HELP_AUTO_CONFIRM_POLL_MS: '300' } });
    [staffG, staffB, admin] = (await Promise.all(['staff.g', 'staff.b', 'admin'].map((u) => t.loginStaff(u)))).map(
      (l) => l.token,
    );
    const login = async (phone: string) => {
      const l = await t.loginResident(phone);
      return { token: l.token, id: l.user.id };
    };
    [li, chen, zhang, wang, yang, zhao, huang, sun] = await Promise.all(
      [
        '13800000001',
        '13800000002',
        '13800000003',
        '13800000004',
        '13800000006',
        '13800000007',
        '13800000008',
        '13900000001',
      ].map(login),
    );
  }, 120_000);
  afterAll(async () => {
    await second?.close();
    await t?.close();
    // The race results, for the closing note.
    if (races.length) console.log(`mutual help races on ${testDatabaseKind}:\n${races.join('\n')}`);
  }, SLOW);

  it(
    'answers balance, held and available; a post holds the credits, a post beyond available is 422 and holds nothing',
    async () => {
      await grant(zhang, 100);
      const before = await account(zhang);
      expect(before).toMatchObject({ held: 0 });
      expect(before.available).toBe(before.balance);
      const created = await post(zhang, { rewardMinutes: 40 });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({
        status: 'open',
        fundedBy: 'poster',
        rewardMinutes: 40,
        rewardHours: '0.67',
      });
      const after = await account(zhang);
      expect(after).toMatchObject({ balance: before.balance, held: 40, available: before.available - 40 });
      const tooMuch = await post(zhang, { rewardMinutes: after.available + 1 });
      expect(tooMuch.status).toBe(422);
      expect(tooMuch.body.code).toBe('INSUFFICIENT_CREDITS');
      expect(await account(zhang)).toEqual(after);
      // The statement shows the hold.
      const statement = await t.request('GET', `${api}/timebank/transactions`, { token: zhang.token });
      expect(statement.body.items[0]).toMatchObject({ kind: 'hold', amount: -40, counterparty: { kind: 'escrow' } });
      await expectCleanAudit();
    },
    SLOW,
  );

  it(
    'staff see the escrow and the commons among the accounts and read their statements; a hold is not reversible',
    async () => {
      const created = await post(zhang, { rewardMinutes: 5 });
      expect(created.status).toBe(201);
      const accounts = await t.request('GET', `${api}/timebank/accounts?limit=100`, { token: staffG });
      const kinds = accounts.body.items.map((a: { kind: string }) => a.kind);
      expect(kinds).toEqual(expect.arrayContaining(['pool', 'escrow']));
      const escrow = await t.request('GET', `${api}/timebank/pool/transactions?kind=escrow`, { token: staffG });
      expect(escrow.status).toBe(200);
      const hold = escrow.body.items.find(
        (i: { reference: string }) => i.reference === `help-request:${created.body.id}`,
      );
      expect(hold).toMatchObject({ kind: 'hold', amount: 5, counterparty: { userId: zhang.id } });
      const commons = await t.request('GET', `${api}/timebank/pool/transactions?kind=commons`, { token: staffG });
      expect(commons.status).toBe(200);
      const bad = await t.request('GET', `${api}/timebank/pool/transactions?kind=resident`, { token: staffG });
      expect(bad.status).toBe(400);
      const reversed = await t.request('POST', `${api}/timebank/transactions/${hold.id}/reverse`, {
        token: staffG,
        body: { reason: '试图冲正冻结' },
      });
      expect([reversed.status, reversed.body.code]).toEqual([422, 'REVERSAL_OF_HOLD']);
      expect((await act(zhang, created.body.id, 'cancel')).status).toBe(200);
      await expectCleanAudit();
    },
    SLOW,
  );

  it(
    'refuses bad input with 400 and a start in the past with 422',
    async () => {
      for (const body of [
        { title: '' },
        { title: 'x'.repeat(61) },
        { kind: 'massage' },
        { minutes: 14 },
        { minutes: 481 },
        { rewardMinutes: 0 },
        { startAt: 'tomorrow' },
        { place: '' },
      ]) {
        const res = await post(zhang, body);
        expect([res.status, body]).toEqual([400, body]);
      }
      const past = await post(zhang, { startAt: new Date(Date.now() - 3600_000).toISOString() });
      expect(past.status).toBe(422);
      expect(past.body.code).toBe('HELP_START_IN_PAST');
    },
    SLOW,
  );

  it(
    'walks the whole way: offer, choose (others told), scan the poster code, done, confirm with thanks pays the helper once',
    async () => {
      await grant(wang, 120);
      const posterBefore = await account(wang);
      const helperBefore = await account(chen);
      const created = await post(wang, { rewardMinutes: 45 });
      const id = created.body.id as number;

      const board = await t.request('GET', `${api}/help-requests`, { token: li.token });
      expect(board.status).toBe(200);
      expect(board.body.items.map((r: { id: number }) => r.id)).toContain(id);
      expect(board.body.items.find((r: { id: number }) => r.id === id).offers).toEqual([]);

      expect((await act(wang, id, 'offer')).body.code).toBe('HELP_OWN_REQUEST');
      expect((await act(chen, id, 'offer')).status).toBe(200);
      const again = await act(chen, id, 'offer');
      expect([again.status, again.body.code]).toEqual([409, 'HELP_ALREADY_OFFERED']);
      expect((await act(li, id, 'offer')).status).toBe(200);

      const seen = await t.request('GET', `${api}/help-requests/${id}`, { token: wang.token });
      expect(seen.body.offers.map((o: { helper: { id: number } }) => o.helper.id).sort()).toEqual(
        [chen.id, li.id].sort(),
      );
      expect((await t.request('GET', `${api}/help-requests/${id}`, { token: li.token })).body).toMatchObject({
        offers: [],
        offeredByMe: true,
        offerCount: 2,
      });

      const strangerChoose = await act(li, id, 'choose', { helperId: li.id });
      expect([strangerChoose.status, strangerChoose.body.code]).toEqual([403, 'HELP_NOT_POSTER']);
      const notOffered = await act(wang, id, 'choose', { helperId: zhao.id });
      expect([notOffered.status, notOffered.body.code]).toEqual([422, 'HELP_HELPER_NOT_OFFERED']);
      const chosen = await act(wang, id, 'choose', { helperId: chen.id });
      expect(chosen.body).toMatchObject({ status: 'matched', helper: { id: chen.id } });
      const liInbox = await t.request('GET', `${api}/notifications`, { token: li.token });
      expect(liInbox.body.items[0]).toMatchObject({ kind: 'help_request', title: '已选定其他帮手' });

      // Only the chosen helper's scan of this poster's code starts it.
      const wrongScanner = await scanPoster(li, wang);
      expect([wrongScanner.status, wrongScanner.body.code]).toEqual([422, 'HELP_NO_MATCH_FOR_CODE']);
      const wrongPoster = await scanPoster(chen, zhao);
      expect([wrongPoster.status, wrongPoster.body.code]).toEqual([422, 'HELP_NO_MATCH_FOR_CODE']);
      const forged = await t.request('POST', `${api}/scan`, {
        token: chen.token,
        body: { code: `LU1.${wang.id}.1.AAAAAAAAAAAAAAAA` },
      });
      expect([forged.status, forged.body.code]).toEqual([422, 'HELP_CODE_INVALID']);
      expect((await act(chen, id, 'done')).body.code).toBe('HELP_REQUEST_STATE');
      const scanned = await scanPoster(chen, wang, 'digits');
      expect(scanned.status).toBe(200);
      expect(scanned.body).toMatchObject({ kind: 'help_arrival', helpRequest: { id, status: 'started' } });

      expect((await act(li, id, 'done')).status).toBe(403);
      expect((await act(wang, id, 'cancel')).body.code).toBe('HELP_REQUEST_STATE');
      expect((await act(chen, id, 'done')).body).toMatchObject({ status: 'done' });
      expect((await act(chen, id, 'confirm')).status).toBe(403);
      expect((await act(li, id, 'confirm')).status).toBe(403);
      const confirmed = await act(wang, id, 'confirm', { thanks: '谢谢陈师傅', stars: 5 });
      expect(confirmed.status).toBe(200);
      expect(confirmed.body).toMatchObject({
        status: 'confirmed',
        thanks: '谢谢陈师傅',
        stars: 5,
        autoConfirmed: false,
      });
      const twice = await act(wang, id, 'confirm', { thanks: '再谢' });
      expect([twice.status, twice.body.code]).toEqual([409, 'HELP_REQUEST_STATE']);
      expect(await paymentsFor(id)).toBe(1);

      expect(await account(wang)).toMatchObject({ balance: posterBefore.balance - 45, held: 0 });
      const helperAfter = await account(chen);
      expect(helperAfter.balance).toBe(helperBefore.balance + 45);
      const statement = await t.request('GET', `${api}/timebank/transactions`, { token: chen.token });
      expect(statement.body.items[0]).toMatchObject({ kind: 'service_exchange', amount: 45 });
      const inbox = await t.request('GET', `${api}/notifications`, { token: chen.token });
      expect(inbox.body.items[0]).toMatchObject({ kind: 'help_request', title: '收到 45 分钟' });

      const mine = await t.request('GET', `${api}/help-requests/mine`, { token: li.token });
      expect(mine.body.items.map((r: { id: number }) => r.id)).toContain(id);
      await expectCleanAudit();
    },
    SLOW,
  );

  it(
    'refuses a scan outside the time window',
    async () => {
      await grant(huang, 60);
      const created = await post(huang, { startAt: soon(180), rewardMinutes: 20 });
      const id = created.body.id as number;
      await act(li, id, 'offer');
      await act(huang, id, 'choose', { helperId: li.id });
      const early = await scanPoster(li, huang);
      expect([early.status, early.body.code]).toEqual([422, 'HELP_ARRIVAL_WINDOW']);
      expect((await act(huang, id, 'cancel')).body).toMatchObject({ status: 'cancelled' });
    },
    SLOW,
  );

  it(
    'another community sees 404 on every path; staff of another community too',
    async () => {
      const id = (await post(zhang, { rewardMinutes: 5 })).body.id as number;
      expect((await t.request('GET', `${api}/help-requests/${id}`, { token: sun.token })).status).toBe(404);
      const bodies: Record<string, unknown> = { choose: { helperId: sun.id }, dispute: { reason: '没来' } };
      for (const action of ['offer', 'choose', 'done', 'confirm', 'dispute', 'cancel'])
        expect([action, (await act(sun, id, action, bodies[action])).status]).toEqual([action, 404]);
      expect((await act(staffB, id, 'settle', { minutes: 0, reason: 'x' })).status).toBe(404);
      const board = await t.request('GET', `${api}/help-requests`, { token: sun.token });
      expect(board.body.items.map((r: { id: number }) => r.id)).not.toContain(id);
      expect((await t.request('GET', `${api}/help-requests/999999`, { token: li.token })).status).toBe(404);
      await act(zhang, id, 'cancel');
    },
    SLOW,
  );

  it(
    'the board answers each request as its detail does, offers by helper id, and pages by requests, not offers',
    async () => {
      await grant(zhao, 40);
      const older = (await post(zhao, { rewardMinutes: 10 })).body.id as number;
      const newer = (await post(zhao, { rewardMinutes: 10 })).body.id as number;
      for (const r of [wang, li, chen]) expect((await act(r, newer, 'offer')).status).toBe(200);
      expect((await act(li, older, 'offer')).status).toBe(200);
      const cursor = (id: number) => Buffer.from(String(id)).toString('base64url');
      const board = (token: string, after: string) =>
        t.request('GET', `${api}/help-requests?status=open&limit=1&cursor=${after}`, { token });
      // The poster sees the offers, a neighbour who offered and one who did not only their count.
      for (const [viewer, extra] of [
        [zhao.token, {}],
        [li.token, {}],
        [yang.token, {}],
        [staffG, { communityName: expect.any(String) }],
      ] as const) {
        const top = await board(viewer, cursor(newer + 1));
        expect(top.body.nextCursor).toBe(cursor(newer));
        const next = await board(viewer, top.body.nextCursor);
        for (const [page, id] of [
          [top, newer],
          [next, older],
        ] as const) {
          const detail = await t.request('GET', `${api}/help-requests/${id}`, { token: viewer });
          expect(page.body.items).toEqual([{ ...detail.body, ...extra }]);
        }
      }
      const mine = (await board(zhao.token, cursor(newer + 1))).body.items[0];
      expect(mine.offers.map((o: { helper: { id: number } }) => o.helper.id)).toEqual(
        [wang.id, li.id, chen.id].sort((a, b) => a - b),
      );
      expect((await board(li.token, cursor(newer + 1))).body.items[0]).toMatchObject({
        offers: [],
        offerCount: 3,
        offeredByMe: true,
      });
      expect((await board(yang.token, cursor(newer + 1))).body.items[0].offeredByMe).toBe(false);
      const other = await t.request('GET', `${api}/help-requests?cursor=${cursor(newer + 1)}`, { token: sun.token });
      const seen = other.body.items.map((r: { id: number }) => r.id);
      expect([seen.includes(older), seen.includes(newer)]).toEqual([false, false]);
      for (const id of [older, newer]) expect((await act(zhao, id, 'cancel')).status).toBe(200);
      await expectCleanAudit();
    },
    SLOW,
  );

  it(
    'cancel before the meeting releases the hold; dispute goes to staff who settle part, the rest is released',
    async () => {
      await grant(zhao, 100);
      const start = await account(zhao);
      const id = (await post(zhao, { rewardMinutes: 50 })).body.id as number;
      expect((await account(zhao)).held).toBe(50);
      expect((await act(zhao, id, 'cancel')).body).toMatchObject({ status: 'cancelled' });
      expect(await account(zhao)).toMatchObject({ balance: start.balance, held: 0, available: start.available });
      expect((await act(zhao, id, 'cancel')).status).toBe(409);

      const disputed = await doneRequest(zhao, li, 60);
      const liBefore = await account(li);
      expect((await act(li, disputed, 'dispute', { reason: '没来' })).status).toBe(403);
      expect((await act(zhao, disputed, 'dispute', { reason: '只帮了一半' })).body).toMatchObject({
        status: 'disputed',
        disputeReason: '只帮了一半',
      });
      expect((await act(zhao, disputed, 'confirm')).status).toBe(409);
      expect((await act(zhao, disputed, 'settle', { minutes: 30, reason: 'x' })).status).toBe(403);
      const tooMuch = await act(staffG, disputed, 'settle', { minutes: 61, reason: '协调' });
      expect([tooMuch.status, tooMuch.body.code]).toEqual([422, 'HELP_SETTLE_TOO_MUCH']);
      const settled = await act(staffG, disputed, 'settle', { minutes: 25, reason: '双方同意按一半结算' });
      expect(settled.body).toMatchObject({ status: 'settled', settledMinutes: 25, settleReason: '双方同意按一半结算' });
      expect((await act(staffG, disputed, 'settle', { minutes: 25, reason: '再次' })).status).toBe(409);
      expect((await account(li)).balance).toBe(liBefore.balance + 25);
      expect(await account(zhao)).toMatchObject({ balance: start.balance - 25, held: 0 });
      const log = await t.request('GET', `${api}/audit`, { token: staffG });
      expect(log.body.items[0]).toMatchObject({ action: 'help.settle', targetId: String(disputed) });
      await expectCleanAudit();
    },
    SLOW,
  );

  it(
    'a care recipient posts on the pool: nothing of their own is held, and staff flagging is audited',
    async () => {
      const pending = await t.request('POST', `${api}/residents/${huang.id}/care-recipient`, {
        token: li.token,
        body: { careRecipient: true },
      });
      expect(pending.status).toBe(403);
      expect(
        (
          await t.request('POST', `${api}/residents/${huang.id}/care-recipient`, {
            token: staffB,
            body: { careRecipient: true },
          })
        ).status,
      ).toBe(404);
      const flagged = await t.request('POST', `${api}/residents/${huang.id}/care-recipient`, {
        token: staffG,
        body: { careRecipient: true },
      });
      expect(flagged.body).toEqual({ userId: huang.id, careRecipient: true });
      const before = await account(huang);
      const created = await post(huang, { rewardMinutes: before.available + 500 });
      expect(created.status).toBe(201);
      expect(created.body.fundedBy).toBe('pool');
      expect(await account(huang)).toEqual(before);
      const list = await t.request('GET', `${api}/help-requests/care-recipients`, { token: staffG });
      expect(list.body).toContainEqual({ userId: huang.id, careRecipient: true });
      expect((await act(huang, created.body.id, 'cancel')).status).toBe(200);
      await t.request('POST', `${api}/residents/${huang.id}/care-recipient`, {
        token: staffG,
        body: { careRecipient: false },
      });
      await expectCleanAudit();
    },
    SLOW,
  );

  it(
    'donations go to the commons, which every resident sees; more than available is refused',
    async () => {
      const before = await account(li);
      const res = await t.request('POST', `${api}/timebank/donations`, { token: li.token, body: { minutes: 15 } });
      expect(res.status).toBe(201);
      expect(res.body.transaction).toMatchObject({ kind: 'donation', amount: -15, counterparty: { kind: 'commons' } });
      expect((await account(li)).balance).toBe(before.balance - 15);
      const refusedDonation = await t.request('POST', `${api}/timebank/donations`, {
        token: li.token,
        body: { minutes: before.balance },
      });
      expect([refusedDonation.status, refusedDonation.body.code]).toEqual([422, 'INSUFFICIENT_CREDITS']);
      const commons = await t.request('GET', `${api}/timebank/commons`, { token: zhang.token });
      expect(commons.status).toBe(200);
      expect(commons.body.balance).toBeGreaterThanOrEqual(15);
      expect(commons.body.flows[0]).toMatchObject({ kind: 'donation', amount: 15, counterparty: '李**' });
      const other = await t.request('GET', `${api}/timebank/commons`, { token: sun.token });
      expect(other.body.flows.map((f: { id: number }) => f.id)).not.toContain(res.body.transaction.id);
      expect((await t.request('GET', `${api}/timebank/commons`, { token: staffG })).body.balance).toBe(
        commons.body.balance,
      );
      await expectCleanAudit();
    },
    SLOW,
  );

  it(
    'credit beyond the 1,500 h cap goes to the commons in the same transaction, and the statement says so',
    async () => {
      const before = await account(yang);
      const commonsBefore = (await t.request('GET', `${api}/timebank/commons`, { token: yang.token })).body.balance;
      await grant(yang, 90_000 - before.balance - 10);
      await grant(yang, 70);
      const after = await account(yang);
      expect(after.balance).toBe(90_000);
      const statement = await t.request('GET', `${api}/timebank/transactions`, { token: yang.token });
      expect(statement.body.items[0]).toMatchObject({
        kind: 'cap_overflow',
        amount: -60,
        counterparty: { kind: 'commons' },
      });
      expect(statement.body.items[0].memo).toContain('1500.00 小时');
      const commons = (await t.request('GET', `${api}/timebank/commons`, { token: yang.token })).body;
      expect(commons.balance).toBe(commonsBefore + 60);
      await expectCleanAudit();
      // Back to a small balance for the races below.
      await grant(yang, -(90_000 - 100));
    },
    SLOW,
  );

  it(
    'race: 10 concurrent posts by one resident never hold more than the balance',
    async () => {
      const start = await account(yang);
      expect(start.available).toBe(100);
      const results = await Promise.all(Array.from({ length: 10 }, () => post(yang, { rewardMinutes: 30 })));
      const statuses = results.map((r) => r.status);
      expect(tally(statuses)).toEqual({ 201: 3, 422: 7 });
      expect(results.filter((r) => r.status === 422).every((r) => r.body.code === 'INSUFFICIENT_CREDITS')).toBe(true);
      const after = await account(yang);
      expect(after).toMatchObject({ balance: 100, held: 90, available: 10 });
      const result = await expectCleanAudit();
      races.push(
        `  10 concurrent posts of 30 min on 100 min: ${JSON.stringify(tally(statuses))}; held ${after.held}, available ${after.available}; audit ok=${result.ok} (${result.transactions} transactions)`,
      );
      for (const r of results.filter((x) => x.status === 201)) await act(yang, r.body.id, 'cancel');
      expect(await account(yang)).toMatchObject({ balance: 100, held: 0, available: 100 });
    },
    SLOW,
  );

  it(
    'race: 3 concurrent confirms pay once',
    async () => {
      await grant(wang, 60);
      const id = await doneRequest(wang, zhao, 40);
      const helperBefore = await account(zhao);
      const results = await Promise.all([1, 2, 3].map(() => act(wang, id, 'confirm', { thanks: '谢谢' })));
      const statuses = results.map((r) => r.status);
      expect(tally(statuses)).toEqual({ 200: 1, 409: 2 });
      expect(await paymentsFor(id)).toBe(1);
      expect((await account(zhao)).balance).toBe(helperBefore.balance + 40);
      const result = await expectCleanAudit();
      races.push(
        `  3 concurrent confirms: ${JSON.stringify(tally(statuses))}; payments ${await paymentsFor(id)}; audit ok=${result.ok}`,
      );
    },
    SLOW,
  );

  it(
    'race: a cancel racing a confirm, and a cancel racing the helper scanning in, leave exactly one of the two',
    async () => {
      await grant(wang, 200);
      const outcomes: string[] = [];
      const done = await doneRequest(wang, chen, 20);
      const [cancel, confirm] = await Promise.all([act(wang, done, 'cancel'), act(wang, done, 'confirm')]);
      expect([cancel.status, confirm.status].sort()).toEqual([200, 409]);
      expect(confirm.status).toBe(200);
      expect(await paymentsFor(done)).toBe(1);
      outcomes.push(`cancel ${cancel.status} / confirm ${confirm.status}`);

      for (let round = 0; round < 4; round++) {
        const id = (await post(wang, { rewardMinutes: 10 })).body.id as number;
        await act(chen, id, 'offer');
        await act(wang, id, 'choose', { helperId: chen.id });
        const [c, s] = await Promise.all([act(wang, id, 'cancel'), scanPoster(chen, wang)]);
        expect([c.status, s.status].filter((x) => x === 200)).toHaveLength(1);
        const final = (await t.request('GET', `${api}/help-requests/${id}`, { token: wang.token })).body.status;
        expect(final).toBe(c.status === 200 ? 'cancelled' : 'started');
        const released = Number(
          (
            await t.dataSource.query(
              "SELECT COUNT(*) AS n FROM timebank_transactions WHERE kind = 'release' AND reference = ?",
              [`help-request:${id}`],
            )
          )[0].n,
        );
        expect(released).toBe(c.status === 200 ? 1 : 0);
        outcomes.push(`cancel ${c.status} / scan ${s.status} → ${final}`);
        if (final === 'started') {
          await act(chen, id, 'done');
          await act(wang, id, 'confirm');
        }
      }
      const result = await expectCleanAudit();
      races.push(`  cancel vs confirm and cancel vs scan: ${outcomes.join('; ')}; audit ok=${result.ok}`);
    },
    SLOW,
  );

  it(
    'auto-confirms 72 h after done, once, with two server processes running the job',
    async () => {
      second = await startTestApp({ sharedDatabase: t.db, env: { HELP_AUTO_CONFIRM_POLL_MS: '300' } });
      await grant(li, 60);
      const ids = [await doneRequest(li, zhang, 15), await doneRequest(li, chen, 15)];
      const helperBefore = await account(zhang);
      const past = new Date(Date.now() - 73 * 3600_000);
      await t.dataSource.getRepository(HelpRequest).update({ id: In(ids) }, { doneAt: past });
      const deadline = Date.now() + 15_000;
      let statuses: string[] = [];
      while (Date.now() < deadline) {
        statuses = await Promise.all(
          ids.map(
            async (id) => (await t.request('GET', `${api}/help-requests/${id}`, { token: li.token })).body.status,
          ),
        );
        if (statuses.every((s) => s === 'confirmed')) break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(statuses).toEqual(['confirmed', 'confirmed']);
      // Both processes ran the job for a while; each request is paid once.
      await new Promise((r) => setTimeout(r, 1000));
      for (const id of ids) expect(await paymentsFor(id)).toBe(1);
      const view = (await t.request('GET', `${api}/help-requests/${ids[0]}`, { token: li.token })).body;
      expect(view).toMatchObject({ autoConfirmed: true });
      expect((await account(zhang)).balance).toBe(helperBefore.balance + 15);
      const result = await expectCleanAudit();
      races.push(
        `  auto-confirm with 2 processes: ${statuses.join(', ')}; payments ${[await paymentsFor(ids[0]), await paymentsFor(ids[1])].join(', ')}; audit ok=${result.ok}`,
      );
    },
    SLOW,
  );
});
