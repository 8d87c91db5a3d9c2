// Bulk test data for the write benchmarks, inserted with SQL into a fresh linli_bench_* database (after Linli's migrations
// and demo seed ran). Rows follow the schema (apps/server/src/database/migrations) and the invariants Linli keeps:
// verified residents with a building, a session row per bearer token (only the token's SHA-256 is stored, as
// SessionsService does), one time-bank account per verified resident (ownerKey 'user:<id>'), and any starting balance
// posted as a service credit from the community pool with its two entries, so every balance = the sum of its entries
// and the community still sums to zero.
import { createHash, randomBytes } from 'node:crypto';
import { bulkInsert } from './lib.mjs';

const sha256 = (text) => createHash('sha256').update(text).digest('hex');
const DAY = 86_400_000;

/** Ids of a community (by code), its buildings and its staff member `staff.<code>`. */
export async function communityOf(conn, code) {
  const [[community]] = await conn.query('SELECT id FROM communities WHERE code = ?', [code]);
  const [buildings] = await conn.query('SELECT id FROM buildings WHERE communityId = ? ORDER BY id', [community.id]);
  const [[staff]] = await conn.query('SELECT id FROM users WHERE username = ?', [`staff.${code.toLowerCase()}`]);
  return { id: community.id, buildingIds: buildings.map((b) => b.id), staffId: staff.id };
}

/**
 * `count` verified residents of the community, phones `<phonePrefix><serial>` (11 digits), each with a live session and
 * an account holding `balance` minutes. Returns [{ id, token, accountId }] in phone order.
 */
export async function seedResidents(
  conn,
  community,
  { count, phonePrefix, volunteer = false, balance = 0, label = '压测居民' },
) {
  const serialDigits = 11 - phonePrefix.length;
  const phones = Array.from({ length: count }, (_, i) => `${phonePrefix}${String(i + 1).padStart(serialDigits, '0')}`);
  const now = new Date();
  await bulkInsert(
    conn,
    'users',
    [
      'communityId',
      'role',
      'status',
      'volunteer',
      'name',
      'phone',
      'buildingId',
      'unit',
      'room',
      'verifiedAt',
      'verifiedById',
    ],
    phones.map((phone, i) => [
      community.id,
      'resident',
      'verified',
      volunteer ? 1 : 0,
      `${label}${i + 1}`,
      phone,
      community.buildingIds[i % community.buildingIds.length],
      String((i % 4) + 1),
      String(101 + (i % 30)),
      now,
      community.staffId,
    ]),
  );
  const [rows] = await conn.query('SELECT id, phone FROM users WHERE communityId = ? AND phone LIKE ? ORDER BY phone', [
    community.id,
    `${phonePrefix}%`,
  ]);
  if (rows.length !== count)
    throw new Error(`expected ${count} residents with phone prefix ${phonePrefix}, found ${rows.length}`);
  const residents = rows.map((r) => ({ id: r.id, token: randomBytes(32).toString('base64url') }));
  await bulkInsert(
    conn,
    'sessions',
    ['tokenHash', 'userId', 'expiresAt', 'revokedAt'],
    residents.map((r) => [sha256(r.token), r.id, new Date(now.getTime() + 30 * DAY), null]),
  );
  await bulkInsert(
    conn,
    'timebank_accounts',
    ['communityId', 'userId', 'kind', 'ownerKey', 'balance'],
    residents.map((r) => [community.id, r.id, 'resident', `user:${r.id}`, 0]),
  );
  const [accounts] = await conn.query('SELECT id, userId FROM timebank_accounts WHERE ownerKey IN (?)', [
    residents.map((r) => `user:${r.id}`),
  ]);
  const accountOf = new Map(accounts.map((a) => [a.userId, a.id]));
  for (const r of residents) r.accountId = accountOf.get(r.id);
  if (balance > 0) await creditFromPool(conn, community, residents, balance);
  return residents;
}

/** Posts `minutes` to each resident from the community pool, as service credits with their entries, in one transaction. */
async function creditFromPool(conn, community, residents, minutes) {
  await conn.beginTransaction();
  try {
    const [[pool]] = await conn.query('SELECT id FROM timebank_accounts WHERE ownerKey = ? FOR UPDATE', [
      `pool:${community.id}`,
    ]);
    if (!pool) throw new Error(`community ${community.id} has no pool account`);
    const reference = (r) => `bench-seed:${r.id}`;
    await bulkInsert(
      conn,
      'timebank_transactions',
      [
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
      ],
      residents.map((r) => [
        community.id,
        'service_credit',
        pool.id,
        r.accountId,
        minutes,
        '压测初始时间',
        reference(r),
        null,
        community.staffId,
        null,
      ]),
    );
    const [txs] = await conn.query('SELECT id, toAccountId FROM timebank_transactions WHERE reference LIKE ?', [
      'bench-seed:%',
    ]);
    const accountIds = new Set(residents.map((r) => r.accountId));
    const mine = txs.filter((t) => accountIds.has(t.toAccountId));
    if (mine.length !== residents.length)
      throw new Error(`expected ${residents.length} seed credits, found ${mine.length}`);
    await bulkInsert(
      conn,
      'timebank_entries',
      ['transactionId', 'accountId', 'amount'],
      mine.flatMap((t) => [
        [t.id, pool.id, -minutes],
        [t.id, t.toAccountId, minutes],
      ]),
    );
    await conn.query('UPDATE timebank_accounts SET balance = balance + ? WHERE id IN (?)', [
      minutes,
      residents.map((r) => r.accountId),
    ]);
    await conn.query('UPDATE timebank_accounts SET balance = balance - ? WHERE id = ?', [
      minutes * residents.length,
      pool.id,
    ]);
    await conn.commit();
  } catch (error) {
    await conn.rollback();
    throw error;
  }
}

/** Logs staff.<code> in through the API; returns the bearer token. */
export async function staffToken(api, base, code, password) {
  return (
    await api(base, 'POST', '/api/v1/auth/login', { body: { username: `staff.${code.toLowerCase()}`, password } })
  ).token;
}
