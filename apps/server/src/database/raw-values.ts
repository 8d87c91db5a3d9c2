/** Raw column values as the two drivers return them, turned into what TypeORM's entities would hold. */

/** Datetimes: mysql2 gives a Date (timezone 'Z'); SQLite the UTC text "YYYY-MM-DD HH:MM:SS[.SSS]". */
export function rawDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  const text = String(value);
  return new Date(/[Zz]|[+-]\d\d:\d\d$/.test(text) ? text : `${text.replace(' ', 'T')}Z`);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A parameter for better-sqlite3 as TypeORM binds it: Dates as UTC "YYYY-MM-DD HH:MM:SS.SSS", booleans as 0/1. */
export function sqliteParameter(value: unknown): unknown {
  if (value instanceof Date) {
    return (
      `${pad(value.getUTCFullYear(), 4)}-${pad(value.getUTCMonth() + 1)}-${pad(value.getUTCDate())} ` +
      `${pad(value.getUTCHours())}:${pad(value.getUTCMinutes())}:${pad(value.getUTCSeconds())}.${pad(value.getUTCMilliseconds(), 3)}`
    );
  }
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

/** A mysql2 pool or connection, used through its callback API: its promise wrapper captures a stack per statement. */
export interface CallbackQueryable {
  query(sql: string, values: unknown[], callback: (error: Error | null, result: unknown) => void): void;
}

/** One statement on a mysql2 pool or connection: the rows of a SELECT, the result header of a write. */
export function sendMysql(target: CallbackQueryable, sql: string, params: readonly unknown[]): Promise<unknown> {
  return new Promise((resolve, reject) => {
    target.query(sql, params as unknown[], (error, result) => (error ? reject(error) : resolve(result)));
  });
}
