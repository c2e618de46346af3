import { detectDelimiter, normalizeCsvText, readCsvRecords, type CsvRecord, type ImportIssue } from '@gea/core';

export type { CsvRecord };

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
  const text = normalizeCsvText(input);
  if (text.trim() === '') return { ...empty, issues: [fileIssue('the file is empty')] };

  // the header plus MAX_ROWS data rows
  const read = readCsvRecords(text, detectDelimiter(text), MAX_ROWS + 1);
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
