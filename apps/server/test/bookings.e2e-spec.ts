import { shanghaiDate } from '@linli/shared-types';
import { Booking, BookingSlot } from '../src/bookings/booking.entity.js';
import { answerOf, tally } from './support/outcomes.js';
import { startTestApp, type TestApp, type TestResponse } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';

/** The server runs on the real clock: everything is booked relative to now, in Asia/Shanghai. */
const daysAhead = (days: number) => shanghaiDate(new Date(Date.now() + days * 86_400_000));
const local = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;

describe(`bookings over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let staffB: string;
  let zhang: string; // 张桂兰, G
  let wang: string; // 王建国, G
  let yang: string; // 杨明, G
  let sun: string; // 孙丽, B
  let pending: string; // 周磊, G, not verified
  let huang: string; // 黄国华, G
  let roomId: number;
  let hallId: number;
  const tomorrow = daysAhead(1);

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, staffB] = (await Promise.all(['staff.g', 'staff.b'].map((u) => t.loginStaff(u)))).map((l) => l.token);
    [zhang, wang, yang, sun, pending, huang] = (
      await Promise.all(
        ['13800000003', '13800000004', '13800000006', '13900000001', '13800000009', '13800000008'].map((p) =>
          t.loginResident(p),
        ),
      )
    ).map((l) => l.token);
    const created = await t.request('POST', `${api}/rooms`, {
      token: staffG,
      body: { name: '测试室', capacity: 10, openTime: '08:30', closeTime: '21:00', facilities: ['桌椅'] },
    });
    expect(created.status).toBe(201);
    roomId = created.body.id;
  }, 120_000); // a server starts, migrates and seeds on 2 shared cores
  afterAll(async () => {
    await t?.close();
  });

  const book = (token: string, from: string, to: string, extra: Record<string, unknown> = {}, date = tomorrow) =>
    t.request('POST', `${api}/bookings`, {
      token,
      body: {
        roomId,
        startAt: local(date, from),
        endAt: local(date, to),
        purpose: '兴趣小组活动',
        attendees: 4,
        ...extra,
      },
    });

  it("residents see the rooms of their own community; another community's room is missing", async () => {
    const g = await t.request('GET', `${api}/rooms`, { token: zhang });
    expect(g.status).toBe(200);
    const names = g.body.items.map((r: { name: string }) => r.name);
    expect(names).toEqual(expect.arrayContaining(['多功能厅', '书画室', '棋牌室', '舞蹈室', '测试室']));
    hallId = g.body.items.find((r: { name: string }) => r.name === '多功能厅').id;
    expect(g.body.items.find((r: { name: string }) => r.name === '多功能厅')).toMatchObject({
      capacity: 40,
      requiresApproval: true,
      slotMinutes: 30,
    });
    const b = await t.request('GET', `${api}/rooms`, { token: sun });
    expect(b.body.items.map((r: { name: string }) => r.name).sort()).toEqual(['活动大厅', '阅览室'].sort());
    expect(
      (await t.request('GET', `${api}/rooms/${roomId}/availability?date=${tomorrow}`, { token: sun })).status,
    ).toBe(404);
    expect((await t.request('GET', `${api}/rooms`, { token: pending })).body.code).toBe('RESIDENT_NOT_VERIFIED');
  });

  it('availability lists every slot of the day with its state; the demo bookings show as taken', async () => {
    const rooms = (await t.request('GET', `${api}/rooms`, { token: zhang })).body.items;
    const calligraphy = rooms.find((r: { name: string }) => r.name === '书画室');
    const res = await t.request('GET', `${api}/rooms/${calligraphy.id}/availability?date=${tomorrow}`, {
      token: zhang,
    });
    expect(res.status).toBe(200);
    expect(res.body.slots).toHaveLength(25);
    const state = (hhmm: string) =>
      res.body.slots.find((s: { startAt: string }) => s.startAt === new Date(local(tomorrow, hhmm)).toISOString())
        .state;
    expect([state('09:30'), state('10:00'), state('11:00'), state('11:30')]).toEqual([
      'free',
      'taken',
      'taken',
      'free',
    ]);
    const past = await t.request('GET', `${api}/rooms/${calligraphy.id}/availability?date=${daysAhead(-1)}`, {
      token: zhang,
    });
    expect(new Set(past.body.slots.map((s: { state: string }) => s.state))).toEqual(new Set(['past']));
    expect(
      (await t.request('GET', `${api}/rooms/${calligraphy.id}/availability?date=2026-02-30`, { token: zhang })).status,
    ).toBe(400);
  });

  it('50 parallel bookings of one slot: exactly one 201, the rest clean 409 BOOKING_SLOT_TAKEN', async () => {
    const responses = await Promise.all(Array.from({ length: 50 }, () => book(staffG, '08:30', '09:30')));
    expect(tally(responses.map(answerOf))).toEqual({ 201: 1, '409 BOOKING_SLOT_TAKEN': 49 });
    expect(
      await t.dataSource.getRepository(Booking).countBy({ roomId, startAt: new Date(local(tomorrow, '08:30')) }),
    ).toBe(1);
  });

  it('200 parallel bookings of one slot: exactly one, no 500s', async () => {
    const responses = await Promise.all(Array.from({ length: 200 }, () => book(staffG, '20:00', '21:00')));
    expect(tally(responses.map(answerOf))).toEqual({ 201: 1, '409 BOOKING_SLOT_TAKEN': 199 });
    const booking = await t.dataSource
      .getRepository(Booking)
      .findOneByOrFail({ roomId, startAt: new Date(local(tomorrow, '20:00')) });
    expect(await t.dataSource.getRepository(BookingSlot).countBy({ bookingId: booking.id })).toBe(4);
    expect(t.logs.join('').includes('"statusCode":500')).toBe(false);
  });

  it('a resident books, lists, cancels; the freed slot is booked by a neighbour', async () => {
    const mine = await book(zhang, '10:00', '11:00');
    expect(mine.status).toBe(201);
    expect(mine.body).toMatchObject({
      status: 'approved',
      minutes: 60,
      room: { id: roomId, name: '测试室' },
      staffBooking: false,
    });
    expect((await book(wang, '10:30', '11:30')).body.code).toBe('BOOKING_SLOT_TAKEN');
    const list = await t.request('GET', `${api}/bookings/mine`, { token: zhang });
    expect(list.body.items.map((b: { id: number }) => b.id)).toContain(mine.body.id);
    expect((await t.request('POST', `${api}/bookings/${mine.body.id}/cancel`, { token: wang, body: {} })).status).toBe(
      404,
    );
    const cancelled = await t.request('POST', `${api}/bookings/${mine.body.id}/cancel`, { token: zhang, body: {} });
    expect(cancelled.body.status).toBe('cancelled');
    expect((await book(wang, '10:30', '11:30')).status).toBe(201);
  });

  it('every rule refuses with its code and stores nothing', async () => {
    const before = await t.dataSource.getRepository(Booking).count();
    const cases: Array<[Promise<TestResponse>, number, string]> = [
      [book(yang, '10:15', '11:00'), 422, 'BOOKING_OFF_GRID'],
      [book(yang, '07:00', '08:00'), 422, 'BOOKING_OFF_GRID'],
      [book(yang, '12:00', '15:30'), 422, 'BOOKING_TOO_LONG'],
      [book(yang, '12:00', '13:00', {}, daysAhead(8)), 422, 'BOOKING_TOO_FAR'],
      [book(yang, '12:00', '13:00', {}, daysAhead(-1)), 422, 'BOOKING_TOO_SOON'],
      [book(yang, '12:00', '13:00', { attendees: 11 }), 422, 'BOOKING_ATTENDEES_INVALID'],
      [book(yang, '12:00', '13:00', { purpose: '练' }), 400, 'VALIDATION_FAILED'],
      [book(yang, '12:00', '13:00', { extra: 1 }), 400, 'VALIDATION_FAILED'],
      [book(yang, '12:00', '13:00', { startAt: '2026-12-01T10:00:00' }), 400, 'VALIDATION_FAILED'],
      [book(pending, '12:00', '13:00'), 403, 'RESIDENT_NOT_VERIFIED'],
      [book(sun, '12:00', '13:00'), 404, 'ROOM_NOT_FOUND'],
    ];
    for (const [promise, status, code] of cases) {
      const res = await promise;
      expect([res.status, res.body.code]).toEqual([status, code]);
    }
    // Quota: fewer than 2 upcoming active bookings.
    expect((await book(yang, '12:00', '12:30')).status).toBe(201);
    expect((await book(yang, '13:00', '13:30')).status).toBe(201);
    const third = await book(yang, '14:00', '14:30');
    expect([third.status, third.body.code]).toEqual([422, 'BOOKING_QUOTA_ACTIVE']);
    expect(await t.dataSource.getRepository(Booking).count()).toBe(before + 2);
  });

  it('approval: pending → staff reject with reason → the resident is told, the slot is free; tenancy 404', async () => {
    const res = await t.request('POST', `${api}/bookings`, {
      token: huang,
      body: {
        roomId: hallId,
        startAt: local(daysAhead(2), '18:00'),
        endAt: local(daysAhead(2), '19:00'),
        purpose: '楼栋议事',
        attendees: 20,
      },
    });
    expect([res.status, res.body.code, res.body.status]).toEqual([201, undefined, 'pending']);
    const staffList = await t.request('GET', `${api}/bookings?status=pending&roomId=${hallId}&date=${daysAhead(2)}`, {
      token: staffG,
    });
    expect(staffList.body.items.map((b: { id: number }) => b.id)).toEqual([res.body.id]);
    expect((await t.request('POST', `${api}/bookings/${res.body.id}/approve`, { token: staffB })).status).toBe(404);
    expect((await t.request('POST', `${api}/bookings/${res.body.id}/approve`, { token: huang })).status).toBe(403);
    expect((await t.request('POST', `${api}/bookings/${res.body.id}/reject`, { token: staffG, body: {} })).status).toBe(
      400,
    );
    const rejected = await t.request('POST', `${api}/bookings/${res.body.id}/reject`, {
      token: staffG,
      body: { reason: '当晚已安排社区活动' },
    });
    expect(rejected.body).toMatchObject({ status: 'rejected', reason: '当晚已安排社区活动' });
    const inbox = await t.request('GET', `${api}/notifications`, { token: huang });
    expect(inbox.body.items[0]).toMatchObject({ kind: 'booking_decision' });
    expect(inbox.body.items[0].body).toContain('当晚已安排社区活动');
    const audit = await t.request('GET', `${api}/audit`, { token: staffG });
    expect(audit.body.items.map((a: { action: string }) => a.action)).toContain('bookings.reject');
  });

  it('staff book weekly for N weeks: created and skipped dates', async () => {
    const start = daysAhead(3);
    // Somebody holds the second week's slot.
    const blocker = await book(staffG, '15:00', '16:00', {}, daysAhead(10));
    expect(blocker.status).toBe(201);
    const res = await t.request('POST', `${api}/bookings/recurring`, {
      token: staffG,
      body: {
        roomId,
        startAt: local(start, '15:00'),
        endAt: local(start, '16:00'),
        purpose: '合唱团排练',
        attendees: 10,
        weeks: 3,
      },
    });
    expect(res.status).toBe(201);
    expect(res.body.created).toEqual([daysAhead(3), daysAhead(17)]);
    expect(res.body.skipped).toEqual([{ date: daysAhead(10), reason: expect.stringContaining('已被预约') }]);
  });

  it('door code: staff print it; a scan outside the window or a forged code is refused', async () => {
    const code = await t.request('GET', `${api}/rooms/${roomId}/door-code`, { token: staffG });
    expect(code.body).toMatchObject({ roomId, roomName: '测试室', code: expect.stringMatching(/^LINLI-DOOR:/) });
    expect((await t.request('GET', `${api}/rooms/${roomId}/door-code`, { token: zhang })).status).toBe(403);
    const early = await t.request('POST', `${api}/scan`, { token: wang, body: { code: code.body.code } });
    expect([early.status, early.body.code]).toEqual([422, 'BOOKING_NO_CHECKIN']);
    const forged = await t.request('POST', `${api}/scan`, {
      token: wang,
      body: { code: code.body.code.slice(0, -2) + 'xx' },
    });
    expect([forged.status, forged.body.code]).toEqual([422, 'SCAN_CODE_UNKNOWN']);
  });

  it('door QR check-in over HTTP: the booker scans the poster code of a slot starting within 15 minutes', async () => {
    const room = await t.request('POST', `${api}/rooms`, {
      token: staffG,
      body: {
        name: '全天室',
        capacity: 6,
        openTime: '00:00',
        closeTime: '24:00',
        slotMinutes: 15,
        minNoticeMinutes: 0,
      },
    });
    const zhao = (await t.loginResident('13800000007')).token; // 赵小红, G
    // The next quarter hour: its check-in window (15 min before start) is already open.
    const quarter = 15 * 60_000;
    // Right before a quarter hour the next slot could start before the request arrives: wait for it to pass.
    const toBoundary = quarter - (Date.now() % quarter);
    if (toBoundary < 5_000) await new Promise((resolve) => setTimeout(resolve, toBoundary + 100));
    const start = new Date(Math.floor(Date.now() / quarter) * quarter + quarter);
    const booked = await t.request('POST', `${api}/bookings`, {
      token: zhao,
      body: {
        roomId: room.body.id,
        startAt: start.toISOString(),
        endAt: new Date(start.getTime() + quarter).toISOString(),
        purpose: '邻里茶话',
        attendees: 3,
      },
    });
    expect(booked.status).toBe(201);
    const code = (await t.request('GET', `${api}/rooms/${room.body.id}/door-code`, { token: staffG })).body.code;
    const first = await t.request('POST', `${api}/scan`, { token: zhao, body: { code } });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ kind: 'door_checkin', booking: { id: booked.body.id, status: 'checked_in' } });
    const again = await t.request('POST', `${api}/scan`, { token: zhao, body: { code } });
    expect(again.body.booking).toMatchObject({
      id: booked.body.id,
      status: 'checked_in',
      checkedInAt: first.body.booking.checkedInAt,
    });
    // Somebody without a booking of that room is refused.
    expect((await t.request('POST', `${api}/scan`, { token: zhang, body: { code } })).body.code).toBe(
      'BOOKING_NO_CHECKIN',
    );
  });

  describe('a resident holds no two active bookings at the same time, in any room', () => {
    let liu: string; // 刘淑珍, G: no other booking in this suite
    let liuId: number;
    let rooms: number[];
    const date = daysAhead(3);
    const bookRoom = (room: number, from: string, to: string, day = date) =>
      t.request('POST', `${api}/bookings`, {
        token: liu,
        body: { roomId: room, startAt: local(day, from), endAt: local(day, to), purpose: '重叠规则测试', attendees: 2 },
      });
    const liuBookings = () => t.dataSource.getRepository(Booking).findBy({ userId: liuId });
    const cancelAll = async () => {
      for (const b of await liuBookings())
        if (b.status === 'approved')
          await t.request('POST', `${api}/bookings/${b.id}/cancel`, { token: liu, body: {} });
    };

    beforeAll(async () => {
      const login = await t.loginResident('13800000005');
      liu = login.token;
      liuId = login.user.id;
      rooms = [];
      for (const name of ['重叠甲室', '重叠乙室']) {
        const created = await t.request('POST', `${api}/rooms`, {
          token: staffG,
          body: { name, capacity: 10, openTime: '08:30', closeTime: '21:00' },
        });
        expect(created.status).toBe(201);
        rooms.push(created.body.id);
      }
    });

    it('an overlapping booking in another room is refused with BOOKING_OVERLAPS_OWN and writes nothing', async () => {
      const first = await bookRoom(rooms[0], '09:00', '10:00');
      expect(first.status).toBe(201);
      const before = await liuBookings();
      const overlap = await bookRoom(rooms[1], '09:30', '10:30');
      expect([overlap.status, overlap.body.code]).toEqual([422, 'BOOKING_OVERLAPS_OWN']);
      expect(overlap.body.message).toBe('您在这个时间已有其他预约，同一时间只能预约一处');
      expect(await liuBookings()).toHaveLength(before.length);
      expect(await t.dataSource.getRepository(BookingSlot).countBy({ roomId: rooms[1] })).toBe(0);
      const free = await t.request('GET', `${api}/rooms/${rooms[1]}/availability?date=${date}`, { token: liu });
      const at0930 = new Date(local(date, '09:30')).toISOString();
      expect(free.body.slots.find((s: { startAt: string }) => s.startAt === at0930).state).toBe('free');
      // Back to back is not an overlap; a cancelled booking holds nothing.
      expect((await bookRoom(rooms[1], '10:00', '11:00')).status).toBe(201);
      await cancelAll();
      expect((await bookRoom(rooms[1], '09:30', '10:30')).status).toBe(201);
      await cancelAll();
    });

    it('two rooms booked at once for the same hour, five times over: exactly one wins each time', async () => {
      for (const hour of ['12', '13', '14', '15', '16']) {
        const responses = await Promise.all(rooms.map((room) => bookRoom(room, `${hour}:00`, `${hour}:30`)));
        expect(tally(responses.map(answerOf))).toEqual({ 201: 1, '422 BOOKING_OVERLAPS_OWN': 1 });
        const active = (await liuBookings()).filter((b) => b.status === 'approved');
        expect(active).toHaveLength(1);
        const slots = await t.dataSource.getRepository(BookingSlot).findBy({ bookingId: active[0].id });
        expect(slots).toHaveLength(2);
        await cancelAll();
      }
      expect(await t.dataSource.getRepository(BookingSlot).countBy({ roomId: rooms[0] })).toBe(0);
      expect(await t.dataSource.getRepository(BookingSlot).countBy({ roomId: rooms[1] })).toBe(0);
    });

    it('我的预约 splits upcoming from past: a cancelled booking moves to the past', async () => {
      const kept = await bookRoom(rooms[0], '18:00', '19:00');
      expect(kept.status).toBe(201);
      const ids = async (when: string) =>
        (await t.request('GET', `${api}/bookings/mine?when=${when}`, { token: liu })).body.items.map(
          (b: { id: number }) => b.id,
        );
      const past = await ids('past');
      expect(await ids('upcoming')).toEqual([kept.body.id]);
      expect(past).not.toContain(kept.body.id);
      expect(past.length).toBeGreaterThanOrEqual(8);
      await cancelAll();
      expect(await ids('upcoming')).toEqual([]);
      expect((await ids('past'))[0]).toBe(kept.body.id);
      const bad = await t.request('GET', `${api}/bookings/mine?when=later`, { token: liu });
      expect([bad.status, bad.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    });
  });

  it('staff manage rooms: rules, closures; invalid hours refused', async () => {
    const patched = await t.request('PATCH', `${api}/rooms/${roomId}`, {
      token: staffG,
      body: { requiresApproval: true, maxMinutes: 120 },
    });
    expect(patched.body).toMatchObject({ requiresApproval: true, maxMinutes: 120 });
    expect(
      (await t.request('PATCH', `${api}/rooms/${roomId}`, { token: staffG, body: { openTime: '22:00' } })).body.code,
    ).toBe('ROOM_HOURS_INVALID');
    expect((await t.request('PATCH', `${api}/rooms/${roomId}`, { token: staffB, body: { capacity: 5 } })).status).toBe(
      404,
    );
    const date = daysAhead(4);
    const closure = await t.request('POST', `${api}/rooms/${roomId}/closures`, {
      token: staffG,
      body: { startAt: local(date, '08:30'), endAt: local(date, '12:00'), reason: '消防检查' },
    });
    expect(closure.status).toBe(201);
    const refused = await book(zhang, '11:00', '12:00', {}, date);
    expect([refused.status, refused.body.code]).toEqual([422, 'BOOKING_CLOSED']);
    const availability = await t.request('GET', `${api}/rooms/${roomId}/availability?date=${date}`, { token: zhang });
    expect(availability.body.slots[0].state).toBe('closed');
  });
});
