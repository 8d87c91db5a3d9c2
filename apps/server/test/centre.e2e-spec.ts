import type { CentreReport } from '@linli/shared-types';
import { AuditEntry } from '../src/audit/audit-entry.entity.js';
import { CentreEvent } from '../src/events/event.entity.js';
import { Notification } from '../src/notifications/notification.entity.js';
import { startTestApp, type TestApp } from './support/test-app.js';
import { testDatabaseKind } from './support/test-database.js';

const api = '/api/v1';
const MIN = 60_000;
const DAY = 86_400_000;

/** Local (Asia/Shanghai) date `days` ahead, and the instant of a local time on it. */
const localDay = (days: number) => new Date(Date.now() + 8 * 3_600_000 + days * DAY).toISOString().slice(0, 10);
const at = (date: string, hhmm: string) => `${date}T${hhmm}:00+08:00`;
/** The local date of the next Tuesday at least two days ahead. */
function nextTuesday(): string {
  for (let d = 2; ; d++) {
    const date = localDay(d);
    if (new Date(`${date}T12:00:00+08:00`).getUTCDay() === 2) return date;
  }
}

interface Resident {
  token: string;
  id: number;
}

describe(`life in the activity centre over HTTP on ${testDatabaseKind}`, () => {
  let t: TestApp;
  let staffG: string;
  let staffB: string;
  const r: Record<string, Resident> = {};
  let rooms: Record<string, number>;
  let choirId: number;
  /** The report's totals over the demo data, before this suite adds to them. */
  let baseline: CentreReport['totals'];

  const inbox = async (who: Resident, kind: string) =>
    (await t.dataSource.getRepository(Notification).findBy({ userId: who.id, kind: kind as never })).length;
  const post = (path: string, token: string, body?: unknown) =>
    t.request('POST', `${api}/${path}`, { token, body: body ?? {} });
  const get = (path: string, token: string) => t.request('GET', `${api}/${path}`, { token });
  const propose = (who: Resident, name: string, memberCap?: number) =>
    post('groups', who.token, { name, kind: 'culture', description: '每周练歌', ...(memberCap ? { memberCap } : {}) });
  const approvedGroup = async (leader: Resident, name: string, memberCap?: number) => {
    const created = await propose(leader, name, memberCap);
    expect(created.status).toBe(201);
    expect((await post(`groups/${created.body.id}/approve`, staffG)).status).toBe(200);
    return created.body.id as number;
  };

  beforeAll(async () => {
    t = await startTestApp();
    [staffG, staffB] = (await Promise.all(['staff.g', 'staff.b'].map((u) => t.loginStaff(u)))).map((l) => l.token);
    const names = ['li', 'chen', 'zhang', 'wang', 'liu', 'yang', 'zhao', 'huang', 'zhou'];
    for (const [i, name] of names.entries()) {
      const login = await t.loginResident(`1380000000${i + 1}`);
      r[name] = { token: login.token, id: login.user.id };
    }
    const sun = await t.loginResident('13900000001');
    r.sun = { token: sun.token, id: sun.user.id };
    const list = await get('rooms', staffG);
    rooms = Object.fromEntries(list.body.items.map((room: { name: string; id: number }) => [room.name, room.id]));
    baseline = (await get('centre/report', staffG)).body.totals;
  }, 120_000);
  afterAll(async () => {
    await t?.close();
  });

  describe('interest groups', () => {
    it('a verified resident proposes; staff of the community approve; others cannot', async () => {
      const created = await propose(r.zhang, '光华合唱团', 4);
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'proposed', memberCount: 1, myRole: 'leader', memberCap: 4 });
      choirId = created.body.id;
      expect((await propose(r.zhou, '周末读书会')).status).toBe(403); // pending resident
      expect((await post('groups', staffG, { name: '员工组', kind: 'other', description: '员工' })).status).toBe(403);
      expect((await propose(r.li, 'x'.repeat(31))).status).toBe(400);
      expect((await post('groups', r.li.token, { name: '球队', kind: 'football', description: '踢球' })).status).toBe(
        400,
      );
      expect((await propose(r.li, '光华合唱团')).body.code).toBe('GROUP_NAME_TAKEN');
      // Before approval only the proposer (and staff) see it.
      expect((await get(`groups/${choirId}`, r.li.token)).status).toBe(404);
      expect((await post(`groups/${choirId}/join`, r.li.token)).status).toBe(404);
      expect((await post(`groups/${choirId}/approve`, r.li.token)).status).toBe(403);
      expect((await post(`groups/${choirId}/approve`, staffB)).status).toBe(404);
      const approved = await post(`groups/${choirId}/approve`, staffG);
      expect(approved.status).toBe(200);
      expect(approved.body.status).toBe('approved');
      expect((await post(`groups/${choirId}/approve`, staffG)).body.code).toBe('GROUP_NOT_PROPOSED');
      expect(await inbox(r.zhang, 'group_decision')).toBe(1);
      const audit = await get('audit', staffG);
      expect(audit.body.items.some((a: { action: string }) => a.action === 'groups.approve')).toBe(true);
    });

    it('staff decline with a reason, which the proposer reads', async () => {
      const created = await propose(r.huang, '夜跑团');
      const declined = await post(`groups/${created.body.id}/decline`, staffG, { reason: '夜间安全需再商量' });
      expect(declined.status).toBe(200);
      expect(declined.body).toMatchObject({ status: 'declined', declineReason: '夜间安全需再商量' });
      expect((await post(`groups/${created.body.id}/decline`, staffG, {})).status).toBe(400);
      expect((await post(`groups/${created.body.id}/join`, r.li.token)).status).toBe(404);
      expect(await inbox(r.huang, 'group_decision')).toBe(1);
    });

    it('residents join up to the cap, see inside once members; another community sees nothing', async () => {
      const joined = await post(`groups/${choirId}/join`, r.li.token);
      expect(joined.status).toBe(200);
      expect(joined.body).toMatchObject({ memberCount: 2, myRole: 'member' });
      expect((await post(`groups/${choirId}/join`, r.li.token)).body.code).toBe('GROUP_ALREADY_MEMBER');
      expect((await post(`groups/${choirId}/join`, r.chen.token)).status).toBe(200);
      expect((await post(`groups/${choirId}/join`, r.wang.token)).status).toBe(200);
      const full = await post(`groups/${choirId}/join`, r.liu.token);
      expect(full.status).toBe(422);
      expect(full.body.code).toBe('GROUP_FULL');
      expect((await post(`groups/${choirId}/join`, r.zhou.token)).status).toBe(403);
      expect((await post(`groups/${choirId}/join`, staffG)).status).toBe(403);
      expect((await get(`groups/${choirId}`, r.sun.token)).status).toBe(404);
      expect((await post(`groups/${choirId}/join`, r.sun.token)).status).toBe(404);
      expect((await get(`groups/${choirId}`, staffB)).status).toBe(404);
      const outsider = await get(`groups/${choirId}`, r.liu.token);
      expect(outsider.status).toBe(200);
      expect(outsider.body).toMatchObject({ members: null, notices: null, calendar: [], myRole: null });
      const inside = await get(`groups/${choirId}`, r.li.token);
      expect(inside.body.members.map((m: { userId: number; role: string }) => [m.userId, m.role])).toEqual([
        [r.zhang.id, 'leader'],
        [r.li.id, 'member'],
        [r.chen.id, 'member'],
        [r.wang.id, 'member'],
      ]);
      const mine = await get('groups/mine', r.li.token);
      expect(mine.body.items.map((g: { id: number }) => g.id)).toContain(choirId);
      const listed = await get('groups', r.liu.token);
      expect(listed.body.items.map((g: { id: number }) => g.id)).toContain(choirId);
      expect((await get('groups', r.sun.token)).body.items.map((g: { id: number }) => g.id)).not.toContain(choirId);
    });

    it('joins racing for the last places: exactly the cap, never more', async () => {
      const id = await approvedGroup(r.huang, '象棋角', 4);
      const racers = ['li', 'chen', 'zhang', 'wang', 'liu', 'yang', 'zhao'];
      const answers = await Promise.all(racers.map((name) => post(`groups/${id}/join`, r[name].token)));
      const statuses = answers.map((a) => a.status).sort();
      expect(statuses).toEqual([200, 200, 200, 422, 422, 422, 422]);
      expect(answers.filter((a) => a.status === 422).every((a) => a.body.code === 'GROUP_FULL')).toBe(true);
      const group = await get(`groups/${id}`, staffG);
      expect(group.body.memberCount).toBe(4);
      expect(group.body.members).toHaveLength(4);
    });

    it('members leave; the only leader of a group with members may not', async () => {
      const left = await post(`groups/${choirId}/leave`, r.wang.token);
      expect(left.status).toBe(200);
      expect(left.body).toMatchObject({ memberCount: 3, myRole: null });
      expect((await post(`groups/${choirId}/leave`, r.wang.token)).body.code).toBe('GROUP_NOT_MEMBER');
      expect((await post(`groups/${choirId}/leave`, r.zhang.token)).body.code).toBe('GROUP_LAST_LEADER');
    });

    it('leaders add leaders and post notices to members’ inboxes; members may not', async () => {
      expect((await post(`groups/${choirId}/leaders`, r.li.token, { userId: r.chen.id })).status).toBe(403);
      expect((await post(`groups/${choirId}/leaders`, r.zhang.token, { userId: r.wang.id })).body.code).toBe(
        'GROUP_NOT_MEMBER',
      );
      const added = await post(`groups/${choirId}/leaders`, r.zhang.token, { userId: r.chen.id });
      expect(added.status).toBe(200);
      expect(added.body.filter((m: { role: string }) => m.role === 'leader')).toHaveLength(2);
      expect((await post(`groups/${choirId}/leaders`, r.zhang.token, { userId: r.chen.id })).status).toBe(409);
      expect((await post(`groups/${choirId}/notices`, r.li.token, { title: '练习', body: '周二见' })).status).toBe(403);
      const notice = await post(`groups/${choirId}/notices`, r.chen.token, { title: '周二练歌', body: '带上歌本' });
      expect(notice.status).toBe(201);
      expect(await inbox(r.li, 'group_notice')).toBe(1);
      expect(await inbox(r.zhang, 'group_notice')).toBe(1);
      expect(await inbox(r.wang, 'group_notice')).toBe(0);
      const page = await get(`groups/${choirId}`, r.li.token);
      expect(page.body.notices[0]).toMatchObject({ title: '周二练歌', author: { id: r.chen.id } });
    });

    it('a leader books next Tuesday’s practice weekly on the group’s quota; others are refused', async () => {
      const tuesday = nextTuesday();
      const body = {
        roomId: rooms['书画室'],
        startAt: at(tuesday, '19:00'),
        endAt: at(tuesday, '20:30'),
        purpose: '合唱练习',
        attendees: 10,
        weeks: 3,
      };
      expect((await post(`groups/${choirId}/bookings`, r.li.token, body)).status).toBe(403);
      expect((await post(`groups/${choirId}/bookings`, r.liu.token, body)).status).toBe(403);
      expect((await post(`groups/${choirId}/bookings`, r.sun.token, body)).status).toBe(404);
      expect((await post(`groups/${choirId}/bookings`, staffB, body)).status).toBe(404);
      const booked = await post(`groups/${choirId}/bookings`, r.zhang.token, body);
      expect(booked.status).toBe(201);
      expect(booked.body.created).toHaveLength(3);
      expect(booked.body.bookings[0]).toMatchObject({ status: 'approved', purpose: '光华合唱团：合唱练习' });
      // The group's minutes are not the leader's: zhang still books for herself under the personal quota.
      const own = await post('bookings', r.zhang.token, {
        roomId: rooms['棋牌室'],
        startAt: at(localDay(2), '15:00'),
        endAt: at(localDay(2), '18:00'),
        purpose: '自己下棋',
        attendees: 2,
      });
      expect(own.status).toBe(201);
      const calendar = (await get(`groups/${choirId}`, r.li.token)).body;
      expect(calendar.calendar.filter((e: { kind: string }) => e.kind === 'booking')).toHaveLength(3);
      expect(calendar.weekMinutesUsed).toBeGreaterThanOrEqual(0);
      // The slot key still holds: the same practice twice is a conflict, reported per week.
      const again = await post(`groups/${choirId}/bookings`, r.chen.token, { ...body, weeks: 1 });
      expect(again.status).toBe(409);
    });

    it('staff set the weekly quota; bookings past it are refused, also when they race', async () => {
      expect(
        (
          await t.request('PATCH', `${api}/groups/${choirId}`, {
            token: r.zhang.token,
            body: { weeklyQuotaMinutes: 1 },
          })
        ).status,
      ).toBe(403);
      expect(
        (await t.request('PATCH', `${api}/groups/${choirId}`, { token: staffB, body: { weeklyQuotaMinutes: 1 } }))
          .status,
      ).toBe(404);
      const set = await t.request('PATCH', `${api}/groups/${choirId}`, {
        token: staffG,
        body: { weeklyQuotaMinutes: 90 + 120 },
      });
      expect(set.status).toBe(200);
      expect(set.body.weeklyQuotaMinutes).toBe(210);
      // The first Tuesday's week already holds 90 minutes: of three 60-minute bookings racing, two fit.
      const tuesday = nextTuesday();
      const wednesday = new Date(new Date(`${tuesday}T12:00:00+08:00`).getTime() + DAY).toISOString().slice(0, 10);
      const answers = await Promise.all(
        ['舞蹈室', '棋牌室', '多功能厅'].map((room, i) =>
          post(`groups/${choirId}/bookings`, i % 2 ? r.chen.token : r.zhang.token, {
            roomId: rooms[room],
            startAt: at(wednesday, '09:00'),
            endAt: at(wednesday, '10:00'),
            purpose: '分声部练习',
            attendees: 5,
          }),
        ),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 201, 422]);
      expect(answers.find((a) => a.status === 422)!.body.code).toBe('GROUP_QUOTA_WEEKLY');
    });
  });

  describe('resident events', () => {
    let eventId: number;
    const eventBody = (title: string, extra: Record<string, unknown> = {}) => ({
      title,
      startAt: at(localDay(5), '14:00'),
      endAt: at(localDay(5), '16:00'),
      place: '社区广场',
      capacity: 2,
      membersOnly: false,
      ...extra,
    });

    it('staff or a group’s leader create events; others are refused', async () => {
      const created = await post('events', staffG, eventBody('冬至包饺子'));
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ status: 'open', capacity: 2, signedUp: 0, kind: 'other', group: null });
      eventId = created.body.id;
      expect((await post('events', r.li.token, eventBody('我的活动'))).body.code).toBe('GROUP_NOT_LEADER');
      expect((await post('events', r.li.token, eventBody('我的活动', { groupId: choirId }))).status).toBe(403);
      expect((await post('events', staffG, eventBody('x', { membersOnly: true }))).body.code).toBe(
        'EVENT_MEMBERS_ONLY_NEEDS_GROUP',
      );
      expect((await post('events', staffG, eventBody('x', { place: undefined }))).body.code).toBe(
        'EVENT_PLACE_REQUIRED',
      );
      expect((await post('events', staffG, eventBody('x', { endAt: at(localDay(5), '13:00') }))).status).toBe(422);
      expect((await post('events', r.sun.token, eventBody('x', { groupId: choirId }))).status).toBe(404);
      const choirEvent = await post(
        'events',
        r.zhang.token,
        eventBody('合唱团汇报演出', { groupId: choirId, membersOnly: true }),
      );
      expect(choirEvent.status).toBe(201);
      expect(choirEvent.body).toMatchObject({
        kind: 'culture',
        group: { id: choirId, name: '光华合唱团' },
        membersOnly: true,
      });
      // Members-only: a non-member neither sees nor joins it.
      expect((await get(`events/${choirEvent.body.id}`, r.liu.token)).status).toBe(404);
      expect((await get(`events/${choirEvent.body.id}`, r.li.token)).status).toBe(200);
      expect((await get('events', r.liu.token)).body.items.map((e: { id: number }) => e.id)).not.toContain(
        choirEvent.body.id,
      );
      expect((await get(`events/${eventId}`, r.sun.token)).status).toBe(404);

      // The group page: a non-member sees the group's upcoming events open to all, not members-only ones nor its
      // bookings; a member sees both events.
      const openToAll = await post('events', r.zhang.token, eventBody('合唱团公开课', { groupId: choirId }));
      expect(openToAll.status).toBe(201);
      const outsider = await get(`groups/${choirId}`, r.liu.token);
      expect(outsider.body.calendar).toEqual([
        expect.objectContaining({ kind: 'event', id: openToAll.body.id, title: '合唱团公开课', membersOnly: false }),
      ]);
      expect((await get(`groups/${choirId}`, r.sun.token)).status).toBe(404);
      const member = await get(`groups/${choirId}`, r.li.token);
      const memberEvents = member.body.calendar.filter((e: { kind: string }) => e.kind === 'event');
      expect(memberEvents.map((e: { id: number; membersOnly: boolean }) => [e.id, e.membersOnly])).toEqual(
        expect.arrayContaining([
          [choirEvent.body.id, true],
          [openToAll.body.id, false],
        ]),
      );
      expect((await post(`events/${openToAll.body.id}/cancel`, r.zhang.token, { reason: '测试完毕' })).status).toBe(
        200,
      );
      expect((await get(`groups/${choirId}`, r.liu.token)).body.calendar).toEqual([]);
    });

    it('sign-ups past the capacity are waitlisted in order', async () => {
      expect((await post(`events/${eventId}/signup`, r.li.token)).body.status).toBe('signed_up');
      expect((await post(`events/${eventId}/signup`, r.chen.token)).body.status).toBe('signed_up');
      const third = await post(`events/${eventId}/signup`, r.wang.token);
      expect(third.status).toBe(200);
      expect(third.body).toMatchObject({ status: 'waitlisted', waitlistPosition: 1 });
      expect((await post(`events/${eventId}/signup`, r.liu.token)).body.waitlistPosition).toBe(2);
      expect((await post(`events/${eventId}/signup`, r.yang.token)).body.waitlistPosition).toBe(3);
      expect((await post(`events/${eventId}/signup`, r.li.token)).body.code).toBe('EVENT_ALREADY_SIGNED_UP');
      expect((await post(`events/${eventId}/signup`, r.sun.token)).status).toBe(404);
      expect((await post(`events/${eventId}/signup`, r.zhou.token)).status).toBe(403);
      expect((await post(`events/${eventId}/signup`, staffG)).status).toBe(403);
      expect((await post(`events/${eventId}/cancel-signup`, r.zhao.token)).body.code).toBe('EVENT_NOT_SIGNED_UP');
      const view = await get(`events/${eventId}`, r.li.token);
      expect(view.body).toMatchObject({ signedUp: 2, waitlisted: 3, mine: { status: 'signed_up' } });
    });

    it('two places freed by concurrent cancels go to the first two on the waitlist, once each', async () => {
      const [a, b] = await Promise.all([
        post(`events/${eventId}/cancel-signup`, r.li.token),
        post(`events/${eventId}/cancel-signup`, r.chen.token),
      ]);
      expect([a.status, b.status]).toEqual([200, 200]);
      const view = await get(`events/${eventId}`, staffG);
      expect(view.body).toMatchObject({ signedUp: 2, waitlisted: 1 });
      expect(view.body.attendees.map((x: { id: number }) => x.id).sort()).toEqual([r.wang.id, r.liu.id].sort());
      expect((await get(`events/${eventId}`, r.yang.token)).body.mine).toMatchObject({
        status: 'waitlisted',
        waitlistPosition: 1,
      });
      expect(await inbox(r.wang, 'event_promoted')).toBe(1);
      expect(await inbox(r.liu, 'event_promoted')).toBe(1);
      expect(await inbox(r.yang, 'event_promoted')).toBe(0);
      // A waitlisted resident who cancels frees no place.
      expect((await post(`events/${eventId}/cancel-signup`, r.yang.token)).status).toBe(200);
      expect((await get(`events/${eventId}`, staffG)).body).toMatchObject({ signedUp: 2, waitlisted: 0 });
    });

    it('concurrent sign-ups fill the capacity exactly and queue the rest in distinct places', async () => {
      const created = await post('events', staffG, eventBody('太极入门', { capacity: 3 }));
      const id = created.body.id;
      const names = ['li', 'chen', 'zhang', 'wang', 'liu', 'yang', 'zhao', 'huang'];
      const answers = await Promise.all(names.map((n) => post(`events/${id}/signup`, r[n].token)));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      expect(answers.filter((a) => a.body.status === 'signed_up')).toHaveLength(3);
      const positions = answers.filter((a) => a.body.status === 'waitlisted').map((a) => a.body.waitlistPosition);
      expect(positions).toHaveLength(5);
      const final = await get(`events/${id}`, staffG);
      expect(final.body).toMatchObject({ signedUp: 3, waitlisted: 5 });
      // Three concurrent cancels promote the first three waitlisted, in queue order, once each.
      const signed = names.filter((_n, i) => answers[i].body.status === 'signed_up');
      const queued = names
        .map((n, i) => ({
          n,
          queueNo: answers[i].body.status === 'waitlisted' ? answers[i].body.waitlistPosition : null,
        }))
        .filter((x) => x.queueNo !== null);
      const before = await Promise.all(
        queued.map(async (q) => (await get(`events/${id}`, r[q.n].token)).body.mine.waitlistPosition),
      );
      const order = queued.map((q, i) => ({ n: q.n, pos: before[i] as number })).sort((x, y) => x.pos - y.pos);
      await Promise.all(signed.map((n) => post(`events/${id}/cancel-signup`, r[n].token)));
      const after = await get(`events/${id}`, staffG);
      expect(after.body).toMatchObject({ signedUp: 3, waitlisted: 2 });
      expect(after.body.attendees.map((x: { id: number }) => x.id).sort()).toEqual(
        order
          .slice(0, 3)
          .map((o) => r[o.n].id)
          .sort(),
      );
    });

    it('an attendee checks in with the room’s door code, then gives feedback and thanks once in the window', async () => {
      // An event in a booking of the centre, then moved to now (the server runs on the real clock).
      const day = localDay(10);
      const booking = await post('bookings', staffG, {
        roomId: rooms['多功能厅'],
        startAt: at(day, '10:00'),
        endAt: at(day, '12:00'),
        purpose: '社区书法展',
        attendees: 20,
      });
      expect(booking.status).toBe(201);
      const created = await post('events', staffG, {
        ...eventBody('书法展', { place: undefined, capacity: 10 }),
        startAt: at(day, '10:00'),
        endAt: at(day, '12:00'),
        bookingId: booking.body.id,
      });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ place: '多功能厅', roomId: rooms['多功能厅'] });
      const id = created.body.id;
      for (const n of ['li', 'chen', 'zhao']) expect((await post(`events/${id}/signup`, r[n].token)).status).toBe(200);
      const events = t.dataSource.getRepository(CentreEvent);
      await events.update({ id }, { startAt: new Date(Date.now() - 10 * MIN), endAt: new Date(Date.now() + 50 * MIN) });
      const code = (await get(`rooms/${rooms['多功能厅']}/door-code`, staffG)).body.code;
      for (const n of ['li', 'chen']) {
        const scanned = await post('scan', r[n].token, { code });
        expect(scanned.status).toBe(200);
        expect(scanned.body).toMatchObject({ kind: 'event_checkin', event: { id } });
        expect(scanned.body.event.mine.checkedInAt).not.toBeNull();
      }
      expect((await post('scan', r.li.token, { code })).status).toBe(200); // scanning again is harmless
      expect((await post('scan', r.huang.token, { code })).body.code).toBe('BOOKING_NO_CHECKIN');
      const early = await post(`events/${id}/feedback`, r.li.token, { mood: 'good' });
      expect(early.body.code).toBe('EVENT_FEEDBACK_CLOSED');
      await events.update(
        { id },
        { startAt: new Date(Date.now() - 120 * MIN), endAt: new Date(Date.now() - 60 * MIN) },
      );
      const feedback = await post(`events/${id}/feedback`, r.li.token, { mood: 'good', words: '字写得真好' });
      expect(feedback.status).toBe(201);
      expect(feedback.body.mine.feedbackGiven).toBe(true);
      // Given feedback comes back with the event (a reload shows it); others have none.
      expect((await get(`events/${id}`, r.li.token)).body.myFeedback).toMatchObject({
        mood: 'good',
        words: '字写得真好',
      });
      expect((await get(`events/${id}`, r.chen.token)).body.myFeedback).toBeNull();
      expect((await post(`events/${id}/feedback`, r.li.token, { mood: 'bad' })).body.code).toBe('EVENT_FEEDBACK_GIVEN');
      expect((await post(`events/${id}/feedback`, r.zhao.token, { mood: 'ok' })).body.code).toBe('EVENT_NOT_ATTENDED');
      expect((await post(`events/${id}/feedback`, r.chen.token, { mood: 'great' })).status).toBe(400);
      expect((await post(`events/${id}/feedback`, r.chen.token, { mood: 'ok', words: 'x'.repeat(201) })).status).toBe(
        400,
      );
      expect((await post(`events/${id}/feedback`, r.chen.token, { mood: 'ok' })).status).toBe(201);

      const staffId = (await get('me', staffG)).body.id;
      const thanked = await post(`events/${id}/thanks`, r.li.token, { toUserId: staffId, words: '谢谢王老师组织' });
      expect(thanked.status).toBe(201);
      expect((await post(`events/${id}/thanks`, r.li.token, { toUserId: staffId, words: '再谢' })).body.code).toBe(
        'EVENT_THANKS_GIVEN',
      );
      expect(
        (await post(`events/${id}/thanks`, r.li.token, { toUserId: r.chen.id, words: '谢谢陈大哥帮忙布展' })).status,
      ).toBe(201);
      expect(await inbox(r.chen, 'centre_thanks')).toBe(1);
      // Whom one has thanked comes back with the event; the organiser and staff see what it produced.
      const reloaded = await get(`events/${id}`, r.li.token);
      expect(reloaded.body.thankedUserIds).toEqual([staffId, r.chen.id].sort((a, b) => a - b));
      expect(reloaded.body.outcome).toBeNull();
      expect((await get(`events/${id}`, r.chen.token)).body.thankedUserIds).toEqual([]);
      const staffView = (await get(`events/${id}`, staffG)).body;
      expect(staffView.outcome).toMatchObject({ feedback: { good: 1, ok: 1, bad: 0 }, thanks: 2 });
      expect(staffView.outcome.words).toEqual([expect.objectContaining({ mood: 'good', words: '字写得真好' })]);
      expect(
        (await t.dataSource.getRepository(Notification).findBy({ userId: staffId, kind: 'centre_thanks' })).length,
      ).toBe(1);
      for (const [to, code] of [
        [r.li.id, 'EVENT_THANKS_TARGET_INVALID'],
        [r.zhao.id, 'EVENT_THANKS_TARGET_INVALID'],
      ] as const)
        expect((await post(`events/${id}/thanks`, r.li.token, { toUserId: to, words: '谢谢' })).body.code).toBe(code);
      expect((await post(`events/${id}/thanks`, r.zhao.token, { toUserId: staffId, words: '谢谢' })).body.code).toBe(
        'EVENT_NOT_ATTENDED',
      );
      expect(
        (await post(`events/${id}/thanks`, r.li.token, { toUserId: staffId, words: 'x'.repeat(101) })).status,
      ).toBe(400);
      await events.update(
        { id },
        { startAt: new Date(Date.now() - 8 * DAY - 60 * MIN), endAt: new Date(Date.now() - 8 * DAY) },
      );
      expect((await post(`events/${id}/thanks`, r.chen.token, { toUserId: staffId, words: '谢谢' })).body.code).toBe(
        'EVENT_FEEDBACK_CLOSED',
      );
      await events.update(
        { id },
        { startAt: new Date(Date.now() - 120 * MIN), endAt: new Date(Date.now() - 60 * MIN) },
      );
    });
    it('the organiser, a leader of its group or staff call an event off before it starts; all in it are told', async () => {
      const made = await post('events', staffG, eventBody('合唱团露天排练', { groupId: choirId, capacity: 1 }));
      expect(made.status).toBe(201);
      const id = made.body.id as number;
      expect((await post(`events/${id}/signup`, r.li.token)).body.status).toBe('signed_up');
      expect((await post(`events/${id}/signup`, r.wang.token)).body.status).toBe('waitlisted');
      const told = async () => [await inbox(r.li, 'event_cancelled'), await inbox(r.wang, 'event_cancelled')];
      const before = await told();

      // A member of the choir, another resident, another community's staff, a blank reason: refused, nothing changes.
      expect((await post(`events/${id}/cancel`, r.li.token, { reason: '不想去了' })).body.code).toBe(
        'EVENT_NOT_ORGANISER',
      );
      expect((await post(`events/${id}/cancel`, r.liu.token, { reason: '不想去了' })).status).toBe(403);
      expect((await post(`events/${id}/cancel`, staffB, { reason: '不想去了' })).status).toBe(404);
      expect((await post(`events/${id}/cancel`, r.zhang.token, { reason: '   ' })).status).toBe(400);
      expect((await post(`events/${id}/cancel`, r.zhang.token)).status).toBe(400);
      expect((await get(`events/${id}`, staffG)).body.status).toBe('open');
      expect(await told()).toEqual(before);

      // The choir's leader (not its organiser) calls it off: the one signed up and the one waiting are told why.
      const cancelled = await post(`events/${id}/cancel`, r.zhang.token, { reason: '大风降温，改到室内' });
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ id, status: 'cancelled' });
      expect(await told()).toEqual([before[0] + 1, before[1] + 1]);
      const note = await t.dataSource
        .getRepository(Notification)
        .findOneByOrFail({ userId: r.wang.id, kind: 'event_cancelled' });
      expect(note.body).toContain('大风降温，改到室内');
      expect(note.link).toBe(`/packages/centre/pages/event/index?id=${id}`);
      const audit = await t.dataSource
        .getRepository(AuditEntry)
        .findOneByOrFail({ action: 'events.cancel', targetId: String(id) });
      expect(audit.summary).toContain('大风降温，改到室内');

      // Called off: no more sign-ups, no second cancel.
      expect((await post(`events/${id}/signup`, r.chen.token)).body.code).toBe('EVENT_NOT_OPEN');
      expect((await post(`events/${id}/cancel`, staffG, { reason: '重复' })).body.code).toBe('EVENT_NOT_OPEN');

      // Staff call off their own; once an event has started nobody can.
      const started = (await post('events', staffG, eventBody('社区读书会'))).body.id as number;
      await t.dataSource
        .getRepository(CentreEvent)
        .update({ id: started }, { startAt: new Date(Date.now() - 30 * MIN), endAt: new Date(Date.now() + 30 * MIN) });
      expect((await post(`events/${started}/cancel`, staffG, { reason: '下雨' })).body.code).toBe('EVENT_NOT_OPEN');
      const own = (await post('events', staffG, eventBody('社区电影夜'))).body.id as number;
      expect((await post(`events/${own}/cancel`, staffG, { reason: '放映设备维修' })).body.status).toBe('cancelled');
    });

    it('concurrent cancels of one event: exactly one succeeds, and everyone is told once', async () => {
      const id = (await post('events', staffG, eventBody('元旦联欢', { groupId: choirId }))).body.id as number;
      expect((await post(`events/${id}/signup`, r.huang.token)).status).toBe(200);
      const before = await inbox(r.huang, 'event_cancelled');
      const answers = await Promise.all([
        post(`events/${id}/cancel`, staffG, { reason: '场地冲突' }),
        post(`events/${id}/cancel`, r.zhang.token, { reason: '场地冲突' }),
        post(`events/${id}/signup`, r.zhao.token),
      ]);
      expect(
        answers
          .slice(0, 2)
          .map((a) => a.status)
          .sort(),
      ).toEqual([200, 422]);
      expect(await inbox(r.huang, 'event_cancelled')).toBe(before + 1);
      // The racing sign-up landed before the cancel (and was told) or was refused after it.
      const zhao = answers[2];
      if (zhao.status === 200) expect(await inbox(r.zhao, 'event_cancelled')).toBeGreaterThanOrEqual(1);
      else expect(zhao.body.code).toBe('EVENT_NOT_OPEN');
    });
  });

  describe('what the centre produces', () => {
    it('staff see the week’s events, attendance, meetings, feedback, thanks and room use; as CSV too', async () => {
      const report = await get('centre/report', staffG);
      expect(report.status).toBe(200);
      expect(report.body.weeks.length).toBeGreaterThanOrEqual(8);
      const totals = report.body.totals;
      expect(baseline.events).toBeGreaterThan(0); // the demo centre is alive on first start
      expect({
        events: totals.events - baseline.events,
        attended: totals.attended - baseline.attended,
        thanks: totals.thanks - baseline.thanks,
        feedback: {
          good: totals.feedback.good - baseline.feedback.good,
          ok: totals.feedback.ok - baseline.feedback.ok,
          bad: totals.feedback.bad - baseline.feedback.bad,
        },
      }).toEqual({ events: 1, attended: 2, thanks: 2, feedback: { good: 1, ok: 1, bad: 0 } });
      expect(totals.metSomeoneNew).toBeGreaterThanOrEqual(2);
      expect(totals.groupRoomMinutes).toBeGreaterThan(0);
      expect((await get('centre/report', r.li.token)).status).toBe(403);
      expect((await get('centre/report', staffB)).body.totals).toMatchObject({ events: 0, thanks: 0 });
      expect((await get('centre/report?from=2026-12-10&to=2026-12-01', staffG)).body.code).toBe(
        'CENTRE_REPORT_RANGE_INVALID',
      );
      expect((await get('centre/report?from=2020-01-01&to=2026-12-01', staffG)).status).toBe(422);
      const csv = await get('centre/report.csv', staffG);
      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toContain('text/csv');
      expect(csv.text.replace(/^\uFEFF/, '').startsWith('周（周一）,活动场次,文化活动')).toBe(true);
      expect(csv.text.trim().split('\r\n').at(-1)!.startsWith(`合计,${totals.events},`)).toBe(true);
    });
  });
});
