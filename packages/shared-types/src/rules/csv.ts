/** One CSV cell: quoted when it holds a comma, quote or line break; a text starting with = + - @ (or a tab or CR) is
 *  defused with a leading ' so spreadsheets never run it as a formula. Numbers stay numbers (-30 is not defused). */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A CSV document with a UTF-8 BOM and CRLF line ends, so Excel on Chinese Windows opens the Chinese text correctly. */
export function toCsv(rows: Array<Array<string | number | null>>): string {
  return '\uFEFF' + rows.map((row) => row.map(csvCell).join(',')).join('\r\n') + '\r\n';
}
