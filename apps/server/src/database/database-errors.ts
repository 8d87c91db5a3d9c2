/** mysql2 and Node socket codes that mean "the database cannot be reached right now", not "the query is wrong". */
const UNAVAILABLE_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
  'PROTOCOL_CONNECTION_LOST',
  'PROTOCOL_SEQUENCE_TIMEOUT',
  'ER_CON_COUNT_ERROR',
  'ER_SERVER_SHUTDOWN',
  'ER_LOCK_WAIT_TIMEOUT',
  'ER_QUERY_INTERRUPTED',
  // 1927: the server killed the connection (shutting down); 1047 (below): a Galera node not in the primary component.
  'ER_CONNECTION_KILLED',
  'SQLITE_BUSY',
]);

/**
 * Pure: is this error (as TypeORM or mysql2 threw it) an outage of the database rather than a bug? Such requests
 * answer 503 SERVICE_UNAVAILABLE; the transaction they were in rolled back (or never reached the server).
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  for (
    let e = error as { code?: unknown; driverError?: unknown; cause?: unknown; message?: unknown } | undefined,
      depth = 0;
    e && depth < 4;
    depth++
  ) {
    if (typeof e.code === 'string' && UNAVAILABLE_CODES.has(e.code)) return true;
    // 1047 ER_UNKNOWN_COM_ERROR "WSREP has not yet prepared node for application use": a Galera node that left the
    // cluster or is still joining refuses every statement until it is Synced again.
    if ((e as { errno?: unknown }).errno === 1047) return true;
    // mysql2 refuses commands on a connection the server closed, without a code.
    if (
      typeof e.message === 'string' &&
      /connection is in closed state|Connection lost: The server closed the connection/.test(e.message)
    )
      return true;
    e = (e.driverError ?? e.cause) as typeof e;
  }
  return false;
}

/** The MySQL/MariaDB error number or SQLite code behind a TypeORM QueryFailedError (or a mysql2 error as it is). */
function driverError(error: unknown): { errno?: number; code?: string } {
  const e = error as { driverError?: { errno?: number; code?: string }; errno?: number; code?: string };
  return e?.driverError ?? e ?? {};
}

export function isDuplicateKey(error: unknown): boolean {
  const { errno, code } = driverError(error);
  return (
    errno === 1062 ||
    code === 'ER_DUP_ENTRY' ||
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}

/**
 * The transaction lost and was rolled back; running the whole unit of work again may succeed.
 * 1213 deadlock (also Galera's certification failure, duplicate keys included), 1205 lock wait timeout;
 * TiDB: 8002 (SELECT FOR UPDATE write conflict), 8022 (retryable commit error), 9007 (write conflict).
 * SQLite: SQLITE_BUSY when another process on the same file wrote since this transaction's first read (a deferred
 * transaction cannot wait for the write lock then; it must start again).
 */
const RETRYABLE_ERRNOS = new Set([1213, 1205, 8002, 8022, 9007]);
const RETRYABLE_SQLITE_CODES = new Set(['SQLITE_BUSY', 'SQLITE_BUSY_SNAPSHOT']);

/** The errno (MySQL protocol) or code (SQLite) that makes this error retryable, or undefined. */
export function retryableErrno(error: unknown): number | string | undefined {
  const { errno, code } = driverError(error);
  if (errno !== undefined && RETRYABLE_ERRNOS.has(errno)) return errno;
  if (code !== undefined && RETRYABLE_SQLITE_CODES.has(code)) return code;
  return undefined;
}

export function isRetryableTransactionError(error: unknown): boolean {
  return retryableErrno(error) !== undefined;
}
