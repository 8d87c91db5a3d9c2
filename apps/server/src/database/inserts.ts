import type { EntityManager, EntityTarget, ObjectLiteral, QueryDeepPartialEntity } from 'typeorm';

/**
 * One INSERT statement and nothing else: TypeORM's own insert re-reads every column that has a database default
 * (createdAt) with a second statement on MySQL/MariaDB. Returns the generated id (of a single-row insert).
 */
export async function insertRows<E extends ObjectLiteral>(
  manager: EntityManager,
  target: EntityTarget<E>,
  values: QueryDeepPartialEntity<E> | QueryDeepPartialEntity<E>[],
): Promise<number> {
  const { raw } = await manager.createQueryBuilder().insert().into(target).values(values).updateEntity(false).execute();
  // mysql2 answers a result header, better-sqlite3 the last row id.
  return Number((raw as { insertId?: number }).insertId ?? raw);
}
