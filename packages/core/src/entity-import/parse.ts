import { readCsvRecords, normalizeCsvText, detectDelimiter, type CsvRecord } from '../csv/records.ts';
import { valueColumns, type ValueColumn } from './columns.ts';
import type { ImportIssue } from './issues.ts';
import { MAPPED_COLUMNS, mapPublishedRecords, recogniseLayout, type EntityFileLayout } from './layouts.ts';

export type { CsvRecord };

export { valueColumns, type ValueColumn };
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
  /** Which layout the header is: GEA's own, or a published file read as published. */
  layout: EntityFileLayout;
  /** Records of bodies a published file lists but GEA does not keep (skipped, not refused). */
  skipped: number;
  /** For a published file: GEA column -> the file's own header, so messages name the file's column. */
  sourceColumns: Partial<Record<ValueColumn, string>>;
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
  const empty: ParsedCsv = { columns: [], records: [], recordCount: 0, issues: [], layout: 'GEA', skipped: 0, sourceColumns: {} };
  if (text.trim() === '') return { ...empty, issues: [{ line: 1, column: null, message: 'the file is empty' }] };

  const read = readCsvRecords(text, detectDelimiter(text));
  const nonBlank = read.records;
  const [header, ...data] = nonBlank;
  const issues = [...read.issues];
  if (!header) return { ...empty, issues };
  const published = recogniseLayout(header.fields);
  if (published) return parsePublished(published, header, data, issues);

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
  return { columns: usable ? columns : [], records: usable ? records : [], recordCount: data.length, issues, layout: 'GEA', skipped: 0, sourceColumns: {} };
}

/**
 * A published file (ISTAT, IPA): its many other columns are ignored, its rows mapped onto GEA's
 * columns. Placeholder cells such as "N.D." are reported by line and by the file's own column.
 */
function parsePublished(layout: NonNullable<ReturnType<typeof recogniseLayout>>, header: CsvRecord, data: CsvRecord[], issues: ImportIssue[]): ParsedCsv {
  const wellFormed: CsvRecord[] = [];
  for (const record of data) {
    // Published files sometimes end rows with one separator more or less than the header: extra
    // empty cells are harmless, missing ones are not.
    const extraBlank = record.fields.length > header.fields.length && record.fields.slice(header.fields.length).every((field) => field.trim() === '');
    if (record.fields.length === header.fields.length || extraBlank) wellFormed.push(record);
    else issues.push({ line: record.line, column: null, message: `expected ${header.fields.length} fields as in the header, found ${record.fields.length}` });
  }
  if (data.length === 0) issues.push({ line: header.line, column: null, message: 'the file has a header but no data rows' });
  const mapped = mapPublishedRecords(layout, header.fields, wellFormed);
  for (const placeholder of mapped.placeholders) {
    issues.push({
      line: placeholder.line,
      column: placeholder.column,
      message: `"${placeholder.column}" holds the placeholder "${placeholder.value}" instead of a value`,
    });
  }
  const placeholderLines = new Set(mapped.placeholders.map((p) => p.line));
  return {
    columns: MAPPED_COLUMNS.map((name, index) => ({ index, name, kind: 'value' as const })),
    // A row with a placeholder is reported once, for it; its other values are not checked.
    records: mapped.records.filter((record) => !placeholderLines.has(record.line)),
    recordCount: data.length,
    issues,
    layout: layout.layout,
    skipped: mapped.skipped,
    sourceColumns: mapped.sourceColumns,
  };
}
