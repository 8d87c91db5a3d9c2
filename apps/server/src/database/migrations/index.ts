import { Foundation1764300000000 } from './1764300000000-foundation.js';

/** In order. Each migration serves SQLite and MySQL alike. */
export const migrations = [Foundation1764300000000];
