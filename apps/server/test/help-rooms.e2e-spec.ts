import { shanghaiDate } from '@linli/shared-types';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const tomorrow = shanghaiDate(new Date(Date.now() + 86_400_000));
const local = (hhmm: string) => `${tomorrow}T${hhmm}:00+08:00`;

/**
 * Rooms priced in credits over HTTP: staff set the price; a booking holds it (the balance card shows it held), a
 * rejection or cancellation releases it, a booking the resident cannot pay is refused with nothing kept. The charge
 * on completion and no-show runs on the clock (test/help-rooms.int-spec.ts).
 */
describe(`rooms priced in credits over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let admin: string;
  let zhang: { token: string; id: number };
  let wang: { token: string; id: number };
  let roomId: number;

  const account = async (r: { token: string }) =>
    (await t.request('GET', `${api}/timebank/account`, { token: r.token })).body;
  const setBalance = async (r: { token: string; id: number }, minutes: number) => {
    const delta = minutes - (await account(r)).balance;
    if (delta === 0) return;
    const res = await t.request('POST', `${api}/timebank/adjustments`, {
      token: admin,
      body: { userId: r.id, minutes: delta, reason: '测试准备' },
    });
    expect(res.status).toBe(201);
  };
  const book = (r: { token: string }, from: string, to: string) =>
    t.request('POST', `${api}/bookings`, {
      token: r.token,
      body: { roomId, startAt: local(from), endAt: local(to), purpose: '书法练习', attendees: 2 },
    });
  const expectCleanAudit = async () => {
    const res = await t.request('GET', `${api}/timebank/audit`, { token: admin });
    expect(res.body.discrepancies).toEqual([]);
    expect(res.body.ok).toBe(true);
  };

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, admin] = (await Promise.all(['staff.g', 'admin'].map((u) => t.loginStaff(u)))).map((l) => l.token);
    [zhang, wang] = await Promise.all(
      ['13800000003', '13800000004'].map(async (p) => {
        const l = await t.loginResident(p);
        return { token: l.token, id: l.user.id };
      }),
    );
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  it('the demo street has a priced room: B’s 活动大厅, a booking holding its price and a used one charged', async () => {
    const zhu = await t.loginResident('13900000003');
    const rooms = await t.request('GET', `${api}/rooms`, { token: zhu.token });
    expect(rooms.body.items.find((r: { name: string }) => r.name === '活动大厅')).toMatchObject({
      priceMinutesPerHour: 30,
    });
    expect((await account(zhu)).held).toBe(45);
    const statement = await t.request('GET', `${api}/timebank/transactions?limit=50`, { token: zhu.token });
    expect(statement.body.items).toContainEqual(
      expect.objectContaining({ kind: 'hold', amount: -45, counterparty: expect.objectContaining({ kind: 'escrow' }) }),
    );
    const hu = await t.loginResident('13900000004');
    const paid = await t.request('GET', `${api}/timebank/transactions?limit=50`, { token: hu.token });
    expect(paid.body.items).toContainEqual(expect.objectContaining({ kind: 'hold', amount: -30 }));
    const staffB = (await t.loginStaff('staff.b')).token;
    const pool = await t.request('GET', `${api}/timebank/pool/transactions?limit=50`, { token: staffB });
    expect(pool.body.items).toContainEqual(expect.objectContaining({ kind: 'room_charge', amount: 30 }));
    await expectCleanAudit();
  });

  it('staff price a room; residents see the price; a new room is free', async () => {
    const created = await t.request('POST', `${api}/rooms`, {
      token: staffG,
      body: { name: '计价书画室', capacity: 10, openTime: '08:30', closeTime: '21:00', requiresApproval: true },
    });
    expect(created.status).toBe(201);
    expect(created.body.priceMinutesPerHour).toBe(0);
    roomId = created.body.id;
    const patched = await t.request('PATCH', `${api}/rooms/${roomId}`, {
      token: staffG,
      body: { priceMinutesPerHour: 30 },
    });
    expect([patched.status, patched.body.priceMinutesPerHour]).toEqual([200, 30]);
    const tooDear = await t.request('PATCH', `${api}/rooms/${roomId}`, {
      token: staffG,
      body: { priceMinutesPerHour: 121 },
    });
    expect(tooDear.status).toBe(400);
    const seen = (await t.request('GET', `${api}/rooms`, { token: zhang.token })).body.items.find(
      (r: { id: number }) => r.id === roomId,
    );
    expect(seen.priceMinutesPerHour).toBe(30);
  });

  it('a booking holds the price; staff rejecting it release the hold', async () => {
    await setBalance(zhang, 100);
    const res = await book(zhang, '10:00', '12:00');
    expect(res.status).toBe(201);
    expect(await account(zhang)).toMatchObject({ balance: 100, held: 60, available: 40 });
    const rejected = await t.request('POST', `${api}/bookings/${res.body.id}/reject`, {
      token: staffG,
      body: { reason: '当天有社区活动' },
    });
    expect(rejected.status).toBe(200);
    expect(await account(zhang)).toMatchObject({ balance: 100, held: 0, available: 100 });
    const statement = (await t.request('GET', `${api}/timebank/transactions`, { token: zhang.token })).body;
    expect(statement.items.slice(0, 2).map((i: { kind: string }) => i.kind)).toEqual(['release', 'hold']);
    await expectCleanAudit();
  });

  it('cancelling a priced booking releases the hold', async () => {
    const res = await book(zhang, '14:00', '15:00');
    expect(res.status).toBe(201);
    expect(await account(zhang)).toMatchObject({ held: 30, available: 70 });
    const cancelled = await t.request('POST', `${api}/bookings/${res.body.id}/cancel`, { token: zhang.token });
    expect(cancelled.status).toBe(200);
    expect(await account(zhang)).toMatchObject({ balance: 100, held: 0, available: 100 });
    await expectCleanAudit();
  });

  it('a booking the resident cannot pay is refused (422) and keeps nothing: the slot stays free', async () => {
    await setBalance(wang, 20);
    const res = await book(wang, '16:00', '17:00');
    expect([res.status, res.body.code]).toEqual([422, 'INSUFFICIENT_CREDITS']);
    expect(await account(wang)).toMatchObject({ balance: 20, held: 0, available: 20 });
    const mine = (await t.request('GET', `${api}/bookings/mine`, { token: wang.token })).body.items;
    expect(mine.some((b: { room: { id: number } }) => b.room.id === roomId)).toBe(false);
    const availability = await t.request('GET', `${api}/rooms/${roomId}/availability?date=${tomorrow}`, {
      token: wang.token,
    });
    const at16 = availability.body.slots.find(
      (s: { startAt: string }) => new Date(s.startAt).getTime() === new Date(local('16:00')).getTime(),
    );
    expect(at16?.state).toBe('free');
    await expectCleanAudit();
  });
});
