// Writing CSV exports in one of two dialects, so every list exports the same way:
// - STANDARD: RFC 4180 as most programs read it (comma, decimal point, no byte-order mark);
// - ITALIAN_EXCEL: what Excel set to Italian opens as columns (semicolon, decimal comma, UTF-8 with
//   a byte-order mark, without which it reads the accents as Windows-1252).
import { stringify } from 'csv-stringify/sync';

export const csvDialects = ['STANDARD', 'ITALIAN_EXCEL'] as const;
export type CsvDialect = (typeof csvDialects)[number];

/** A cell: text as it is, or an amount in integer cents written as euros in the dialect's decimals. */
export type CsvCell = string | { cents: number | null };

/** Integer cents as euros with two decimals, never through floating point; no thousands separator, so the file reads back. */
export function eurosOfCents(cents: number, decimalMark: '.' | ',' = '.'): string {
  const sign = cents < 0 ? '-' : '';
  const whole = Math.abs(cents);
  return `${sign}${Math.trunc(whole / 100)}${decimalMark}${String(whole % 100).padStart(2, '0')}`;
}

/** The header row and the rows as CSV text in the dialect (the ITALIAN_EXCEL text starts with the byte-order mark). */
export function writeCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[], dialect: CsvDialect = 'STANDARD'): string {
  const italian = dialect === 'ITALIAN_EXCEL';
  const decimalMark = italian ? ',' : '.';
  const cells = rows.map((row) => row.map((cell) => (typeof cell === 'string' ? cell : cell.cents === null ? '' : eurosOfCents(cell.cents, decimalMark))));
  return stringify([[...header], ...cells], { delimiter: italian ? ';' : ',', bom: italian });
}
