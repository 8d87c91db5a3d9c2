import { Brackets } from 'typeorm';

/** A LIKE pattern matching `text` anywhere, its own % and _ taken literally (escape '!' works on SQLite and MySQL alike). */
export function containsPattern(text: string): string {
  return `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
}

/** Residents whose name, phone or room contains `q`; `alias` is the users table's alias in the query. */
export function residentMatches(alias: string, q: string): Brackets {
  const like = containsPattern(q);
  return new Brackets((w) =>
    w
      .where(`${alias}.name LIKE :like ESCAPE '!'`, { like })
      .orWhere(`${alias}.phone LIKE :like ESCAPE '!'`, { like })
      .orWhere(`${alias}.room LIKE :like ESCAPE '!'`, { like }),
  );
}
