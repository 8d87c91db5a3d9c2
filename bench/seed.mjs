// Issue 7, item 4: scale data. One street with 5 communities, 50,000 residents, 100,000 notices with reads,
// 20,000 bookings and 1,000,000 ledger entries (500,000 double-entry transactions), times a scale factor.
//
//   node bench/seed.mjs <mysql://user@host:3306/db | sqlite:/path/file.sqlite | /path/file.sqlite> [scale=1]
//   (root package.json: `pnpm bench:seed -- <target> [scale]`)
//
// The target must be a fresh (empty) database: Linli's own migrations run first (through the built server's data source,
// apps/server/dist), then rows go straight in with bulk multi-row INSERTs inside transactions. Deterministic: one seeded
// PRNG; times are relative to the current Asia/Shanghai day. Invariants kept: every balance equals the sum of its
// ledger entries and never went below zero for a resident; each community's balances sum to zero; every transaction has
// two entries summing to zero; active bookings of a room never overlap and hold exactly their 15-minute booking_slots;
// residents keep the booking quotas (< 2 upcoming active, ≤ 240 min per ISO week); reads/acks only by verified residents
// addressed by the notice, acks only on notices that require them; notice_buildings match audienceBuildingIds.
import { createHash } from 'node:crypto';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import mysql from 'mysql2/promise';
import { prng, repoRoot } from './lib.mjs';

export const BENCH_PASSWORD = 'linli-bench';
const serverRequire = createRequire(join(repoRoot, 'apps/server/package.json'));
const dist = (p) => pathToFileURL(join(repoRoot, 'apps/server/dist', p)).href;

const DAY = 86_400_000;
const HOUR = 3_600_000;
const MINUTE = 60_000;
const COMMUNITIES = 5;
const BUILDINGS = 20;
const ROOM_NAMES = [
  ['多功能厅', 40, true],
  ['书画室', 12, false],
  ['棋牌室', 8, false],
  ['舞蹈室', 20, false],
];
const SURNAMES =
  '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔汤庞樊兰殷施陶洪翟安颜倪严牛温芦季俞章鲁葛伍申尤毕聂柴焦向柳邢岳齐沿梅莫庄辛管祝左涂谷祁时舒耿牟卜路詹关苗凌费纪靳盛童欧甄项曲成游阳裴席卫查屈鲍位覃霍翁隋植甘景薄单包司柏宁柯阮桂闵欧阳解强丛华车冉房边辜吉饶刁瞿戚丘古米池滕晋苑邬臧畅宫来嵺苟全褚廉简娄盖符奚木穆党燕郎邸冀谈姬屠连郜晏栾郁商蒙计喻揭窦迟宇敖糜鄢冷卓花艾蓝都巩稽井练仲乐虞卞封竺冼原官衣楚佟栗匡宗应台巫鞠僧桑荆谌银扬明沙薄伏岑习胥保和蔺'.split(
    '',
  );
const GIVEN =
  '秀英桂兰建国淑珍志强明小红国华磊丽强玉兰军婷伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英文华玉梅红梅建华建军海燕春梅'.split(
    '',
  );
const CATEGORIES = ['announcement', 'activity', 'policy', 'safety', 'service'];

/** UTC text both databases take for DATETIME(6) (TypeORM writes the same form to SQLite). */
const dt = (ms) => (ms === null ? null : new Date(ms).toISOString().replace('T', ' ').replace('Z', ''));

/** Midnight of today's Asia/Shanghai date, as a UTC instant. */
export function shanghaiToday(now = Date.now()) {
  const local = new Date(now + 8 * HOUR);
  return Date.UTC(local.getUTCFullYear(), local.getUTCMonth(), local.getUTCDate()) - 8 * HOUR;
}
export const shanghaiDateOf = (ms) => new Date(ms + 8 * HOUR).toISOString().slice(0, 10);

export function parseTarget(target) {
  if (/^mysql:\/\//.test(target)) return { type: 'mysql', url: target };
  const path = target.replace(/^sqlite:/, '');
  return { type: 'sqlite', path, url: `sqlite:${path}` };
}

/** Runs Linli's migrations on the empty database through the built server's data source (no demo, no server). */
async function migrate(target) {
  serverRequire('reflect-metadata');
  const { loadConfig } = await import(dist('common/app-config.js'));
  const { createDataSource, resolveDataSourceOptions } = await import(dist('database/data-source-options.js'));
  const { database } = loadConfig({ LINLI_DEMO: '1', DATABASE_URL: target.url });
  const dataSource = await createDataSource({
    ...(await resolveDataSourceOptions(database)),
    migrationsRun: true,
  }).initialize();
  await dataSource.destroy();
}

/** Bulk writer: multi-row INSERTs in transactions (MariaDB), or prepared statements in transactions (SQLite). */
async function openWriter(target) {
  if (target.type === 'mysql') {
    const conn = await mysql.createConnection({ uri: target.url, timezone: 'Z', charset: 'utf8mb4_unicode_ci' });
    await conn.query('SET SESSION unique_checks = 0, foreign_key_checks = 0');
    return {
      async write(table, columns, rows) {
        await conn.query('START TRANSACTION');
        for (let i = 0; i < rows.length; i += 5000) {
          await conn.query(`INSERT INTO \`${table}\` (${columns.map((c) => `\`${c}\``).join(',')}) VALUES ?`, [
            rows.slice(i, i + 5000),
          ]);
        }
        await conn.query('COMMIT');
      },
      async close() {
        await conn.query(
          'ANALYZE TABLE users, notices, notice_reads, notice_buildings, bookings, booking_slots, timebank_accounts, timebank_transactions, timebank_entries, resident_requests, uploads, help_requests, help_offers, interest_groups, group_members, centre_events, event_signups, event_feedback',
        );
        await conn.end();
      },
    };
  }
  const Database = serverRequire('better-sqlite3');
  const db = new Database(target.path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const statements = new Map();
  return {
    async write(table, columns, rows) {
      const key = `${table}(${columns})`;
      if (!statements.has(key)) {
        statements.set(
          key,
          db.prepare(
            `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(',')}) VALUES (${columns.map(() => '?').join(',')})`,
          ),
        );
      }
      const statement = statements.get(key);
      db.transaction((all) => {
        for (const row of all) statement.run(row);
      })(rows);
    },
    async close() {
      db.pragma('synchronous = NORMAL');
      db.exec('ANALYZE');
      db.close();
    },
  };
}

/** Buffers rows of one table and writes them in chunks, so a million entries never sit in memory at once. */
function batcher(writer, table, columns, size = 20_000) {
  let rows = [];
  let count = 0;
  return {
    async add(row) {
      rows.push(row);
      count++;
      if (rows.length >= size) {
        const full = rows;
        rows = [];
        await writer.write(table, columns, full);
      }
    },
    async flush() {
      if (rows.length) await writer.write(table, columns, rows);
      rows = [];
      return count;
    },
  };
}

/**
 * Seeds the target and returns what the benchmark needs to know (ids of the measured users, notice and room; counts).
 * `log` gets one line per step with its duration.
 */
export async function seed(targetSpec, scale = 1, log = console.log) {
  const target = typeof targetSpec === 'string' ? parseTarget(targetSpec) : targetSpec;
  const t0 = Date.now();
  const step = (() => {
    let last = Date.now();
    return (what) => {
      const now = Date.now();
      log(`  seed ${what} (${((now - last) / 1000).toFixed(1)} s)`);
      last = now;
    };
  })();
  await migrate(target);
  step('migrations');
  const rand = prng(20261128);
  const int = (lo, hi) => lo + Math.floor(rand() * (hi - lo + 1));
  const pick = (xs) => xs[Math.floor(rand() * xs.length)];
  const today = shanghaiToday();
  const now = Date.now();
  const writer = await openWriter(target);
  const argon2 = serverRequire('argon2');
  const passwordHash = await argon2.hash(BENCH_PASSWORD, { type: argon2.argon2id });

  // ---- tenancy and people ----
  const perCommunity = Math.max(100, Math.round(10_000 * scale));
  const communities = [];
  await writer.write(
    'communities',
    ['id', 'code', 'name'],
    Array.from({ length: COMMUNITIES }, (_, i) => [
      i + 1,
      `S${i + 1}`,
      `${['锦华', '东湖', '桂溪', '玉林', '望江'][i]}社区`,
    ]),
  );
  const buildingRows = [];
  for (let c = 1; c <= COMMUNITIES; c++) {
    for (let b = 1; b <= BUILDINGS; b++) buildingRows.push([(c - 1) * BUILDINGS + b, c, `${b}栋`]);
  }
  await writer.write('buildings', ['id', 'communityId', 'name'], buildingRows);
  const userColumns = [
    'id',
    'communityId',
    'role',
    'status',
    'volunteer',
    'name',
    'phone',
    'username',
    'passwordHash',
    'buildingId',
    'unit',
    'room',
    'verifiedAt',
    'verifiedById',
    'createdAt',
  ];
  const users = batcher(writer, 'users', userColumns);
  const since = today - 3 * 365 * DAY;
  await users.add([
    1,
    null,
    'admin',
    'verified',
    0,
    '街道管理员',
    null,
    'bench.admin',
    passwordHash,
    null,
    null,
    null,
    dt(since),
    null,
    dt(since),
  ]);
  let userId = 1;
  for (let c = 1; c <= COMMUNITIES; c++) {
    const staffId = ++userId;
    await users.add([
      staffId,
      c,
      'staff',
      'verified',
      0,
      `网格员${c}`,
      null,
      `bench.staff${c}`,
      passwordHash,
      null,
      null,
      null,
      dt(since),
      null,
      dt(since),
    ]);
    const residents = [];
    for (let i = 0; i < perCommunity; i++) {
      const id = ++userId;
      // The last community keeps 5 % of its residents pending, so the four others give whole-community audiences of 10,000.
      const verified = c < COMMUNITIES || i < perCommunity * 0.95;
      const buildingId = (c - 1) * BUILDINGS + (i % BUILDINGS) + 1;
      const j = Math.floor(i / BUILDINGS);
      const created = since + Math.floor(rand() * 2 * 365 * DAY);
      residents.push({ id, buildingId, verified });
      await users.add([
        id,
        c,
        'resident',
        verified ? 'verified' : 'pending',
        rand() < 0.1 ? 1 : 0,
        pick(SURNAMES) + pick(GIVEN) + (rand() < 0.6 ? pick(GIVEN) : ''),
        `13${c}${String(i).padStart(8, '0')}`,
        null,
        null,
        buildingId,
        String((Math.floor(j / 100) % 5) + 1),
        `${Math.floor((j % 100) / 4) + 1}0${(j % 4) + 1}`,
        verified ? dt(created + DAY) : null,
        verified ? staffId : null,
        dt(created),
      ]);
    }
    communities.push({
      id: c,
      code: `S${c}`,
      staffId,
      staffUsername: `bench.staff${c}`,
      residents,
      verified: residents.filter((r) => r.verified),
    });
  }
  const userCount = await users.flush();
  step(`${userCount} users`);

  // The measured residents: the first of each community (building 1 of it), with their own reading habits.
  const measured = communities.map((c) => c.verified[0]);
  const measuredIds = new Set(measured.map((r) => r.id));

  // ---- notices and reads ----
  const noticesPerCommunity = Math.round(20_000 * scale);
  const span = 2 * 365 * DAY;
  const notices = batcher(writer, 'notices', [
    'id',
    'communityId',
    'authorId',
    'title',
    'body',
    'excerpt',
    'category',
    'pinned',
    'requiresAck',
    'wholeCommunity',
    'audienceBuildingIds',
    'status',
    'publishAt',
    'expiresAt',
    'archivedAt',
    'notifyDueAt',
    'createdAt',
    'updatedAt',
  ]);
  const audienceRows = batcher(writer, 'notice_buildings', ['noticeId', 'buildingId']);
  const reads = batcher(writer, 'notice_reads', ['id', 'noticeId', 'userId', 'readAt', 'ackAt']);
  let noticeId = 0;
  let readId = 0;
  let statsNotice = null;
  const total = noticesPerCommunity * COMMUNITIES;
  for (let k = 0; k < total; k++) {
    const c = communities[k % COMMUNITIES];
    const n = Math.floor(k / COMMUNITIES); // this community's n-th notice, oldest first
    const id = ++noticeId;
    const fromEnd = noticesPerCommunity - 1 - n;
    // The newest three of each community are scheduled ahead; the rest spread over two years up to an hour ago.
    const scheduled = fromEnd < 3;
    const publishAt = scheduled
      ? now + (3 - fromEnd) * DAY
      : now - HOUR - Math.floor(((fromEnd - 3) / (noticesPerCommunity - 3)) * span);
    const special = c.id === 1 && fromEnd === 3; // the stats notice: newest visible one of community 1
    const draft = !special && !scheduled && n % 300 === 7;
    const archived = !special && !draft && n % 100 === 11;
    const expired = !special && !draft && !archived && n % 200 === 13;
    const requiresAck = special || n % 20 === 5;
    const buildingIds =
      special || n % 8 !== 3
        ? []
        : [...new Set([int(1, BUILDINGS), int(1, BUILDINGS), int(1, BUILDINGS)].slice(0, int(1, 3)))]
            .map((b) => (c.id - 1) * BUILDINGS + b)
            .sort((a, b) => a - b);
    const title = `第${n + 1}期${pick(['社区通知', '活动预告', '政策解读', '安全提示', '便民服务'])}：${pick(['楼道清洁', '电梯检修', '停水通知', '义诊活动', '垃圾分类', '消防演练', '文艺汇演', '燃气检查'])}安排`;
    const body = `各位居民：\n\n本周将对${buildingIds.length ? buildingIds.map((b) => `${((b - 1) % BUILDINGS) + 1}栋`).join('、') : '全部楼栋'}进行${title.slice(-6, -2)}，请留意时间安排并互相转告。\n\n- 时间：上午 9:00—11:30\n- 联系：网格员\n\n感谢配合！（编号 ${id}）`;
    const excerpt = body
      .replace(/^\s*-\s+/gm, '')
      .replace(/\s+/g, ' ')
      .trim()
      .slice(0, 120);
    const status = draft ? 'draft' : archived ? 'archived' : 'published';
    const created = scheduled ? now - DAY : publishAt - HOUR;
    await notices.add([
      id,
      c.id,
      c.staffId,
      title,
      body,
      excerpt,
      CATEGORIES[n % CATEGORIES.length],
      !special && n % 4000 === 3999 - 400 ? 1 : 0,
      requiresAck ? 1 : 0,
      buildingIds.length ? 0 : 1,
      buildingIds.join(','),
      status,
      draft ? null : dt(publishAt),
      expired ? dt(publishAt + 7 * DAY) : null,
      archived ? dt(publishAt + 30 * DAY) : null,
      null,
      dt(created),
      dt(archived ? publishAt + 30 * DAY : draft ? created : publishAt),
    ]);
    for (const b of buildingIds) await audienceRows.add([id, b]);
    if (draft || scheduled) continue;
    if (special) statsNotice = { id, communityId: c.id, audience: c.verified.length };
    const addressed = (r) => !buildingIds.length || buildingIds.includes(r.buildingId);
    const readers = new Set();
    const addRead = async (r) => {
      if (readers.has(r.id) || !addressed(r)) return;
      readers.add(r.id);
      const readAt = Math.min(now - MINUTE, publishAt + Math.floor(rand() * 3 * DAY));
      const ackAt = requiresAck && rand() < 0.7 ? Math.min(now - MINUTE, readAt + Math.floor(rand() * HOUR)) : null;
      await reads.add([++readId, id, r.id, dt(readAt), dt(ackAt)]);
    };
    // Special notice: 70 % of its 10,000 households have opened it. Others: a handful of readers, more for recent ones.
    const count = special ? Math.round(c.verified.length * 0.7) : publishAt > now - 90 * DAY ? int(5, 25) : int(0, 8);
    for (let i = 0; i < count * (special ? 1 : 1.2) && readers.size < count; i++) {
      const r = c.verified[special ? i : int(1, c.verified.length - 1)];
      if (!measuredIds.has(r.id)) await addRead(r);
    }
    // The measured residents open about 60 % of the last 90 days' notices and 10 % of older ones.
    if (rand() < (publishAt > now - 90 * DAY ? 0.6 : 0.1)) await addRead(measured[c.id - 1]);
  }
  const noticeCount = await notices.flush();
  const audienceCount = await audienceRows.flush();
  const readCount = await reads.flush();
  step(`${noticeCount} notices, ${audienceCount} audience rows, ${readCount} reads`);

  // ---- rooms and bookings ----
  const roomRows = [];
  const rooms = [];
  for (const c of communities) {
    for (const [name, capacity, requiresApproval] of ROOM_NAMES) {
      const id = roomRows.length + 1;
      roomRows.push([
        id,
        c.id,
        name,
        `${name}：社区居民活动中心`,
        '[]',
        capacity,
        JSON.stringify(['桌椅', '空调']),
        '08:30',
        '21:00',
        30,
        180,
        7,
        60,
        requiresApproval ? 1 : 0,
        1,
        dt(since),
      ]);
      rooms.push({ id, community: c, requiresApproval, capacity });
    }
  }
  await writer.write(
    'rooms',
    [
      'id',
      'communityId',
      'name',
      'description',
      'photos',
      'capacity',
      'facilities',
      'openTime',
      'closeTime',
      'slotMinutes',
      'maxMinutes',
      'bookAheadDays',
      'minNoticeMinutes',
      'requiresApproval',
      'active',
      'createdAt',
    ],
    roomRows,
  );
  const bookings = batcher(writer, 'bookings', [
    'id',
    'communityId',
    'roomId',
    'userId',
    'startAt',
    'endAt',
    'minutes',
    'purpose',
    'attendees',
    'status',
    'staffBooking',
    'reason',
    'decidedById',
    'decidedAt',
    'checkedInAt',
    'noShowAt',
    'createdAt',
  ]);
  const slots = batcher(writer, 'booking_slots', ['id', 'roomId', 'slotStart', 'bookingId']);
  const perRoom = Math.round((20_000 * scale) / rooms.length);
  const weekMinutes = new Map(); // `${userId}:${isoWeekIndex}` → minutes booked
  const upcomingUsers = new Set(); // residents with an upcoming active booking (one each keeps them under the quota of 2)
  const mondayIndex = (ms) => Math.floor((ms + 8 * HOUR - 4 * DAY) / (7 * DAY)); // 1970-01-05 was a Monday
  let bookingId = 0;
  let slotId = 0;
  const perDay = 3;
  for (const room of rooms) {
    // Past days from far enough back that the room gets perRoom bookings, 3 a day; then the next 6 days, 2 a day.
    // (a day's third booking does not always fit before closing time: start 20 % further back and stop when enough are made).
    const ahead = Math.min(12, perRoom);
    const pastDays = Math.ceil(((perRoom - ahead) / perDay) * 1.2);
    let made = 0;
    for (let d = -pastDays; d <= 6; d++) {
      if (d <= 0 && made >= perRoom - ahead) continue;
      const midnight = today + d * DAY;
      let cursor = midnight + 30 * MINUTE; // 08:30 local = 00:30 UTC
      const close = midnight + 13 * HOUR; // 21:00 local
      for (let b = 0; b < (d > 0 ? 2 : perDay) && made < (d > 0 ? perRoom : perRoom - ahead); b++) {
        const start = cursor + int(0, 4) * 30 * MINUTE;
        const minutes = int(1, 6) * 30;
        const end = start + minutes * MINUTE;
        if (end > close) break;
        cursor = end;
        const upcoming = start > now + HOUR;
        let staff = rand() < 0.05;
        let user = null;
        for (let tries = 0; !staff && tries < 50 && !user; tries++) {
          const r = room.community.verified[int(1, room.community.verified.length - 1)];
          const week = `${r.id}:${mondayIndex(start)}`;
          if (
            (weekMinutes.get(week) ?? 0) + minutes > 240 ||
            measuredIds.has(r.id) ||
            (upcoming && upcomingUsers.has(r.id))
          )
            continue;
          weekMinutes.set(week, (weekMinutes.get(week) ?? 0) + minutes);
          if (upcoming) upcomingUsers.add(r.id);
          user = r.id;
        }
        if (!staff && !user) staff = true; // no resident has quota left for it: a community event
        const x = rand();
        const status = upcoming
          ? room.requiresApproval && !staff && x < 0.5
            ? 'pending'
            : 'approved'
          : start > now - HOUR
            ? 'approved'
            : x < 0.1
              ? 'cancelled'
              : x < 0.15
                ? 'no_show'
                : room.requiresApproval && x < 0.2
                  ? 'rejected'
                  : 'completed';
        const decided = room.requiresApproval && !staff && status !== 'pending' && status !== 'cancelled';
        const id = ++bookingId;
        made++;
        await bookings.add([
          id,
          room.community.id,
          room.id,
          staff ? room.community.staffId : user,
          dt(start),
          dt(end),
          minutes,
          staff ? '社区活动' : pick(['书法兴趣小组练习', '楼栋居民议事会', '象棋友谊赛', '亲子共读', '舞蹈排练']),
          Math.min(room.capacity, int(1, 10)),
          status,
          staff ? 1 : 0,
          status === 'rejected' ? '时间冲突，请改约' : null,
          decided ? room.community.staffId : null,
          decided ? dt(start - DAY) : null,
          status === 'completed' ? dt(start + 5 * MINUTE) : null,
          status === 'no_show' ? dt(start + 15 * MINUTE) : null,
          dt(start - int(1, 6) * DAY),
        ]);
        if (['pending', 'approved', 'checked_in'].includes(status)) {
          for (let t = start; t < end; t += 15 * MINUTE) await slots.add([++slotId, room.id, dt(t), id]);
        }
      }
    }
  }
  const bookingCount = await bookings.flush();
  const slotCount = await slots.flush();
  step(`${bookingCount} bookings, ${slotCount} booking slots`);

  // ---- time bank: 500,000 transactions, 1,000,000 entries, simulated in time order ----
  const accountOf = new Map(); // userId → { id, balance }
  const pools = [];
  let accountId = 0;
  for (const c of communities) {
    pools.push({
      id: ++accountId,
      communityId: c.id,
      userId: null,
      kind: 'pool',
      ownerKey: `pool:${c.id}`,
      balance: 0,
    });
    for (const r of c.verified)
      accountOf.set(r.id, {
        id: ++accountId,
        communityId: c.id,
        userId: r.id,
        kind: 'resident',
        ownerKey: `user:${r.id}`,
        balance: 0,
      });
  }
  const transactions = batcher(writer, 'timebank_transactions', [
    'id',
    'communityId',
    'kind',
    'fromAccountId',
    'toAccountId',
    'amount',
    'memo',
    'reference',
    'idempotencyKey',
    'actorId',
    'reversesId',
    'createdAt',
  ]);
  const entries = batcher(writer, 'timebank_entries', ['transactionId', 'accountId', 'amount']);
  const txTotal = Math.round(500_000 * scale);
  const txSpan = 3 * 365 * DAY;
  for (let t = 1; t <= txTotal; t++) {
    const c = communities[t % COMMUNITIES];
    const pool = pools[c.id - 1];
    // The measured resident of each community takes part in one transaction in 100: a long statement.
    const someone = () =>
      accountOf.get((rand() < 0.01 ? measured[c.id - 1] : c.verified[int(0, c.verified.length - 1)]).id);
    const x = rand();
    let kind = x < 0.45 ? 'service_credit' : x < 0.9 ? 'transfer' : 'adjustment';
    let from = pool;
    let to = someone();
    let amount = kind === 'service_credit' ? int(2, 16) * 15 : kind === 'transfer' ? int(1, 12) * 10 : int(1, 4) * 15;
    if (kind === 'transfer') {
      from = someone();
      for (let tries = 0; tries < 5 && (from.balance < amount || from === to); tries++) from = someone();
      if (from.balance < amount || from === to) {
        kind = 'service_credit';
        from = pool;
      }
    } else if (kind === 'adjustment' && rand() < 0.5 && to.balance >= amount) {
      [from, to] = [to, pool]; // a correction back to the pool, never overdrawing
    }
    from.balance -= amount;
    to.balance += amount;
    const memo =
      kind === 'service_credit'
        ? '志愿服务时长'
        : kind === 'transfer'
          ? pick(['感谢帮忙买菜', '陪同就医', '送给隔壁王阿姨', '代取快递'])
          : '管理员调整：补录时长';
    const actor = kind === 'transfer' ? accountOfUserId(from) : c.staffId;
    await transactions.add([
      t,
      c.id,
      kind,
      from.id,
      to.id,
      amount,
      memo,
      null,
      kind === 'transfer' ? `bench-${t}` : null,
      actor,
      null,
      dt(now - txSpan + Math.floor((t / txTotal) * (txSpan - HOUR))),
    ]);
    await entries.add([t, from.id, -amount]);
    await entries.add([t, to.id, amount]);
  }
  const txCount = await transactions.flush();
  const entryCount = await entries.flush();
  step(`${txCount} ledger transactions, ${entryCount} entries`);
  const accounts = batcher(writer, 'timebank_accounts', [
    'id',
    'communityId',
    'userId',
    'kind',
    'ownerKey',
    'balance',
    'createdAt',
  ]);
  for (const a of [...pools, ...accountOf.values()].sort((p, q) => p.id - q.id)) {
    await accounts.add([a.id, a.communityId, a.userId, a.kind, a.ownerKey, a.balance, dt(since)]);
  }
  const accountCount = await accounts.flush();

  // ---- resident requests (诉求) and help requests (互助), issue 18 ----
  // 4,000 requests per community over two years: the last 15 % still open on a running clock (deadlineAt, yellowAt;
  // some past their deadline), the rest resolved or closed (no clock). 1,000 help requests per community over a year,
  // the newest 10 % open (waiting for a helper), the rest done or cancelled. Created by random verified residents.
  const requestRows = batcher(writer, 'resident_requests', [
    'id',
    'communityId',
    'userId',
    'category',
    'title',
    'description',
    'buildingId',
    'urgent',
    'isPublic',
    'status',
    'assigneeId',
    'acceptDueAt',
    'resolveDueAt',
    'deadlineAt',
    'yellowAt',
    'acceptedAt',
    'resolvedAt',
    'closedAt',
    'createdAt',
  ]);
  // Half the requests carry one to three photos (upload rows: the reads measured list their ids; no files are written).
  const photoRows = batcher(writer, 'uploads', [
    'id',
    'userId',
    'communityId',
    'mime',
    'bytes',
    'width',
    'height',
    'requestId',
    'createdAt',
  ]);
  const REQUEST_CATEGORIES = ['sanitation', 'repair', 'dispute', 'safety', 'care', 'inquiry', 'suggestion', 'other'];
  const requestsPerCommunity = Math.round(4000 * scale);
  let requestId = 0;
  for (const c of communities) {
    for (let i = 0; i < requestsPerCommunity; i++) {
      const by = c.verified[int(1, c.verified.length - 1)];
      const created = now - Math.floor(((requestsPerCommunity - i) / requestsPerCommunity) * 2 * 365 * DAY);
      const open = i >= requestsPerCommunity * 0.85;
      const accepted = open ? rand() < 0.6 : true;
      const status = open ? (accepted ? pick(['accepted', 'in_progress']) : 'submitted') : pick(['resolved', 'closed']);
      const acceptDue = created + DAY;
      const resolveDue = created + 7 * DAY;
      const deadline = open ? (accepted ? resolveDue : acceptDue) : null;
      await requestRows.add([
        ++requestId,
        c.id,
        by.id,
        REQUEST_CATEGORIES[i % REQUEST_CATEGORIES.length],
        `${pick(['楼道灯不亮', '垃圾未清运', '邻里噪音', '井盖松动', '独居老人需探访'])}（${i + 1}）`,
        '居民反映的情况，请网格员核实处理。',
        by.buildingId,
        rand() < 0.05 ? 1 : 0,
        rand() < 0.3 ? 1 : 0,
        status,
        accepted ? c.staffId : null,
        dt(acceptDue),
        dt(resolveDue),
        dt(deadline),
        dt(deadline === null ? null : deadline - Math.floor((deadline - created) / 3)),
        dt(accepted ? created + HOUR : null),
        dt(open ? null : created + 3 * DAY),
        dt(status === 'closed' ? created + 5 * DAY : null),
        dt(created),
      ]);
      const photos = rand() < 0.5 ? int(1, 3) : 0;
      for (let k = 0; k < photos; k++) {
        const id = createHash('sha256').update(`photo ${requestId} ${k}`).digest('base64url').slice(0, 32);
        await photoRows.add([id, by.id, c.id, 'image/jpeg', int(80_000, 400_000), 1280, 960, requestId, dt(created)]);
      }
    }
  }
  const requestCount = await requestRows.flush();
  const photoCount = await photoRows.flush();
  const helpRows = batcher(writer, 'help_requests', [
    'id',
    'communityId',
    'posterId',
    'title',
    'description',
    'kind',
    'startAt',
    'minutes',
    'place',
    'rewardMinutes',
    'fundedBy',
    'status',
    'helperId',
    'doneAt',
    'confirmedAt',
    'cancelledAt',
    'createdAt',
  ]);
  // Open help requests have up to three offers from other residents (help_offers, the board shows them).
  const offerRows = batcher(writer, 'help_offers', ['helpRequestId', 'userId', 'communityId', 'createdAt']);
  const helpPerCommunity = Math.round(1000 * scale);
  let helpId = 0;
  for (const c of communities) {
    for (let i = 0; i < helpPerCommunity; i++) {
      const poster = c.verified[int(1, c.verified.length - 1)];
      const helper = c.verified[int(1, c.verified.length - 1)];
      const created = now - Math.floor(((helpPerCommunity - i) / helpPerCommunity) * 365 * DAY);
      const open = i >= helpPerCommunity * 0.9;
      const status = open ? 'open' : rand() < 0.8 ? 'confirmed' : 'cancelled';
      const start = open ? now + int(1, 14) * DAY : created + DAY;
      await helpRows.add([
        ++helpId,
        c.id,
        poster.id,
        `${pick(['陪同去医院复诊', '帮忙取快递', '修理水龙头', '周末陪聊', '代买午饭'])}（${i + 1}）`,
        '需要一位邻居搭把手，谢谢！',
        pick(['escort', 'errands', 'repair', 'company', 'meals', 'other']),
        dt(start),
        60,
        `${((poster.buildingId - 1) % BUILDINGS) + 1}栋楼下`,
        int(1, 4) * 30,
        'pool',
        status,
        status === 'confirmed' ? helper.id : null,
        dt(status === 'confirmed' ? start + HOUR : null),
        dt(status === 'confirmed' ? start + 2 * HOUR : null),
        dt(status === 'cancelled' ? created + HOUR : null),
        dt(created),
      ]);
      if (!open) continue;
      const offerers = new Set();
      for (let k = int(0, 3); k > 0; k--) offerers.add(c.verified[int(1, c.verified.length - 1)].id);
      offerers.delete(poster.id);
      for (const userId of [...offerers].sort((a, b) => a - b))
        await offerRows.add([helpId, userId, c.id, dt(created + int(1, 60) * MINUTE)]);
    }
  }
  const helpCount = await helpRows.flush();
  const offerCount = await offerRows.flush();
  step(
    `${requestCount} resident requests (${photoCount} photos), ${helpCount} help requests (${offerCount} offers on open ones)`,
  );

  // ---- interest groups and centre events (issue 18) ----
  // 40 groups per community (the last 4 still proposed), 30 members each on average, the measured resident in the
  // first 5; 3 events a day per community over the last two years and the next 60 days, one in four members-only (of
  // its group), the past ones with 20 sign-ups each (three in ten gave feedback), the coming ones half full.
  const groupRows = batcher(writer, 'interest_groups', [
    'id',
    'communityId',
    'name',
    'kind',
    'description',
    'memberCap',
    'memberCount',
    'status',
    'declineReason',
    'weeklyQuotaMinutes',
    'proposerId',
    'decidedById',
    'decidedAt',
    'turn',
    'createdAt',
  ]);
  const memberRows = batcher(writer, 'group_members', ['id', 'communityId', 'groupId', 'userId', 'role', 'createdAt']);
  const GROUP_KINDS = ['culture', 'sport', 'learning', 'mutual_aid', 'other'];
  const GROUPS_PER_COMMUNITY = 40;
  let groupId = 0;
  let memberId = 0;
  const groupsOf = new Map();
  for (const c of communities) {
    const groups = [];
    for (let g = 0; g < GROUPS_PER_COMMUNITY; g++) {
      const id = ++groupId;
      const approved = g < GROUPS_PER_COMMUNITY - 4;
      const members = new Set([measured[c.id - 1].id].filter(() => g < 5));
      const want = Math.min(c.verified.length - 1, int(10, 50));
      while (members.size < want) members.add(c.verified[int(1, c.verified.length - 1)].id);
      const [leader, ...rest] = [...members];
      const created = now - int(30, 700) * DAY;
      await groupRows.add([
        id,
        c.id,
        `${pick(['合唱团', '太极拳队', '书法班', '编织小组', '象棋社', '读书会'])}${g + 1}`,
        GROUP_KINDS[g % GROUP_KINDS.length],
        '每周活动，欢迎邻居加入。',
        null,
        approved ? members.size : 1,
        approved ? 'approved' : 'proposed',
        null,
        120,
        leader,
        approved ? c.staffId : null,
        dt(approved ? created + DAY : null),
        0,
        dt(created),
      ]);
      await memberRows.add([++memberId, c.id, id, leader, 'leader', dt(created)]);
      if (approved) {
        for (const userId of rest)
          await memberRows.add([++memberId, c.id, id, userId, 'member', dt(created + 2 * DAY)]);
        groups.push(id);
      }
    }
    groupsOf.set(c.id, groups);
  }
  const groupCount = await groupRows.flush();
  const memberCount = await memberRows.flush();
  const eventRows = batcher(writer, 'centre_events', [
    'id',
    'communityId',
    'groupId',
    'title',
    'kind',
    'startAt',
    'endAt',
    'place',
    'bookingId',
    'roomId',
    'capacity',
    'signedUp',
    'queueTurn',
    'membersOnly',
    'status',
    'organiserId',
    'createdAt',
  ]);
  const signupRows = batcher(writer, 'event_signups', [
    'id',
    'communityId',
    'eventId',
    'userId',
    'status',
    'queueNo',
    'promotedAt',
    'checkedInAt',
    'createdAt',
  ]);
  const feedbackRows = batcher(writer, 'event_feedback', [
    'id',
    'communityId',
    'eventId',
    'userId',
    'mood',
    'words',
    'createdAt',
  ]);
  let eventId = 0;
  let signupId = 0;
  let feedbackId = 0;
  for (const c of communities) {
    const groups = groupsOf.get(c.id);
    for (let day = -730; day < 60; day++) {
      for (let k = 0; k < 3; k++) {
        const id = ++eventId;
        const start = today + day * DAY + (9 + 3 * k) * HOUR;
        const group = k === 2 ? null : groups[int(0, groups.length - 1)];
        const past = start < now;
        const signedUp = past ? 20 : int(0, 15);
        await eventRows.add([
          id,
          c.id,
          group,
          `${pick(['重阳敬老茶话会', '亲子手工课', '健康讲座', '合唱排练', '社区电影夜'])}`,
          GROUP_KINDS[id % GROUP_KINDS.length],
          dt(start),
          dt(start + 2 * HOUR),
          '党群服务中心',
          null,
          null,
          30,
          signedUp,
          signedUp,
          group !== null && k === 1 ? 1 : 0,
          'open',
          c.staffId,
          dt(start - 14 * DAY),
        ]);
        const people = new Set();
        while (people.size < signedUp) people.add(c.verified[int(1, c.verified.length - 1)].id);
        let queueNo = 0;
        for (const userId of people) {
          if (past && rand() < 0.3)
            await feedbackRows.add([
              ++feedbackId,
              c.id,
              id,
              userId,
              pick(['good', 'good', 'ok']),
              null,
              dt(start + 3 * HOUR),
            ]);
          await signupRows.add([
            ++signupId,
            c.id,
            id,
            userId,
            'signed_up',
            ++queueNo,
            null,
            dt(past && rand() < 0.8 ? start + 5 * 60_000 : null),
            dt(start - 7 * DAY),
          ]);
        }
      }
    }
  }
  const eventCount = await eventRows.flush();
  const signupCount = await signupRows.flush();
  const feedbackCount = await feedbackRows.flush();
  step(
    `${groupCount} groups with ${memberCount} members, ${eventCount} events with ${signupCount} sign-ups, ${feedbackCount} feedback`,
  );
  await writer.close();
  step(`${accountCount} accounts; ANALYZE`);
  const seconds = (Date.now() - t0) / 1000;
  return {
    seconds,
    counts: {
      users: userCount,
      notices: noticeCount,
      noticeBuildings: audienceCount,
      reads: readCount,
      bookings: bookingCount,
      bookingSlots: slotCount,
      transactions: txCount,
      entries: entryCount,
      accounts: accountCount,
      requests: requestCount,
      requestPhotos: photoCount,
      helpRequests: helpCount,
      helpOffers: offerCount,
      groups: groupCount,
      groupMembers: memberCount,
      events: eventCount,
      eventSignups: signupCount,
      eventFeedback: feedbackCount,
    },
    communities: communities.map((c) => ({
      id: c.id,
      code: c.code,
      staffUsername: c.staffUsername,
      residents: c.residents.length,
      verified: c.verified.length,
    })),
    measuredResidents: measured.map((r) => ({ id: r.id, buildingId: r.buildingId, accountId: accountOf.get(r.id).id })),
    statsNotice,
    room: { id: rooms[0].id, date: shanghaiDateOf(today + DAY) },
    password: BENCH_PASSWORD,
  };
}

function accountOfUserId(account) {
  return account.userId;
}

/** A session row the way SessionsService.open writes it (sha256 of a random bearer token); used for residents, whose real login is WeChat. */
export function sessionRow(userId, token, now = Date.now()) {
  return {
    tokenHash: createHash('sha256').update(token).digest('hex'),
    userId,
    createdAt: dt(now),
    expiresAt: dt(now + 30 * DAY),
    revokedAt: null,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const [target, scaleArg] = process.argv.slice(2);
  if (!target) {
    console.error('usage: node bench/seed.mjs <mysql://user@host:3306/db | sqlite:/path/file.sqlite> [scale=1]');
    process.exit(2);
  }
  const result = await seed(target, Number(scaleArg ?? 1));
  console.log(JSON.stringify(result, null, 2));
}
