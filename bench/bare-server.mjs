// The "limit" for Linli's hot reads: bare Fastify + a mysql2 pool, running exactly the SQL that Linli's
// production build sends for the same two requests, and answering with the same JSON. No framework, no ORM.
// Since issue 7 ("Then act on it") Linli sends these reads as constant SQL strings (no TypeORM query builder);
// they are copied here from apps/server/src/auth/session-user.ts (SESSION_USER_SQL), notices/notices.queries.ts
// (feedQuery) and timebank/timebank.queries.ts (ACCOUNT_BY_OWNER_SQL).
// If those change, change these too (read-ratio.mjs checks the answers and the statements per request).
//
//   GET /api/v1/notices          session lookup → feed first page (20 + 1 rows, each with the viewer's read)
//   GET /api/v1/timebank/account session lookup → the account by ownerKey
//
//   GET /api/v1/bench/pk?id=N    one primary-key read (timebank_accounts by id), no session lookup: the limit of one
//                                round trip through Fastify, mysql2 and MariaDB (issue 18)
//
// Run: DATABASE_URL=mysql://root@127.0.0.1:3306/<db> PORT=<port> node bench/bare-server.mjs
import { createHash } from 'node:crypto';
import Fastify from 'fastify';
import mysql from 'mysql2';

// SESSION_USER_SQL: users JOIN sessions on the unique token hash. Parameters: sha256(token), now.
export const SQL_SESSION =
  'SELECT u.id, u.communityId, u.role, u.status, u.volunteer, u.name, u.phone, u.username, u.openid, ' +
  'u.buildingId, u.unit, u.room, u.verifiedAt, u.verifiedById, u.createdAt ' +
  'FROM sessions s JOIN users u ON u.id = s.userId WHERE s.tokenHash = ? AND s.revokedAt IS NULL AND s.expiresAt > ?';

// feedQuery() for a resident, first page (limit 20 + 1), with the resident's read of each row (issue 18: one statement;
// the audience check on the row's own audienceBuildingIds). Parameters: userId, now, now, communityId, and the
// building four times ("b", "b,%", "%,b", "%,b,%").
export const SQL_FEED =
  'SELECT n.id, n.communityId, n.title, n.excerpt, n.category, n.pinned, n.requiresAck, n.wholeCommunity, ' +
  'n.audienceBuildingIds, n.status, n.publishAt, n.expiresAt, n.createdAt, n.updatedAt, r.id AS readId, r.ackAt AS readAckAt ' +
  'FROM notices n LEFT JOIN notice_reads r ON r.noticeId = n.id AND r.userId = ? ' +
  "WHERE n.status = 'published' AND n.publishAt <= ? AND (n.expiresAt IS NULL OR n.expiresAt > ?) AND n.communityId = ? " +
  'AND (n.wholeCommunity = 1 OR n.audienceBuildingIds = ? OR n.audienceBuildingIds LIKE ? OR n.audienceBuildingIds LIKE ? OR n.audienceBuildingIds LIKE ?) ' +
  'ORDER BY n.pinned DESC, n.publishAt DESC, n.id DESC LIMIT 21';

// ACCOUNT_BY_OWNER_SQL: the account and the sum of its open holds. Parameter: 'user:<id>'.
export const SQL_ACCOUNT =
  'SELECT a.id, a.communityId, a.userId, a.kind, a.balance, ' +
  "(SELECT COALESCE(SUM(h.amount), 0) FROM timebank_holds h WHERE h.payerAccountId = a.id AND h.status = 'held') AS held " +
  'FROM timebank_accounts a WHERE a.ownerKey = ?';

// The third target: one primary-key read. Parameter: the account id.
export const SQL_PK = 'SELECT id, communityId, userId, kind, balance FROM timebank_accounts WHERE id = ?';

const FEED_LIMIT = 20;

// Same as @linli/shared-types hoursText (minutes → "h.hh").
function hoursText(minutes) {
  const hundredths = Math.round((Math.abs(minutes) * 100) / 60);
  return `${minutes < 0 && hundredths > 0 ? '-' : ''}${Math.floor(hundredths / 100)}.${String(hundredths % 100).padStart(2, '0')}`;
}

const iso = (d) => (d ? d.toISOString() : null);
const idList = (stored) => (typeof stored === 'string' && stored ? stored.split(',').map(Number) : []);

/** Same as notices.rules.ts encodeFeedCursor: base64url of "pinned.publishAtMs.id". */
const feedCursor = (row) =>
  Buffer.from(`${row.pinned ? 1 : 0}.${row.publishAt.getTime()}.${row.id}`).toString('base64url');

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
  // mysql2's callback API, as Linli's RawReads uses it (the promise wrapper captures a stack trace per query).
  const query = (sql, values) =>
    new Promise((resolve, reject) => {
      pool.query(sql, values, (error, rows) => (error ? reject(error) : resolve(rows)));
    });
  const app = Fastify({ logger: false, bodyLimit: 512 * 1024 });

  async function viewerOf(request, reply) {
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) {
      reply.code(401).send({ code: 'UNAUTHENTICATED' });
      return null;
    }
    const hash = createHash('sha256').update(token).digest('hex');
    const rows = await query(SQL_SESSION, [hash, new Date()]);
    const user = rows[0];
    if (!user || user.status === 'disabled') {
      reply.code(401).send({ code: 'SESSION_EXPIRED' });
      return null;
    }
    return user;
  }

  app.get('/api/v1/notices', async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return reply;
    if (viewer.role !== 'resident') return reply.code(501).send({ code: 'BENCH_RESIDENTS_ONLY' });
    if (viewer.communityId === null) return { items: [], nextCursor: null };
    const now = new Date();
    const b = String(viewer.buildingId ?? 0);
    const rows = await query(SQL_FEED, [viewer.id, now, now, viewer.communityId, b, `${b},%`, `%,${b}`, `%,${b},%`]);
    const more = rows.length > FEED_LIMIT;
    const shown = more ? rows.slice(0, FEED_LIMIT) : rows;
    const items = shown.map((n) => {
      const read = n.readId === null ? undefined : { ackAt: n.readAckAt };
      const publishAt = n.publishAt;
      return {
        id: n.id,
        communityId: n.communityId,
        title: n.title,
        excerpt: n.excerpt,
        category: n.category,
        pinned: Boolean(n.pinned),
        requiresAck: Boolean(n.requiresAck),
        status: n.status === 'published' && publishAt && publishAt.getTime() > now.getTime() ? 'scheduled' : n.status,
        audienceBuildingIds: n.wholeCommunity ? [] : idList(n.audienceBuildingIds),
        publishAt: iso(publishAt),
        expiresAt: iso(n.expiresAt),
        createdAt: iso(n.createdAt),
        updatedAt: iso(n.updatedAt),
        read: Boolean(read),
        acknowledged: Boolean(read?.ackAt),
      };
    });
    return { items, nextCursor: more ? feedCursor(shown[shown.length - 1]) : null };
  });

  app.get('/api/v1/timebank/account', async (request, reply) => {
    const viewer = await viewerOf(request, reply);
    if (!viewer) return reply;
    if (viewer.role !== 'resident') return reply.code(403).send({ code: 'FORBIDDEN' });
    if (viewer.status !== 'verified') return reply.code(403).send({ code: 'RESIDENT_NOT_VERIFIED' });
    const rows = await query(SQL_ACCOUNT, [`user:${viewer.id}`]);
    const a = rows[0];
    // Linli opens a missing account on first look; the benchmark logs in through Linli first, so it exists.
    if (!a) return reply.code(404).send({ code: 'BENCH_ACCOUNT_MISSING' });
    // timebank.rules.ts accountFigures: balance = stored + held (held minutes sit in escrow), available = stored.
    const stored = Number(a.balance);
    const held = Number(a.held ?? 0);
    const available = Math.max(0, stored);
    return {
      id: a.id,
      communityId: a.communityId,
      userId: a.userId,
      kind: a.kind,
      balance: stored + held,
      balanceHours: hoursText(stored + held),
      held,
      heldHours: hoursText(held),
      available,
      availableHours: hoursText(available),
    };
  });

  app.get('/api/v1/bench/pk', async (request, reply) => {
    const rows = await query(SQL_PK, [Number(request.query.id)]);
    const a = rows[0];
    if (!a) return reply.code(404).send({ code: 'NOT_FOUND' });
    return { id: a.id, communityId: a.communityId, userId: a.userId, kind: a.kind, balance: a.balance };
  });

  await app.listen({ port, host });
  return {
    app,
    async close() {
      await app.close();
      await new Promise((resolve) => pool.end(resolve));
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
  const stop = async () => {
    await server.close();
    process.exit(0);
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
}
