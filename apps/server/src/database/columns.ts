import { Column, CreateDateColumn, type ColumnOptions } from 'typeorm';

/** UTC instant with microsecond precision on MySQL, matching CURRENT_TIMESTAMP(6) (SQLite stores the text form). */
export const DateTimeColumn = (options: ColumnOptions = {}) => Column({ type: 'datetime', precision: 6, ...options });

export const CreatedAtColumn = () => CreateDateColumn({ type: 'datetime', precision: 6 });
