import { selectColumns } from '../database/entity-columns.js';
import { User } from '../users/user.entity.js';

/** Every selectable column of users: never passwordHash or wechatSessionKey (`select: false` in the entity). */
const USER_COLUMNS = selectColumns(User, 'u').join(', ');

/**
 * The user of a live session, run on every authenticated request: one constant statement on the unique token hash
 * (no query builder; bench/results/1-read-ratio.md). Parameters: the token's SHA-256, now.
 */
export const SESSION_USER_SQL =
  `SELECT ${USER_COLUMNS} FROM sessions s JOIN users u ON u.id = s.userId ` +
  'WHERE s.tokenHash = ? AND s.revokedAt IS NULL AND s.expiresAt > ?';

/** A user by id with the same columns: the person named by X-Act-For. */
export const USER_BY_ID_SQL = `SELECT ${USER_COLUMNS} FROM users u WHERE u.id = ?`;
