import type { EntityManager } from 'typeorm';
import { sqliteParameter } from './raw-values.js';

/**
 * Constant SQL inside a transaction (the manager's own query runner), for hot writes: profiling showed TypeORM's query
 * building and entity hydration costing more than the statements themselves (see raw-reads.ts for reads outside one).
 * Parameters are bound as TypeORM binds them (Dates as UTC text and booleans as 0/1 on SQLite). The SQL must be valid
 * on MariaDB/MySQL and SQLite alike.
 */
export class TransactionSql {
  private readonly sqlite: boolean;

  constructor(private readonly manager: EntityManager) {
    if (!manager.queryRunner) throw new Error('TransactionSql needs the manager of a transaction');
    this.sqlite = manager.connection.options.type === 'better-sqlite3';
  }

  /** `FOR UPDATE` where it means something: SQLite runs one transaction at a time (see ledger-transaction.ts). */
  get forUpdate(): string {
    return this.sqlite ? '' : ' FOR UPDATE';
  }

  async rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    const result = await this.manager.queryRunner!.query(sql, this.bind(params), true);
    return result.records as Row[];
  }

  /** INSERT/UPDATE/DELETE: rows changed and, for an INSERT, the generated id. */
  async write(sql: string, params: readonly unknown[]): Promise<{ affected: number; insertId: number }> {
    const result = await this.manager.queryRunner!.query(sql, this.bind(params), true);
    const insertId = this.sqlite ? Number(result.raw) : Number((result.raw as { insertId: number }).insertId);
    return { affected: result.affected ?? 0, insertId };
  }

  private bind(params: readonly unknown[]): unknown[] {
    return this.sqlite ? params.map(sqliteParameter) : [...params];
  }
}
