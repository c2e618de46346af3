// Reading an asset file in the browser and rewriting it in GEA's format for importAssets: the
// records with the line each starts on, the columns recognised (../src/asset-import/formats.ts), the
// bodies named as the person's bodies are named, and the map from the lines sent back to the
// lines of the person's own file, so that every problem is reported where they can find it.
import { parse } from 'csv-parse/browser/esm/sync';
import { stringify } from 'csv-stringify/browser/esm/sync';
import { normaliseCell, recogniseHeader, type ImportFormat } from '../src/asset-import/formats.ts';
import type { AssetColumn } from '../src/asset-import/parse.ts';

export interface SourceRecord {
  /** Line of the file the record starts on (1: the header). */
  line: number;
  fields: string[];
}

export interface SourceFile {
  header: string[];
  records: SourceRecord[];
  delimiter: ';' | ',';
  format: ImportFormat;
  mapping: (AssetColumn | null)[];
}

/** UTF-8 with or without BOM; anything else is refused rather than read with wrong letters. */
export function decodeUtf8(bytes: ArrayBuffer): string | null {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes).replace(/^\uFEFF/, '');
  } catch {
    return null;
  }
}

/** The separator of the header line: `;` when it has more semicolons than commas outside quotes. */
function delimiterOf(text: string): ';' | ',' {
  const header = text.split(/\r?\n/, 1)[0]!.replace(/"[^"]*"/g, '');
  return (header.match(/;/g)?.length ?? 0) > (header.match(/,/g)?.length ?? 0) ? ';' : ',';
}

export function readSourceFile(text: string): SourceFile {
  const delimiter = delimiterOf(text);
  const rows = parse(text, { delimiter, info: true, raw: true, relax_column_count: true, skip_empty_lines: true }) as unknown as {
    record: string[];
    info: { lines: number };
    raw: string;
  }[];
  // csv-parse gives the line a record ends on; a quoted cell may span lines.
  const records = rows.map((row) => ({
    line: row.info.lines - (row.raw.replace(/^(\r?\n)+/, '').replace(/\r?\n$/, '').match(/\n/g)?.length ?? 0),
    fields: row.record,
  }));
  const [header, ...data] = records;
  const names = header?.fields.map((name) => name.trim()) ?? [];
  return { header: names, records: data, delimiter, ...recogniseHeader(names) };
}

/** What the screen checks before sending: each field from one column, a tag and a body. */
export function mappingProblems(mapping: readonly (AssetColumn | null)[], header: readonly string[]) {
  const columnsOf = new Map<AssetColumn, string[]>();
  mapping.forEach((column, index) => column && columnsOf.set(column, [...(columnsOf.get(column) ?? []), header[index]!]));
  return {
    duplicates: [...columnsOf].filter(([, columns]) => columns.length > 1).map(([field, columns]) => ({ field, columns })),
    missingTag: !columnsOf.has('inventory_tag'),
    missingBody: !columnsOf.has('body') && !columnsOf.has('body_istat_code'),
  };
}

const fold = (name: string) => name.trim().toLowerCase().replace(/^comune di\s+/, '').replace(/\s+/g, ' ');

export interface GeaFile {
  csv: string;
  /** Line of the original file for each line of `csv` (index 0 unused, 1 the header). */
  sourceLine: number[];
  /** For each GEA column, the file's column it came from (for messages). */
  sourceColumn: Map<string, string>;
  rows: number;
}

/**
 * The file in GEA's columns, one record per line. Bodies are written as the person's bodies are
 * named ("Comune di Pontassieve" becomes "Pontassieve"); six digits are an ISTAT code. A body the
 * person does not know is sent as written, for the API to refuse on its line.
 */
export function toGeaFile(file: SourceFile, mapping: readonly (AssetColumn | null)[], bodies: readonly { name: string }[]): GeaFile {
  const used = [...new Set(mapping.filter((column): column is AssetColumn => column !== null))];
  const columns = [...new Set<AssetColumn>([...used, 'body', 'body_istat_code'])];
  const byName = new Map(bodies.map((body) => [fold(body.name), body.name]));
  const sourceColumn = new Map<string, string>();
  mapping.forEach((column, index) => column && sourceColumn.set(column, file.header[index]!));
  if (sourceColumn.has('body') && !sourceColumn.has('body_istat_code')) sourceColumn.set('body_istat_code', sourceColumn.get('body')!);

  const rows = file.records.map((record) => {
    const values = new Map<AssetColumn, string>();
    mapping.forEach((column, index) => {
      if (column) values.set(column, normaliseCell(file.format, column, record.fields[index] ?? ''));
    });
    const body = values.get('body') ?? '';
    if (/^\d{6}$/.test(body) && !values.get('body_istat_code')) {
      values.set('body_istat_code', body);
      values.set('body', '');
    } else if (body) values.set('body', byName.get(fold(body)) ?? body);
    return columns.map((column) => values.get(column) ?? '');
  });
  const csv = stringify([columns, ...rows], { record_delimiter: '\n' });
  return { csv, sourceLine: [0, 1, ...file.records.map((record) => record.line)], sourceColumn, rows: rows.length };
}
