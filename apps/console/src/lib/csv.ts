import { toCsv } from '@linli/shared-types';

/** A CSV download (the shared toCsv: UTF-8 BOM, CRLF, formulas defused), as a Blob. */
export function csvBlob(rows: (string | number)[][]): Blob {
  return new Blob([toCsv(rows)], { type: 'text/csv;charset=utf-8' });
}
