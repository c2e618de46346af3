import { readCsvRecords, normalizeCsvText, detectDelimiter, type CsvRecord } from '../csv/records.ts';
import type { ImportIssue } from './issues.ts';

export type { CsvRecord };

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

/** Reads the header and the records of an import file. Checks the shape only, not the values. */
export function parseEntityCsv(input: string): ParsedCsv {
  const text = normalizeCsvText(input);
  const empty: ParsedCsv = { columns: [], records: [], recordCount: 0, issues: [] };
  if (text.trim() === '') return { ...empty, issues: [{ line: 1, column: null, message: 'the file is empty' }] };

  const read = readCsvRecords(text, detectDelimiter(text));
  const nonBlank = read.records;
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
