import { Column, CreateDateColumn, type ColumnOptions } from 'typeorm';

/** UTC instant with millisecond precision on MySQL (SQLite stores the text form). */
export const DateTimeColumn = (options: ColumnOptions = {}) =>
  Column({ type: 'datetime', precision: 3, ...options });

export const CreatedAtColumn = () => CreateDateColumn({ type: 'datetime', precision: 3 });
