// The "limit" for Linli's hot reads: bare Fastify + a mysql2 pool, running exactly the SQL that Linli's
// production build sends for the same two requests (captured from TypeORM 1.1.1's query log of
// apps/server/dist, see README.md), and answering with the same JSON. No framework, no ORM.
//
//   GET /api/v1/notices          session lookup → feed first page (20 + 1 rows) → the viewer's reads of those notices
//   GET /api/v1/timebank/account session lookup → the account by ownerKey
//
// Run: DATABASE_URL=mysql://root@127.0.0.1:3306/<db> PORT=<port> node bench/bare-server.mjs
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import mysql from 'mysql2/promise';

// apps/server/src/auth/sessions.service.ts resolve(): users INNER JOIN sessions, getOne() (no LIMIT).
export const SQL_SESSION = 'SELECT `user`.`id` AS `user_id`, `user`.`communityId` AS `user_communityId`, `user`.`role` AS `user_role`, `user`.`status` AS `user_status`, `user`.`volunteer` AS `user_volunteer`, `user`.`name` AS `user_name`, `user`.`phone` AS `user_phone`, `user`.`username` AS `user_username`, `user`.`openid` AS `user_openid`, `user`.`buildingId` AS `user_buildingId`, `user`.`unit` AS `user_unit`, `user`.`room` AS `user_room`, `user`.`verifiedAt` AS `user_verifiedAt`, `user`.`verifiedById` AS `user_verifiedById`, `user`.`createdAt` AS `user_createdAt` FROM `users` `user` INNER JOIN `sessions` `session` ON `session`.`userId` = `user`.`id` WHERE `session`.`tokenHash` = ? AND `session`.`revokedAt` IS NULL AND `session`.`expiresAt` > ?';

// apps/server/src/notices/notices.service.ts feed() for a resident (visibleTo + LIST_COLUMNS + order + limit 20 + 1).
export const SQL_FEED = "SELECT `n`.`id` AS `n_id`, `n`.`communityId` AS `n_communityId`, `n`.`title` AS `n_title`, `n`.`excerpt` AS `n_excerpt`, `n`.`category` AS `n_category`, `n`.`pinned` AS `n_pinned`, `n`.`requiresAck` AS `n_requiresAck`, `n`.`wholeCommunity` AS `n_wholeCommunity`, `n`.`audienceBuildingIds` AS `n_audienceBuildingIds`, `n`.`status` AS `n_status`, `n`.`publishAt` AS `n_publishAt`, `n`.`expiresAt` AS `n_expiresAt`, `n`.`createdAt` AS `n_createdAt`, `n`.`updatedAt` AS `n_updatedAt` FROM `notices` `n` WHERE `n`.`status` = 'published' AND `n`.`publishAt` <= ? AND (`n`.`expiresAt` IS NULL OR `n`.`expiresAt` > ?) AND `n`.`communityId` = ? AND (`n`.`wholeCommunity` = 1 OR EXISTS (SELECT 1 FROM notice_buildings nb WHERE nb.noticeId = `n`.`id` AND nb.buildingId = ?)) ORDER BY `n_pinned` DESC, `n_publishAt` DESC, `n_id` DESC LIMIT 21";

// notices.service.ts readsOf(): findBy({ userId, noticeId: In(ids) }); one placeholder per id, as TypeORM writes it.
export const sqlReads = (count) => 'SELECT `NoticeRead`.`id` AS `NoticeRead_id`, `NoticeRead`.`noticeId` AS `NoticeRead_noticeId`, `NoticeRead`.`userId` AS `NoticeRead_userId`, `NoticeRead`.`readAt` AS `NoticeRead_readAt`, `NoticeRead`.`ackAt` AS `NoticeRead_ackAt` FROM `notice_reads` `NoticeRead` WHERE ((`NoticeRead`.`userId` = ?) AND (`NoticeRead`.`noticeId` IN ('
  + new Array(count).fill('?').join(', ') + ')))';

// apps/server/src/timebank/ledger.service.ts accountOfUser(): findOneBy({ ownerKey: 'user:<id>' }).
export const SQL_ACCOUNT = 'SELECT `TimebankAccount`.`id` AS `TimebankAccount_id`, `TimebankAccount`.`communityId` AS `TimebankAccount_communityId`, `TimebankAccount`.`userId` AS `TimebankAccount_userId`, `TimebankAccount`.`kind` AS `TimebankAccount_kind`, `TimebankAccount`.`ownerKey` AS `TimebankAccount_ownerKey`, `TimebankAccount`.`balance` AS `TimebankAccount_balance`, `TimebankAccount`.`createdAt` AS `TimebankAccount_createdAt` FROM `timebank_accounts` `TimebankAccount` WHERE ((`TimebankAccount`.`ownerKey` = ?)) LIMIT 1';

const FEED_LIMIT = 20;

// Same as @linli/shared-types hoursText (minutes → "h.hh").
function hoursText(minutes) {
  const hundredths = Math.round((Math.abs(minutes) * 100) / 60);
  return `${minutes < 0 && hundredths > 0 ? '-' : ''}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

const iso = (d) => (d ? d.toISOString() : null);
const idList = (stored) => (typeof stored === 'string' && stored ? stored.split(',').map(Number) : []);

/** Same as notices.rules.ts encodeFeedCursor: base64url of "pinned.publishAtMs.id". */
const feedCursor = (row) => Buffer.from(`${row.n_pinned ? 1 : 0}.${row.n_publishAt.getTime()}.${row.n_id}`).toString('base64url');

export async function startBareServer({ databaseUrl, port, host = '127.0.0.1' }) {
  // The options TypeORM's MySQL driver gives mysql2 for Linli (data-source-options.ts + MysqlDriver defaults).
  const pool = mysql.createPool({
    uri: databaseUrl,
    charset: 'utf8mb4_unicode_ci',
    timezone: 'Z',
    supportBigNumbers: true,
    bigNumberStrings: true,
    stringifyObjects: true,
    connectionLimit: 20,
  });
  const app = Fastify({ logger: false, bodyLimit: 512 * 1024 });

  async function viewerOf(request, reply) {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) { reply.code(401).send({ code: 'UNAUTHENTICATED' }); return null; }
    const hash = createHash('sha256').update(token).digest('hex');
    const [rows] = await pool.query(SQL_SESSION, [hash, new Date()]);
    const user = rows[0];
    if (!user || user.user_status === 'disabled') { reply.code(401).send({ code: 'SESSION_EXPIRED' }); return null; }
    return user;
  }

  app.get('/api/v1/notices', async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return reply;
    if (viewer.user_role !== 'resident') return reply.code(501).send({ code: 'BENCH_RESIDENTS_ONLY' });
    if (viewer.user_communityId === null) return { items: [], nextCursor: null };
    const now = new Date();
    const [rows] = await pool.query(SQL_FEED, [now, now, viewer.user_communityId, viewer.user_buildingId ?? 0]);
    const more = rows.length > FEED_LIMIT;
    const shown = more ? rows.slice(0, FEED_LIMIT) : rows;
    const reads = new Map();
    if (shown.length) {
      const [readRows] = await pool.query(sqlReads(shown.length), [viewer.user_id, ...shown.map((n) => n.n_id)]);
      for (const r of readRows) reads.set(r.NoticeRead_noticeId, r);
    }
    const items = shown.map((n) => {
      const read = reads.get(n.n_id);
      const publishAt = n.n_publishAt;
      return {
        id: n.n_id,
        communityId: n.n_communityId,
        title: n.n_title,
        excerpt: n.n_excerpt,
        category: n.n_category,
        pinned: Boolean(n.n_pinned),
        requiresAck: Boolean(n.n_requiresAck),
        status: n.n_status === 'published' && publishAt && publishAt.getTime() > now.getTime() ? 'scheduled' : n.n_status,
        audienceBuildingIds: n.n_wholeCommunity ? [] : idList(n.n_audienceBuildingIds),
        publishAt: iso(publishAt),
        expiresAt: iso(n.n_expiresAt),
        createdAt: iso(n.n_createdAt),
        updatedAt: iso(n.n_updatedAt),
        read: Boolean(read),
        acknowledged: Boolean(read?.NoticeRead_ackAt),
      };
    });
    return { items, nextCursor: more ? feedCursor(shown[shown.length - 1]) : null };
  });

  app.get('/api/v1/timebank/account', async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return reply;
    if (viewer.user_role !== 'resident') return reply.code(403).send({ code: 'FORBIDDEN' });
    if (viewer.user_status !== 'verified') return reply.code(403).send({ code: 'RESIDENT_NOT_VERIFIED' });
    const [rows] = await pool.query(SQL_ACCOUNT, [`user:${viewer.user_id}`]);
    const a = rows[0];
    // Linli opens a missing account on first look; the benchmark logs in through Linli first, so it exists.
    if (!a) return reply.code(404).send({ code: 'BENCH_ACCOUNT_MISSING' });
    return {
      id: a.TimebankAccount_id, communityId: a.TimebankAccount_communityId, userId: a.TimebankAccount_userId,
      kind: a.TimebankAccount_kind, balance: a.TimebankAccount_balance, balanceHours: hoursText(a.TimebankAccount_balance),
    };
  });

  await app.listen({ port, host });
  return {
    app,
    async close() {
      await app.close();
      await pool.end();
    },
  };
}

// Started directly (not imported): serve until SIGTERM/SIGINT.
if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = process.env.DATABASE_URL;
  const port = Number(process.env.PORT ?? 3901);
  if (!databaseUrl) {
    console.error('bare-server: set DATABASE_URL=mysql://root@127.0.0.1:3306/<db>');
    process.exit(1);
  }
  const server = await startBareServer({ databaseUrl, port });
  console.log(`bare server on http://127.0.0.1:${port}`);
  const stop = async () => { await server.close(); process.exit(0); };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
