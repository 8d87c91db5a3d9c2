import { In, type EntityManager } from 'typeorm';
import { User } from './user.entity.js';

/** The users of `ids` by id (repeats allowed): one query, none for an empty list. */
export async function usersById(manager: EntityManager, ids: Iterable<number>): Promise<Map<number, User>> {
  const unique = [...new Set(ids)];
  return new Map((unique.length ? await manager.findBy(User, { id: In(unique) }) : []).map((u) => [u.id, u]));
}
