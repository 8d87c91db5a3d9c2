import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sendMysql, sqliteParameter, type CallbackQueryable } from './raw-values.js';

/**
 * The hot reads (session lookup, notice feed, balance) as constant SQL, without the ORM: profiling showed
 * TypeORM's query building, entity hydration and per-query runner more costly than the query itself.
 * MySQL: straight to the pool TypeORM opened (same connections and options, mysql2's callback API).
 * SQLite: through TypeORM's query runner, which serializes access (see sqlite-serialization.ts); Dates and
 * booleans are bound as TypeORM binds them there. The SQL must be valid on both.
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
}
