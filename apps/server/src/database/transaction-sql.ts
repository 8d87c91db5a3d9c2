import type { EntityManager } from 'typeorm';
import { sendMysql, sqliteParameter, type CallbackQueryable } from './raw-values.js';
import { noteFailedStatement, refuseIfLost } from './transaction.js';

/**
 * Constant SQL inside a transaction, for hot writes: profiling showed TypeORM's query building and entity hydration
 * costing more than the statements themselves (see raw-reads.ts for reads outside one).
 * MySQL: straight to the transaction's own mysql2 connection (callback API: no promise wrapper capturing a stack per
 * statement); errors are mysql2's own (isDuplicateKey and isRetryableTransactionError read them as they are).
 * SQLite: through the transaction's query runner, parameters bound as TypeORM binds them (Dates as UTC text, booleans 0/1).
 * The SQL must be valid on both.
 */
export class TransactionSql {
  private readonly connection: CallbackQueryable | null;

  constructor(private readonly manager: EntityManager) {
    const runner = manager.queryRunner as unknown as
      { databaseConnection?: CallbackQueryable; isTransactionActive?: boolean } | undefined;
    if (!runner?.isTransactionActive) throw new Error('TransactionSql needs the manager of a running transaction');
    this.connection = manager.connection.options.type === 'better-sqlite3' ? null : runner.databaseConnection!;
  }

  /** `FOR UPDATE` where it means something: SQLite runs one transaction at a time (see transaction.ts). */
  get forUpdate(): string {
    return this.connection ? ' FOR UPDATE' : '';
  }

  async rows<Row>(sql: string, params: readonly unknown[]): Promise<Row[]> {
    if (this.connection) return (await this.send(this.connection, sql, params)) as Row[];
    return (await this.manager.queryRunner!.query(sql, params.map(sqliteParameter), true)).records as Row[];
  }

  /** INSERT/UPDATE/DELETE: rows changed and, for an INSERT, the generated id. */
  async write(sql: string, params: readonly unknown[]): Promise<{ affected: number; insertId: number }> {
    if (this.connection) {
      const header = (await this.send(this.connection, sql, params)) as { affectedRows: number; insertId: number };
      return { affected: header.affectedRows, insertId: Number(header.insertId) };
    }
    const result = await this.manager.queryRunner!.query(sql, params.map(sqliteParameter), true);
    return { affected: result.affected ?? 0, insertId: Number(result.raw) };
  }

  /** Straight to mysql2; a lost transaction is reported to the runner even if the caller catches it. */
  private async send(connection: CallbackQueryable, sql: string, params: readonly unknown[]): Promise<unknown> {
    refuseIfLost(sql);
    try {
      return await sendMysql(connection, sql, params);
    } catch (error) {
      noteFailedStatement(error);
      throw error;
    }
  }
}
