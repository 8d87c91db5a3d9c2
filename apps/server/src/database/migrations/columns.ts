import type { QueryRunner, TableColumnOptions } from 'typeorm';

type Extra = Partial<TableColumnOptions>;

/** Column builders for migrations that must read the same on SQLite and MySQL. */
export function columns(q: QueryRunner) {
  const now = q.connection.driver.options.type !== 'better-sqlite3' ? 'CURRENT_TIMESTAMP(6)' : "datetime('now')";
  return {
    id: (): TableColumnOptions => ({
      name: 'id',
      type: 'integer',
      isPrimary: true,
      isGenerated: true,
      generationStrategy: 'increment',
    }),
    // 'integer' is what SQLite reports back for int; MySQL takes it as INT.
    int: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'integer', ...extra }),
    bigint: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'bigint', ...extra }),
    varchar: (name: string, length: number, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: 'varchar',
      length: String(length),
      ...extra,
    }),
    text: (name: string, extra: Extra = {}): TableColumnOptions => ({ name, type: 'text', ...extra }),
    bool: (name: string, defaultValue: boolean): TableColumnOptions => ({
      name,
      type: 'boolean',
      default: defaultValue ? 1 : 0,
    }),
    datetime: (name: string, extra: Extra = {}): TableColumnOptions => ({
      name,
      type: 'datetime',
      precision: 6,
      ...extra,
    }),
    createdAt: (): TableColumnOptions => ({ name: 'createdAt', type: 'datetime', precision: 6, default: now }),
  };
}
