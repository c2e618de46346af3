import type { ImportIssue } from '@gea/core';
import { CsvError, parse } from 'csv-parse/sync';

/** The columns `assetsCsv` writes: a file exported from one GEA imports into another as it is. */
export const exportedColumns = [
  'body',
  'inventory_tag',
  'kind',
  'status',
  'manufacturer',
  'model',
  'serial_number',
  'site',
  'assigned_to',
  'supplier',
  'purchase_date',
  'price_eur',
  'warranty_end',
] as const;
export const assetColumns = [...exportedColumns, 'floor', 'body_istat_code'] as const;
export type AssetColumn = (typeof assetColumns)[number];

export const MAX_CSV_CHARACTERS = 10_000_000;
export const MAX_ROWS = 200_000;

/** A record of the file with the line it starts on (a quoted field may span several lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export interface ParsedAssetCsv {
  /** Where each column of the header is; empty when the header is unusable (then no row is checked). */
  columns: ReadonlyMap<AssetColumn, number>;
  /** Data records with the header's number of fields; blank records are left out. */
  records: CsvRecord[];
  /** Data records in the file, including malformed ones. */
  recordCount: number;
  issues: ImportIssue[];
}

const fileIssue = (message: string): ImportIssue => ({ line: 1, column: null, message });

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
function readRecords(text: string, delimiter: string): { records: CsvRecord[]; issues: ImportIssue[]; tooMany: boolean } {
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
          // the header plus MAX_ROWS data rows
          if (++nonBlank > MAX_ROWS + 1) throw new TooManyRows();
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
export function strictProblem(body: string, delimiter: string): { offset: number; message: string } | null {
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

/** Reads the header and the records of an asset file. Checks the shape only, not the values. */
export function parseAssetCsv(input: string): ParsedAssetCsv {
  const empty: ParsedAssetCsv = { columns: new Map(), records: [], recordCount: 0, issues: [] };
  // Checked before any work: the limit protects the server, so it must not depend on the content.
  if (input.length > MAX_CSV_CHARACTERS) {
    return {
      ...empty,
      issues: [fileIssue(`the file has ${input.length.toLocaleString('en')} characters: at most ${MAX_CSV_CHARACTERS.toLocaleString('en')} are accepted`)],
    };
  }
  // One line break convention, so that line numbers are counted the same for every file.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '') return { ...empty, issues: [fileIssue('the file is empty')] };

  // Spreadsheets set to Italian save CSV with semicolons; a header never contains either.
  const headerLine = text.split('\n', 50).find((line) => line.trim() !== '') ?? '';
  const delimiter = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const read = readRecords(text, delimiter);
  if (read.tooMany) {
    return { ...empty, issues: [fileIssue(`the file has more than ${MAX_ROWS.toLocaleString('en')} rows: split it into smaller files`)] };
  }
  const [header, ...data] = read.records;
  const issues = [...read.issues];
  if (!header) return { ...empty, issues };

  const columns = new Map<AssetColumn, number>();
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  let usable = true;
  header.fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === '') {
      issues.push({ line: header.line, column: null, message: `column ${index + 1} has no name` });
      usable = false;
    } else if (seen.has(name)) {
      issues.push({ line: header.line, column: name, message: `column "${name}" appears twice (columns ${seen.get(name)! + 1} and ${index + 1})` });
      usable = false;
    } else {
      seen.set(name, index);
      if ((assetColumns as readonly string[]).includes(name)) columns.set(name as AssetColumn, index);
      else unknown.push(name);
    }
  });
  if (unknown.length > 0) {
    issues.push({
      line: header.line,
      column: unknown.length === 1 ? unknown[0]! : null,
      message: `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')} (known: ${assetColumns.join(', ')})`,
    });
    // the rows are still checked, so that one pass reports every problem
  }
  if (!columns.has('inventory_tag')) {
    issues.push({ line: header.line, column: 'inventory_tag', message: 'required column "inventory_tag" is missing' });
    usable = false;
  }
  if (!columns.has('body') && !columns.has('body_istat_code')) {
    issues.push({ line: header.line, column: 'body', message: 'a column "body" (the body\'s name) or "body_istat_code" is required' });
    usable = false;
  }
  if (data.length === 0 && read.issues.length === 0) {
    issues.push({ line: header.line, column: null, message: 'the file has a header but no data rows' });
  }

  const records: CsvRecord[] = [];
  for (const record of data) {
    if (record.fields.length === header.fields.length) records.push(record);
    else {
      issues.push({
        line: record.line,
        column: null,
        message: `expected ${header.fields.length} fields as in the header, found ${record.fields.length}`,
      });
    }
  }
  return { columns: usable ? columns : new Map(), records: usable ? records : [], recordCount: data.length, issues };
}
