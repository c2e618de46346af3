// Reading import files (bodies, assets, ...): records with the line each starts on, and every
// quoting problem reported on its own line instead of one error for the whole file.
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportIssue } from '../entity-import/issues.ts';

/** A record of the file with the line it starts on (a quoted field may span several lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** One line-break convention and no byte-order mark, so that line numbers are counted the same for every file. */
export const normalizeCsvText = (input: string) => input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');

/** Spreadsheets set to Italian save CSV with semicolons; a header never contains either. */
export function detectDelimiter(text: string): ',' | ';' {
  const headerLine = text.split('\n', 50).find((line) => line.trim() !== '') ?? '';
  return headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function syntaxMessage(error: CsvError): string {
  // csv-parse counts lines within the record: the caller gives the file's line instead
  return `malformed CSV: ${error.message.replace(/ at line \d+/g, '').split('\n')[0]}`;
}

/** Thrown from inside the parser to stop reading a file with too many rows. */
class TooManyRows extends Error {}

/**
 * Splits the text into records, each with the line it starts on. Records are delimited leniently,
 * so that a stray quote does not swallow the rows after it; a record holding a quote is then read
 * again under the strict rules, so each malformed row is reported on its own line. An unclosed
 * quote swallows the rest of the file, so it ends the reading.
 */
export function readCsvRecords(
  text: string,
  delimiter: string,
  maxRecords = Number.POSITIVE_INFINITY,
): { records: CsvRecord[]; issues: ImportIssue[]; tooMany: boolean } {
  const records: CsvRecord[] = [];
  const issues: ImportIssue[] = [];
  let lastEnd = 0;
  let nonBlank = 0;
  try {
    parse(text, {
      delimiter,
      raw: true,
      relax_quotes: true,
      relax_column_count: true,
      skip_empty_lines: true,
      on_record: (value, context) => {
        const { record, raw } = value as unknown as { record: string[]; raw: string };
        // raw also holds the blank lines skipped before the record and its own line break
        const body = raw.replace(/^\n+/, '').replace(/\n$/, '');
        const line = context.lines - newlines(body);
        lastEnd = context.lines;
        if (body.includes('"')) {
          const problem = strictProblem(body, delimiter);
          if (problem) {
            issues.push({ line, column: null, message: problem.offset > 0 ? `${problem.message} (at line ${line + problem.offset})` : problem.message });
            return null;
          }
        }
        if (record.some((field) => field.trim() !== '')) {
          if (++nonBlank > maxRecords) throw new TooManyRows();
          records.push({ line, fields: record });
        }
        return null;
      },
    });
  } catch (error) {
    if (error instanceof TooManyRows) return { records: [], issues: [], tooMany: true };
    if (!(error instanceof CsvError)) throw error;
    const lines = text.split('\n');
    let start = lastEnd + 1;
    while (start <= lines.length && lines[start - 1]!.trim() === '') start++;
    issues.push({
      line: start,
      column: null,
      message:
        error.code === 'CSV_QUOTE_NOT_CLOSED'
          ? 'malformed CSV: a quoted field starts on this line and is never closed (write a quote inside a quoted field as "")'
          : syntaxMessage(error),
    });
  }
  return { records, issues, tooMany: false };
}

const CLOSING_QUOTE =
  'malformed CSV: a closing quote must be followed by the separator or the end of the line (write a quote inside a quoted field as "")';
const QUOTE_INSIDE = 'malformed CSV: a quote in the middle of an unquoted field (quote the whole field and write the quote as "")';

/**
 * Why a record breaks the strict CSV quoting rules (RFC 4180), or null when it follows them, and
 * on which of its lines. Written out rather than parsing the record again: exported files quote
 * most rows, and a parser call per row cost seconds on large files.
 */
function strictProblem(body: string, delimiter: string): { offset: number; message: string } | null {
  let offset = 0;
  let i = 0;
  for (;;) {
    if (body[i] === '"') {
      i++;
      for (;;) {
        const quote = body.indexOf('"', i);
        if (quote === -1) return { offset: 0, message: 'malformed CSV: the quotes of this row do not pair up' };
        offset += newlines(body.slice(i, quote));
        if (body[quote + 1] === '"') {
          i = quote + 2;
          continue;
        }
        i = quote + 1;
        break;
      }
      if (i === body.length) return null;
      if (body[i] !== delimiter) return { offset, message: CLOSING_QUOTE };
      i++;
    } else {
      const end = body.indexOf(delimiter, i);
      const field = end === -1 ? body.slice(i) : body.slice(i, end);
      if (field.includes('"')) return { offset, message: QUOTE_INSIDE };
      if (field.includes('\n')) return { offset: 0, message: 'malformed CSV: the quotes of this row do not pair up' };
      if (end === -1) return null;
      i = end + 1;
    }
  }
}

