// Issue 18, item 4: the write paths of resident requests, mutual help (with holds), group bookings and event sign-ups.
// One fresh MariaDB database with the demo street, Linli's production build with the statement counter and rate limits off:
//   1. statements per request, each request sent alone (exact, counted in the Linli process): a resident request and
//      its staff transitions; a help request posted, offered, chosen, arrived, done and confirmed (the hold pays);
//      a group's room booking; event sign-ups, the one that goes onto the waitlist and the promotion on a cancel;
//   2. per path a short storm at 50 connections (p50/p99, req/s, load average) whose outcome is checked exactly:
//      every request accepted once; 100 confirms each sent twice at once pay each hold exactly once and the community's
//      balances still sum to the same; 50 groups booking one slot: one wins; 200 residents signing up for 20 places:
//      20 places, 180 waitlisted in order, no duplicate, and 20 cancels promote the first 20 of the waitlist in order.
// Any mismatch exits non-zero. Latencies are noisy on a shared machine: the load average is printed with each.
//   node bench/write-paths.mjs [--skip-build]     env: BENCH_MYSQL, BENCH_WRITE_RESULTS=0 to leave bench/results/ alone.
import mysql from 'mysql2/promise';
import {
  api,
  buildServer,
  environmentLines,
  log,
  MYSQL,
  RATE_LIMITS_OFF,
  runMain,
  startLinli,
  tally,
  tearDown,
  writeSection,
} from './lib.mjs';
import { seedResidents } from './load-seed.mjs';
import { fire, loadAverage, raceContext } from './races.mjs';
import { statementCounter } from './statements.mjs';

const CONNECTIONS = 50;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** An instant as ISO 8601 in Beijing time (+08:00), the way the apps send it. */
const local = (instant) => `${new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 19)}+08:00`;
const localDate = (instant) => new Date(instant.getTime() + 8 * HOUR).toISOString().slice(0, 10);
const codeOf = (body) => {
  try {
    return JSON.parse(body).code ?? '';
  } catch {
    return '';
  }
};
const answersOf = (outcomes) => tally(outcomes.map((o) => `${o.status}${o.status >= 300 ? ` ${codeOf(o.body)}` : ''}`));
const tallyText = (counts) =>
  Object.entries(counts)
    .map(([k, n]) => `${n} × ${k}`)
    .join(', ');
const post = (path, token, body) => ({
  method: 'POST',
  path,
  headers: { authorization: `Bearer ${token}` },
  body: body === undefined ? undefined : JSON.stringify(body),
});

/** Runs fn (one request) alone and returns the statements the Linli process sent meanwhile, and fn's answer. */
async function counted(ctx, fn) {
  const before = await ctx.counter.read(ctx.child);
  const answer = await fn();
  return { statements: (await ctx.counter.read(ctx.child)) - before, answer };
}

const singles = [];
async function single(ctx, path, label, fn) {
  const { statements, answer } = await counted(ctx, fn);
  singles.push({ path, label, statements });
  log(`  ${path} · ${label}: ${statements} statements`);
  return answer;
}

const storms = [];
const checks = [];
const check = (name, ok, detail) => {
  checks.push({ name, ok, detail });
  log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail}`);
};
/** A storm at 50 connections over prepared items; records its figures and the server's statements per request. */
async function storm(ctx, name, items) {
  const load = loadAverage();
  const before = await ctx.counter.read(ctx.child);
  const run = await fire([ctx.base], items, CONNECTIONS);
  const statements = ((await ctx.counter.read(ctx.child)) - before) / items.length;
  const answers = answersOf(run.outcomes);
  storms.push({ name, requests: items.length, ...run, statements, load, answers });
  log(
    `  storm ${name}: ${items.length} requests, ${run.rps.toFixed(0)} req/s, p50 ${run.p50} ms, p99 ${run.p99} ms, ` +
      `${statements.toFixed(1)} statements/request, load ${load}; ${tallyText(answers)}`,
  );
  return run;
}

// ---------------------------------------------------------------------------------------------------------------------

async function requestsPath(ctx) {
  log('resident requests (诉求)');
  const [resident] = await seedResidents(ctx.conn, ctx.community, {
    count: 1,
    phonePrefix: '17401',
    label: '诉求居民',
  });
  const submit = (r, i) => ({
    category: 'repair',
    title: `楼道灯坏了 ${i}`,
    description: '3 单元 2 楼楼道灯不亮，晚上看不清台阶',
    urgent: false,
    public: false,
  });
  const R = '/api/v1/requests';
  const created = await single(ctx, 'request', 'POST /requests (submit)', () =>
    api(ctx.base, 'POST', R, { token: resident.token, body: submit(resident, 0) }),
  );
  const id = created.id;
  await single(ctx, 'request', 'accept (staff)', () =>
    api(ctx.base, 'POST', `${R}/${id}/accept`, { token: ctx.staff, body: {} }),
  );
  await single(ctx, 'request', 'progress (staff)', () =>
    api(ctx.base, 'POST', `${R}/${id}/progress`, { token: ctx.staff, body: { note: '已联系物业电工' } }),
  );
  await single(ctx, 'request', 'extend (staff)', () =>
    api(ctx.base, 'POST', `${R}/${id}/extend`, { token: ctx.staff, body: { days: 2, reason: '等灯具到货' } }),
  );
  await single(ctx, 'request', 'resolve (staff)', () =>
    api(ctx.base, 'POST', `${R}/${id}/resolve`, { token: ctx.staff, body: { resolution: '已更换灯具' } }),
  );
  await single(ctx, 'request', 'rate (resident)', () =>
    api(ctx.base, 'POST', `${R}/${id}/rate`, {
      token: resident.token,
      body: { resolved: true, satisfaction: 'satisfied' },
    }),
  );
  const second = await api(ctx.base, 'POST', R, { token: resident.token, body: submit(resident, 1) });
  await single(ctx, 'request', 'refer (staff)', () =>
    api(ctx.base, 'POST', `${R}/${second.id}/refer`, {
      token: ctx.staff,
      body: { to: '区住建委', reason: '不属社区职责' },
    }),
  );

  // Storm: 300 residents submit one each; then staff accept each twice at the same moment.
  const N = 300;
  const residents = await seedResidents(ctx.conn, ctx.community, { count: N, phonePrefix: '17402', label: '诉求居民' });
  const run = await storm(
    ctx,
    'request submit',
    residents.map((r, i) => post(R, r.token, submit(r, i))),
  );
  const ids = run.outcomes.filter((o) => o.status === 201).map((o) => JSON.parse(o.body).id);
  check('request submit: every one accepted', ids.length === N, `${ids.length}/${N} × 201`);
  const accepts = await storm(
    ctx,
    'request accept ×2',
    ids.flatMap((rid) => [post(`${R}/${rid}/accept`, ctx.staff, {}), post(`${R}/${rid}/accept`, ctx.staff, {})]),
  );
  const [[db]] = await ctx.conn.query(
    `SELECT (SELECT COUNT(*) FROM resident_requests WHERE id IN (?) AND status = 'accepted') AS accepted,
            (SELECT COUNT(*) FROM resident_request_events WHERE requestId IN (?) AND kind = 'accepted') AS events,
            (SELECT COUNT(DISTINCT requestId) FROM resident_request_events WHERE requestId IN (?) AND kind = 'accepted') AS distinctEvents`,
    [ids, ids, ids],
  );
  const ok200 = accepts.outcomes.filter((o) => o.status === 200).length;
  const acceptKinds = await ctx.conn.query(
    'SELECT kind, COUNT(*) AS n FROM resident_request_events WHERE requestId IN (?) GROUP BY kind',
    [ids],
  );
  check(
    'request accept ×2: each accepted once',
    Number(db.accepted) === N && Number(db.events) === N && Number(db.distinctEvents) === N && ok200 === N,
    `${db.accepted}/${N} accepted in the database, ${db.events} accept events on ${db.distinctEvents} requests; answers ${tallyText(answersOf(accepts.outcomes))}; timeline kinds ${acceptKinds[0]
      .map((k) => `${k.kind} ${k.n}`)
      .join(', ')}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------------

/** The community's balances: their sum (always 0 in a closed ledger), and the audit endpoint's verdict. */
async function ledgerState(ctx) {
  const [[sum]] = await ctx.conn.query(
    'SELECT COALESCE(SUM(balance), 0) AS total, COUNT(*) AS accounts FROM timebank_accounts WHERE communityId = ?',
    [ctx.community.id],
  );
  const audit = await api(ctx.base, 'GET', '/api/v1/timebank/audit', { token: ctx.staff });
  return { total: Number(sum.total), audit };
}

async function balances(ctx, residents) {
  const [rows] = await ctx.conn.query('SELECT id, balance FROM timebank_accounts WHERE id IN (?)', [
    residents.map((r) => r.accountId),
  ]);
  return new Map(rows.map((r) => [r.id, Number(r.balance)]));
}

const helpBody = (i) => ({
  title: `陪我去社区医院复诊 ${i}`,
  description: '上午九点挂号，需要有人陪同',
  kind: 'escort',
  startAt: local(new Date(Date.now() + 10 * 60_000)),
  minutes: 60,
  place: '社区卫生服务中心',
  rewardMinutes: 30,
});

async function helpPath(ctx) {
  log('mutual help (互助) with holds');
  const H = '/api/v1/help-requests';
  const [poster] = await seedResidents(ctx.conn, ctx.community, {
    count: 1,
    phonePrefix: '17411',
    balance: 600,
    label: '求助居民',
  });
  const [helper] = await seedResidents(ctx.conn, ctx.community, {
    count: 1,
    phonePrefix: '17412',
    volunteer: true,
    label: '帮忙居民',
  });
  const before = await balances(ctx, [poster, helper]);
  const created = await single(ctx, 'help', 'post (hold taken)', () =>
    api(ctx.base, 'POST', H, { token: poster.token, body: helpBody(0) }),
  );
  const id = created.id;
  await single(ctx, 'help', 'offer (neighbour)', () =>
    api(ctx.base, 'POST', `${H}/${id}/offer`, { token: helper.token }),
  );
  await single(ctx, 'help', 'choose (poster)', () =>
    api(ctx.base, 'POST', `${H}/${id}/choose`, { token: poster.token, body: { helperId: helper.id } }),
  );
  const code = await api(ctx.base, 'GET', '/api/v1/me/code', { token: poster.token });
  await single(ctx, 'help', 'arrive (helper scans poster’s code)', () =>
    api(ctx.base, 'POST', '/api/v1/scan', { token: helper.token, body: { code: code.code } }),
  );
  await single(ctx, 'help', 'done (helper)', () => api(ctx.base, 'POST', `${H}/${id}/done`, { token: helper.token }));
  await single(ctx, 'help', 'confirm (hold pays helper)', () =>
    api(ctx.base, 'POST', `${H}/${id}/confirm`, { token: poster.token, body: { thanks: '谢谢您' } }),
  );
  const after = await balances(ctx, [poster, helper]);
  check(
    'help single: the hold paid once',
    after.get(poster.accountId) === before.get(poster.accountId) - 30 &&
      after.get(helper.accountId) === before.get(helper.accountId) + 30,
    `poster ${before.get(poster.accountId)} → ${after.get(poster.accountId)}, helper ${before.get(helper.accountId)} → ${after.get(helper.accountId)}`,
  );

  // Storms: 100 posters post, 100 helpers offer; setup (choose, arrive, done) at 50 connections unmeasured;
  // then 100 confirms, each sent twice at the same moment.
  const N = 100;
  const posters = await seedResidents(ctx.conn, ctx.community, {
    count: N,
    phonePrefix: '17413',
    balance: 600,
    label: '求助居民',
  });
  const helpers = await seedResidents(ctx.conn, ctx.community, {
    count: N,
    phonePrefix: '17414',
    volunteer: true,
    label: '帮忙居民',
  });
  const ledger0 = await ledgerState(ctx);
  const start = await balances(ctx, [...posters, ...helpers]);
  const posted = await storm(
    ctx,
    'help post (hold)',
    posters.map((p, i) => post(H, p.token, helpBody(i + 1))),
  );
  const byPoster = new Map(
    posted.outcomes.filter((o) => o.status === 201).map((o) => [o.item.headers.authorization, JSON.parse(o.body).id]),
  );
  check('help post: every one accepted', byPoster.size === N, `${byPoster.size}/${N} × 201`);
  const hid = posters.map((p) => byPoster.get(`Bearer ${p.token}`));
  const offers = await storm(
    ctx,
    'help offer',
    helpers.map((h, i) => post(`${H}/${hid[i]}/offer`, h.token)),
  );
  check(
    'help offer: every one accepted',
    offers.outcomes.every((o) => o.status < 300),
    tallyText(answersOf(offers.outcomes)),
  );
  const setup = async (name, items) => {
    const r = await fire([ctx.base], items, CONNECTIONS);
    if (!r.outcomes.every((o) => o.status < 300)) throw new Error(`help ${name}: ${tallyText(answersOf(r.outcomes))}`);
  };
  await setup(
    'choose',
    posters.map((p, i) => post(`${H}/${hid[i]}/choose`, p.token, { helperId: helpers[i].id })),
  );
  const codes = [];
  for (const p of posters) codes.push((await api(ctx.base, 'GET', '/api/v1/me/code', { token: p.token })).code);
  await setup(
    'arrive',
    helpers.map((h, i) => post('/api/v1/scan', h.token, { code: codes[i] })),
  );
  await setup(
    'done',
    helpers.map((h, i) => post(`${H}/${hid[i]}/done`, h.token)),
  );
  const [[heldBefore]] = await ctx.conn.query(
    "SELECT COUNT(*) AS n FROM timebank_holds WHERE reference IN (?) AND status = 'held'",
    [hid.map((x) => `help-request:${x}`)],
  );
  await storm(
    ctx,
    'help confirm ×2 (hold pays)',
    posters.flatMap((p, i) => [
      post(`${H}/${hid[i]}/confirm`, p.token, { thanks: '谢谢' }),
      post(`${H}/${hid[i]}/confirm`, p.token, { thanks: '谢谢' }),
    ]),
  );
  const end = await balances(ctx, [...posters, ...helpers]);
  const ledger1 = await ledgerState(ctx);
  const [holds] = await ctx.conn.query(
    'SELECT status, COUNT(*) AS n FROM timebank_holds WHERE reference IN (?) GROUP BY status',
    [hid.map((x) => `help-request:${x}`)],
  );
  const [[pays]] = await ctx.conn.query(
    `SELECT COUNT(*) AS n, COALESCE(SUM(amount), 0) AS minutes FROM timebank_transactions
     WHERE kind = 'service_exchange' AND toAccountId IN (?)`,
    [helpers.map((h) => h.accountId)],
  );
  const [[confirmed]] = await ctx.conn.query(
    "SELECT COUNT(*) AS n FROM help_requests WHERE id IN (?) AND status = 'confirmed'",
    [hid],
  );
  const wrongPosters = posters.filter((p) => end.get(p.accountId) !== start.get(p.accountId) - 30).length;
  const wrongHelpers = helpers.filter((h) => end.get(h.accountId) !== start.get(h.accountId) + 30).length;
  const holdText = holds.map((h) => `${h.n} ${h.status}`).join(', ');
  check(
    'help confirm ×2: each hold paid exactly once',
    Number(heldBefore.n) === N &&
      holds.length === 1 &&
      holds[0].status === 'charged' &&
      Number(holds[0].n) === N &&
      Number(pays.n) === N &&
      Number(pays.minutes) === 30 * N &&
      Number(confirmed.n) === N &&
      wrongPosters === 0 &&
      wrongHelpers === 0,
    `${heldBefore.n} held before → ${holdText}; ${pays.n} payments of ${pays.minutes} minutes to the helpers; ` +
      `${confirmed.n}/${N} confirmed; posters off by other than −30: ${wrongPosters}, helpers off by other than +30: ${wrongHelpers}`,
  );
  check(
    'help: ledger sums unchanged, audit clean',
    ledger0.total === ledger1.total && ledger1.audit.ok === true,
    `community sum of balances ${ledger0.total} → ${ledger1.total}; audit ok=${ledger1.audit.ok}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------------

async function newRoom(ctx, name) {
  return api(ctx.base, 'POST', '/api/v1/rooms', {
    token: ctx.staff,
    body: {
      name,
      capacity: 30,
      openTime: '08:00',
      closeTime: '22:00',
      slotMinutes: 30,
      bookAheadDays: 21,
      minNoticeMinutes: 60,
    },
  });
}

async function groupsPath(ctx) {
  log('group bookings (兴趣小组订活动室)');
  const G = 50;
  const leaders = await seedResidents(ctx.conn, ctx.community, { count: G, phonePrefix: '17421', label: '小组负责人' });
  const groups = [];
  for (const [i, leader] of leaders.entries()) {
    const group = await api(ctx.base, 'POST', '/api/v1/groups', {
      token: leader.token,
      body: { name: `压测小组${i + 1}`, kind: 'culture', description: '每周练习一次' },
    });
    await api(ctx.base, 'POST', `/api/v1/groups/${group.id}/approve`, { token: ctx.staff });
    groups.push(group);
  }
  const rooms = [];
  for (let r = 0; r < 5; r++) rooms.push(await newRoom(ctx, `小组活动室${r + 1}`));
  const slot = (room, dayAhead, hour) => {
    const date = localDate(new Date(Date.now() + dayAhead * DAY));
    const hh = String(hour).padStart(2, '0');
    const end = String(hour + 1).padStart(2, '0');
    return {
      roomId: room.id,
      startAt: `${date}T${hh}:00:00+08:00`,
      endAt: `${date}T${end}:00:00+08:00`,
      purpose: '小组练习',
      attendees: 10,
    };
  };
  const book = (g) => `/api/v1/groups/${groups[g].id}/bookings`;
  await single(ctx, 'group booking', 'POST /groups/:id/bookings (one slot)', () =>
    api(ctx.base, 'POST', book(0), { token: leaders[0].token, body: slot(rooms[0], 6, 20) }),
  );
  await single(ctx, 'group booking', 'POST /groups/:id/bookings (weeks: 1)', () =>
    api(ctx.base, 'POST', book(1), { token: leaders[1].token, body: { ...slot(rooms[1], 6, 20), weeks: 1 } }),
  );

  // Storm: each group books 3 distinct hours (rooms × days × hours never overlap); then all 50 race for one slot.
  const items = [];
  for (let g = 0; g < G; g++)
    for (let k = 0; k < 3; k++)
      items.push(post(book(g), leaders[g].token, slot(rooms[g % 5], k + 1, 8 + Math.floor(g / 5))));
  const run = await storm(ctx, 'group booking', items);
  check(
    'group booking: every distinct slot booked',
    run.outcomes.every((o) => o.status === 201),
    tallyText(answersOf(run.outcomes)),
  );
  // Two weeks ahead: never the ISO week of the storm's days 1–3 or the single bookings' day 6, so no group's weekly quota
  // (240 minutes) is spent by them whatever today's weekday (on a Monday in Shanghai, day 5 was: 2 × GROUP_QUOTA_WEEKLY).
  const raced = slot(rooms[0], 14, 19);
  const race = await storm(
    ctx,
    'group booking race (one slot)',
    leaders.map((l, g) => post(book(g), l.token, raced)),
  );
  const answers = answersOf(race.outcomes);
  const [[db]] = await ctx.conn.query(
    "SELECT COUNT(*) AS n FROM bookings WHERE roomId = ? AND startAt = ? AND status IN ('pending','approved')",
    [rooms[0].id, new Date(raced.startAt)],
  );
  check(
    'group booking race: one wins',
    answers['201'] === 1 && answers['409 BOOKING_SLOT_TAKEN'] === G - 1 && Number(db.n) === 1,
    `${tallyText(answers)}; ${db.n} active booking of the slot in the database`,
  );
}

// ---------------------------------------------------------------------------------------------------------------------

async function newEvent(ctx, title, capacity) {
  const start = new Date(Date.now() + 3 * DAY);
  return api(ctx.base, 'POST', '/api/v1/events', {
    token: ctx.staff,
    body: {
      title,
      startAt: local(start),
      endAt: local(new Date(start.getTime() + 2 * HOUR)),
      place: '社区广场',
      capacity,
      membersOnly: false,
    },
  });
}

async function eventsPath(ctx) {
  log('event sign-ups with a waitlist (活动报名与候补)');
  const E = '/api/v1/events';
  const few = await seedResidents(ctx.conn, ctx.community, { count: 3, phonePrefix: '17431', label: '报名居民' });
  const small = await newEvent(ctx, '冬至包饺子（两个名额）', 2);
  await single(ctx, 'event', 'signup (a place)', () =>
    api(ctx.base, 'POST', `${E}/${small.id}/signup`, { token: few[0].token }),
  );
  await single(ctx, 'event', 'signup (the last place)', () =>
    api(ctx.base, 'POST', `${E}/${small.id}/signup`, { token: few[1].token }),
  );
  const waiting = await single(ctx, 'event', 'signup (onto the waitlist)', () =>
    api(ctx.base, 'POST', `${E}/${small.id}/signup`, { token: few[2].token }),
  );
  await single(ctx, 'event', 'cancel-signup (first on the waitlist promoted)', () =>
    api(ctx.base, 'POST', `${E}/${small.id}/cancel-signup`, { token: few[0].token }),
  );
  const [[promoted]] = await ctx.conn.query('SELECT status FROM event_signups WHERE eventId = ? AND userId = ?', [
    small.id,
    few[2].id,
  ]);
  check(
    'event single: waitlisted, then promoted',
    waiting.status === 'waitlisted' && promoted?.status === 'signed_up',
    `third sign-up ${waiting.status} (position ${waiting.waitlistPosition}); after a cancel: ${promoted?.status}`,
  );

  // Race: 200 residents sign up for 20 places at once (20 of them sending it twice).
  const N = 200;
  const CAP = 20;
  const people = await seedResidents(ctx.conn, ctx.community, { count: N, phonePrefix: '17432', label: '报名居民' });
  const event = await newEvent(ctx, '新年联欢会（二十个名额）', CAP);
  // Every 10th resident's repeat goes right after their first, so both are in flight at once.
  const items = people.flatMap((p, i) => {
    const one = post(`${E}/${event.id}/signup`, p.token);
    return i % 10 === 0 ? [one, one] : [one];
  });
  const run = await storm(ctx, 'event signup (20 places, 200 + 20 repeats)', items);
  const [rows] = await ctx.conn.query(
    'SELECT userId, status, queueNo FROM event_signups WHERE eventId = ? ORDER BY queueNo',
    [event.id],
  );
  const [[ev]] = await ctx.conn.query('SELECT signedUp FROM centre_events WHERE id = ?', [event.id]);
  const signed = rows.filter((r) => r.status === 'signed_up');
  const waitlisted = rows.filter((r) => r.status === 'waitlisted');
  const users = new Set(rows.map((r) => r.userId));
  const queue = new Set(rows.map((r) => r.queueNo));
  // Waitlisted in order: their answers' positions are 1..180, each once, following queueNo.
  const positions = run.outcomes
    .filter((o) => o.status === 200)
    .map((o) => JSON.parse(o.body))
    .filter((b) => b.status === 'waitlisted')
    .map((b) => b.waitlistPosition);
  const positionsOk =
    new Set(positions).size === N - CAP && positions.every((p) => Number.isInteger(p) && p >= 1 && p <= N - CAP);
  const lastSigned = Math.max(...signed.map((r) => r.queueNo));
  const firstWaiting = Math.min(...waitlisted.map((r) => r.queueNo));
  check(
    'event signup race: 20 places, the rest waitlisted in order, no duplicate',
    signed.length === CAP &&
      waitlisted.length === N - CAP &&
      users.size === N &&
      rows.length === N &&
      queue.size === N &&
      Number(ev.signedUp) === CAP &&
      lastSigned < firstWaiting &&
      positionsOk,
    `${signed.length} signed up, ${waitlisted.length} waitlisted, ${rows.length} rows for ${users.size} residents, ` +
      `${queue.size} distinct queue numbers; counter ${ev.signedUp}; waitlist answers ${positions.length} with distinct ` +
      `positions 1..${N - CAP}: ${positionsOk}; answers ${tallyText(answersOf(run.outcomes))}`,
  );

  // The 20 with places cancel at once: the first 20 of the waitlist (by queue) take their places, in order.
  const tokenOf = new Map(people.map((p) => [p.id, p.token]));
  const firstTwenty = waitlisted.slice(0, CAP).map((r) => r.userId);
  const cancels = await storm(
    ctx,
    'event cancel-signup (promotes)',
    signed.map((r) => post(`${E}/${event.id}/cancel-signup`, tokenOf.get(r.userId))),
  );
  const [after] = await ctx.conn.query(
    'SELECT userId, status, queueNo FROM event_signups WHERE eventId = ? ORDER BY queueNo',
    [event.id],
  );
  const nowSigned = after.filter((r) => r.status === 'signed_up').map((r) => r.userId);
  const [[ev2]] = await ctx.conn.query('SELECT signedUp FROM centre_events WHERE id = ?', [event.id]);
  const promotedOk = nowSigned.length === CAP && nowSigned.every((u) => firstTwenty.includes(u));
  check(
    'event cancel race: the first 20 of the waitlist promoted',
    cancels.outcomes.every((o) => o.status === 200) &&
      promotedOk &&
      after.length === N - CAP &&
      Number(ev2.signedUp) === CAP,
    `${tallyText(answersOf(cancels.outcomes))}; ${nowSigned.length} signed up now, all from the first 20 waitlisted: ` +
      `${promotedOk}; ${after.length} rows left; counter ${ev2.signedUp}`,
  );
}

// ---------------------------------------------------------------------------------------------------------------------

async function main() {
  buildServer();
  const DB = `linli_bench_writes_${process.pid}`;
  const admin = await mysql.createConnection(MYSQL);
  await admin.query(`CREATE DATABASE \`${DB}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  log(`database ${DB} created`);
  const conn = await mysql.createConnection({ uri: `${MYSQL}/${DB}`, timezone: 'Z' });
  const loads = [loadAverage()];
  try {
    const counter = statementCounter('writes');
    const { base, child } = await startLinli(
      'linli',
      `${MYSQL}/${DB}`,
      { ...RATE_LIMITS_OFF, ...counter.env },
      counter.nodeArgs,
    );
    const ctx = { ...(await raceContext(conn, base)), child, counter };
    for (const path of [requestsPath, helpPath, groupsPath, eventsPath]) {
      try {
        await path(ctx);
      } catch (error) {
        check(path.name, false, String(error.message ?? error).slice(0, 400));
      }
    }
    loads.push(loadAverage());
  } finally {
    await tearDown(DB, admin, conn);
  }
  const failed = checks.filter((c) => !c.ok);
  const lines = [
    '## The write paths of issue 18 (requests, mutual help, group bookings, event sign-ups)',
    '',
    'Written by `node bench/write-paths.mjs`: one fresh MariaDB database with the demo street, the production build with',
    'rate limits off and the statement counter (bench/count-statements.cjs) in the Linli process.',
    '',
    ...environmentLines([`- Load average (1 min) at the start and the end: ${loads.join(' → ')}`]),
    '- Statements are exact (counted in the Linli process; session lookup, BEGIN and COMMIT included). Latencies are not:',
    '  the machine is shared (2 cores, other agents building and testing), so each storm gives the load average when it began.',
    '- A storm of fewer than 50 requests (the cancels) runs at as many connections as it has requests.',
    '',
    '### Statements per request (each sent alone)',
    '',
    '| path | request | statements |',
    '|---|---|---|',
    ...singles.map((s) => `| ${s.path} | ${s.label} | ${s.statements} |`),
    '',
    `### Storms at ${CONNECTIONS} connections`,
    '',
    '| storm | requests | req/s | p50 ms | p99 ms | max ms | statements/request | load | answers |',
    '|---|---|---|---|---|---|---|---|---|',
    ...storms.map(
      (s) =>
        `| ${s.name} | ${s.requests} | ${s.rps.toFixed(0)} | ${s.p50} | ${s.p99} | ${s.max} | ${s.statements.toFixed(1)} | ${s.load} | ${tallyText(s.answers)} |`,
    ),
    '',
    '### Race checks (exact)',
    '',
    '| check | held | counts |',
    '|---|---|---|',
    ...checks.map((c) => `| ${c.name} | ${c.ok ? 'yes' : '**NO**'} | ${c.detail.replace(/\|/g, '/')} |`),
    '',
  ];
  writeSection('9-write-paths.md', lines);
  log(lines.join('\n'));
  if (failed.length) {
    console.error(`FAILED: ${failed.map((c) => c.name).join('; ')}`);
    process.exitCode = 1;
  }
}

runMain(main);
