import { CsvError, parse } from 'csv-parse/sync';
import type { ImportIssue } from './issues.ts';

/** A record of the file with the line it starts on (a quoted field may span several lines). */
export interface CsvRecord {
  line: number;
  fields: string[];
}

export const valueColumns = [
  'kind',
  'name',
  'istat_code',
  'cadastral_code',
  'province',
  'tax_code',
  'ipa_code',
  'pec',
  'member_of',
  'notes',
] as const;
export type ValueColumn = (typeof valueColumns)[number];
const requiredColumns: readonly ValueColumn[] = ['kind', 'name'];

export type Column =
  | { index: number; name: ValueColumn; kind: 'value' }
  /** `population_YYYY_01_01`: the resident population on 1 January, i.e. at 31 December of the year before. */
  | { index: number; name: string; kind: 'population'; referenceDate: string };

export interface ParsedCsv {
  /** Recognised columns; empty when the header is unusable (then no row is checked). */
  columns: Column[];
  /** Data records with the header's number of fields; blank records are left out. */
  records: CsvRecord[];
  /** Data records in the file, including malformed ones. */
  recordCount: number;
  issues: ImportIssue[];
}

const POPULATION = /^population_(\d{4})_(\d{2})_(\d{2})$/;

/** `population_2021_01_01` gives `2020-12-31`; any other date is not a population column GEA understands. */
export function populationReferenceDate(column: string): string | null {
  const match = POPULATION.exec(column);
  if (!match || match[2] !== '01' || match[3] !== '01') return null;
  const year = Number(match[1]);
  if (year < 1862) return null; // the first Italian census counted the population at 31 December 1861
  return `${year - 1}-12-31`;
}

function newlines(text: string): number {
  let count = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) count++;
  return count;
}

function syntaxMessage(error: CsvError): string {
  switch (error.code) {
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'malformed CSV: a closing quote must be followed by the separator or the end of the line (write a quote inside a quoted field as "")';
    case 'INVALID_OPENING_QUOTE':
      return 'malformed CSV: a quote in the middle of an unquoted field (quote the whole field and write the quote as "")';
    default:
      // csv-parse counts lines within the record: drop its line number, the caller gives the file's
      return `malformed CSV: ${error.message.replace(/ at line \d+/g, '').split('\n')[0]}`;
  }
}

/** Why a record breaks the CSV quoting rules, or null when it follows them. */
function quotingProblem(body: string, delimiter: string): { offset: number; message: string } | null {
  try {
    const strict = parse(body, { delimiter, relax_column_count: true });
    return strict.length === 1 ? null : { offset: 0, message: 'malformed CSV: the quotes of this row do not pair up' };
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { offset: ((error as { lines?: number }).lines ?? 1) - 1, message: syntaxMessage(error) };
  }
}

/**
 * Splits the text into records, each with the line it starts on. Records are delimited leniently
 * (a stray quote does not swallow the rows after it), then each record is checked against the
 * strict quoting rules, so every malformed row is reported on its own line and the others are
 * still checked. An unclosed quote at the end swallows the rest of the file, so it ends the reading.
 */
export function readRecords(text: string, delimiter: string): { records: CsvRecord[]; issues: ImportIssue[] } {
  const records: CsvRecord[] = [];
  const issues: ImportIssue[] = [];
  let lastEnd = 0;
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
        const problem = quotingProblem(body, delimiter);
        if (problem) {
          const where = problem.offset > 0 ? ` (at line ${line + problem.offset})` : '';
          issues.push({ line, column: null, message: `${problem.message}${where}` });
        } else {
          records.push({ line, fields: record });
        }
        return null;
      },
    });
  } catch (error) {
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
  return { records, issues };
}

/** Reads the header and the records of an import file. Checks the shape only, not the values. */
export function parseEntityCsv(input: string): ParsedCsv {
  // One line break convention, so that line numbers are counted the same for every file.
  const text = input.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const empty: ParsedCsv = { columns: [], records: [], recordCount: 0, issues: [] };
  if (text.trim() === '') return { ...empty, issues: [{ line: 1, column: null, message: 'the file is empty' }] };

  // Spreadsheets set to Italian save CSV with semicolons; a header never contains either.
  const headerLine = text.split('\n').find((line) => line.trim() !== '')!;
  const delimiter = headerLine.includes(';') && !headerLine.includes(',') ? ';' : ',';
  const read = readRecords(text, delimiter);
  const nonBlank = read.records.filter((record) => record.fields.some((field) => field.trim() !== ''));
  const [header, ...data] = nonBlank;
  const issues = [...read.issues];
  if (!header) return { ...empty, issues };

  const columns: Column[] = [];
  const seen = new Map<string, number>();
  const unknown: string[] = [];
  let usable = true;
  header.fields.forEach((raw, index) => {
    const name = raw.trim().toLowerCase();
    if (name === '') {
      issues.push({ line: header.line, column: null, message: `column ${index + 1} has no name` });
      usable = false;
      return;
    }
    if (seen.has(name)) {
      issues.push({ line: header.line, column: name, message: `column "${name}" appears twice (columns ${seen.get(name)! + 1} and ${index + 1})` });
      usable = false;
      return;
    }
    seen.set(name, index);
    if ((valueColumns as readonly string[]).includes(name)) {
      columns.push({ index, name: name as ValueColumn, kind: 'value' });
      return;
    }
    const referenceDate = populationReferenceDate(name);
    if (referenceDate) {
      columns.push({ index, name, kind: 'population', referenceDate });
    } else if (POPULATION.test(name)) {
      issues.push({
        line: header.line,
        column: name,
        message: `column "${name}": a population column is named population_YYYY_01_01 (resident population on 1 January of a year from 1862)`,
      });
    } else {
      unknown.push(name);
    }
  });
  if (unknown.length > 0) {
    issues.push({
      line: header.line,
      column: unknown.length === 1 ? unknown[0]! : null,
      message:
        `unknown column${unknown.length > 1 ? 's' : ''} ${unknown.map((name) => `"${name}"`).join(', ')} ` +
        `(known: ${valueColumns.join(', ')}, population_YYYY_01_01)`,
    });
  }
  for (const required of requiredColumns) {
    if (!seen.has(required)) {
      issues.push({ line: header.line, column: required, message: `required column "${required}" is missing` });
      usable = false;
    }
  }
  if (data.length === 0 && read.issues.length === 0) {
    issues.push({ line: header.line, column: null, message: 'the file has a header but no data rows' });
  }

  const records: CsvRecord[] = [];
  for (const record of data) {
    if (record.fields.length !== header.fields.length) {
      issues.push({
        line: record.line,
        column: null,
        message: `expected ${header.fields.length} fields as in the header, found ${record.fields.length}`,
      });
    } else {
      records.push(record);
    }
  }
  return { columns: usable ? columns : [], records: usable ? records : [], recordCount: data.length, issues };
}
