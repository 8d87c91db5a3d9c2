import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityTarget, ObjectLiteral } from 'typeorm';
import { sendMysql, sqliteParameter, type CallbackQueryable } from './raw-values.js';

/** One SQL statement and its `?` parameters, valid on MariaDB/MySQL and SQLite alike (the queries files build them). */
export interface SqlStatement {
  sql: string;
  params: unknown[];
}

/**
 * The hot reads (session lookup, notice feed, balance) as constant SQL, without the ORM: profiling showed
 * TypeORM's query building, entity hydration and per-query runner more costly than the query itself.
 * MySQL: straight to the pool TypeORM opened (same connections and options, mysql2's callback API).
 * SQLite: through TypeORM's query runner, which serializes access (see sqlite-serialization.ts); Dates and
 * booleans are bound as TypeORM binds them there. The SQL must be valid on both.
 * Column lists (entity-columns.ts) and hydration (hydrate()) come from the entities, so a table's columns live there.
 */
@Injectable()
export class RawReads {
  private readonly pool: CallbackQueryable | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const type = dataSource.options.type;
    this.pool =
      type === 'mysql' || type === 'mariadb'
        ? (dataSource.driver as unknown as { pool: CallbackQueryable }).pool
        : null;
  }

  rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    if (!this.pool) return this.dataSource.query(sql, params.map(sqliteParameter));
    return sendMysql(this.pool, sql, params) as Promise<Row[]>;
  }

  /**
   * A raw row (selected with selectList) as TypeORM would hydrate it into the entity: the driver's own value
   * preparation per column (booleans, dates on both drivers, transformers), for the columns the row has.
   */
  hydrate<E extends ObjectLiteral>(target: EntityTarget<E>, row: Record<string, unknown>): E {
    return hydrateRaw(this.dataSource, target, row);
  }
}

/**
 * RawReads.hydrate for any data source; `prefix` for the columns of a query builder's getRawMany, which names them
 * `<alias>_<column>` (pass `'<alias>_'`).
 */
export function hydrateRaw<E extends ObjectLiteral>(
  dataSource: DataSource,
  target: EntityTarget<E>,
  row: Record<string, unknown>,
  prefix = '',
): E {
  const metadata = dataSource.getMetadata(target);
  const entity = metadata.create() as E;
  for (const column of metadata.columns) {
    const name = prefix + column.databaseName;
    if (name in row) column.setEntityValue(entity, dataSource.driver.prepareHydratedValue(row[name], column));
  }
  return entity;
}
