import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sqliteParameter } from './raw-values.js';

interface CallbackPool {
  query(sql: string, values: unknown[], callback: (error: Error | null, rows: unknown) => void): void;
}

/**
 * The hot reads (session lookup, notice feed, balance) as constant SQL, without the ORM: profiling showed
 * TypeORM's query building, entity hydration and per-query runner more costly than the query itself.
 * MySQL: straight to the pool TypeORM opened (same connections and options, mysql2's callback API).
 * SQLite: through TypeORM's query runner, which serializes access (see sqlite-serialization.ts); Dates and
 * booleans are bound as TypeORM binds them there. The SQL must be valid on both.
 */
@Injectable()
export class RawReads {
  private readonly pool: CallbackPool | null;

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {
    const type = dataSource.options.type;
    this.pool = type === 'mysql' || type === 'mariadb' ? (dataSource.driver as unknown as { pool: CallbackPool }).pool : null;
  }

  rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    const pool = this.pool;
    if (!pool) return this.dataSource.query(sql, params.map(sqliteParameter));
    return new Promise((resolve, reject) => {
      pool.query(sql, params as unknown[], (error, rows) => (error ? reject(error) : resolve(rows as Row[])));
    });
  }
}
