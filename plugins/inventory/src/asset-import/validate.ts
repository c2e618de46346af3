import type { ImportIssue } from '@gea/core';
import { AssetKind as AssetKinds, AssetStatus as AssetStatuses, type AssetKind, type AssetStatus } from '@gea/db';
import { parseAssetCsv, type AssetColumn, type CsvRecord } from './parse.ts';

/** How a row names its body: by ISTAT code when it gives one, else by name. */
export type BodyReference = { by: 'istatCode'; istatCode: string } | { by: 'name'; name: string };

/**
 * A row without problems of its own. `null` means an empty cell (or an absent column): an
 * existing asset keeps what it has, so a file with blanks never erases data entered by hand.
 */
export interface AssetImportRow {
  line: number;
  body: BodyReference;
  inventoryTag: string;
  kind: AssetKind | null;
  status: AssetStatus | null;
  manufacturer: string | null;
  model: string | null;
  serialNumber: string | null;
  /** Name of a site of the row's body. */
  site: string | null;
  floor: string | null;
  assignedTo: string | null;
  supplier: string | null;
  /** `YYYY-MM-DD`, a real calendar date. */
  purchaseDate: string | null;
  priceCents: number | null;
  warrantyEnd: string | null;
}

export interface CheckedAssetFile {
  /** Rows without any problem of their own, in file order. */
  rows: AssetImportRow[];
  /** Data records in the file, valid or not. */
  rowCount: number;
  issues: ImportIssue[];
}

const kinds = Object.values(AssetKinds) as AssetKind[];
const statuses = Object.values(AssetStatuses) as AssetStatus[];

/** Same bound as createAsset's priceCents. */
export const MAX_PRICE_CENTS = 1_000_000_000;

/** Names are compared trimmed and case-insensitively, in the file and against the database. */
export const foldName = (name: string) => name.trim().toLowerCase();

export const describeBody = (body: BodyReference) =>
  body.by === 'istatCode' ? `with ISTAT code ${body.istatCode}` : `"${body.name}"`;
export const bodyColumn = (body: BodyReference): AssetColumn => (body.by === 'istatCode' ? 'body_istat_code' : 'body');

/**
 * Euros as written by people and spreadsheets (`1234.50`, `1234,50`, `1234`) to integer cents,
 * from the digits alone: no floating point, so no amount is ever off by a cent.
 */
export function parseEuroCents(text: string): { cents: number } | { problem: string } {
  const shown = `price_eur "${text}"`;
  if (text.startsWith('-')) return { problem: `${shown} must not be negative` };
  const separators = text.match(/[.,]/g) ?? [];
  if (separators.length > 1) {
    return { problem: `${shown} must have at most one decimal separator and no thousands separator, like 1234.50 or 1234,50` };
  }
  if (/^\d+[.,]\d{3,}$/.test(text)) return { problem: `${shown} has more than 2 decimals (write no thousands separator: 1234.50)` };
  const match = /^(\d+)(?:[.,](\d{1,2}))?$/.exec(text);
  if (!match) return { problem: `${shown} must be an amount in euros like 1234.50, 1234,50 or 1234` };
  const euros = match[1]!.replace(/^0+(?=\d)/, '');
  if (euros.length > 8) return { problem: `${shown} is more than ${(MAX_PRICE_CENTS / 100).toLocaleString('en')} euros` };
  const cents = Number(euros) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
  if (cents > MAX_PRICE_CENTS) return { problem: `${shown} is more than ${(MAX_PRICE_CENTS / 100).toLocaleString('en')} euros` };
  return { cents };
}

/** Whether `text` is `YYYY-MM-DD` and a day that exists (no 31 April, 29 February only in leap years). */
export function isCalendarDate(text: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** Longest text accepted per column: the same bounds as createAsset and updateAsset. */
const maxLength: Partial<Record<AssetColumn, number>> = {
  inventory_tag: 50,
  manufacturer: 100,
  model: 100,
  serial_number: 100,
  floor: 100,
  assigned_to: 200,
  supplier: 200,
  body: 200,
  site: 200,
};

/** Checks every record of a parsed file; each problem is reported with the record's line and column. */
export function validateAssetRecords(columns: ReadonlyMap<AssetColumn, number>, records: readonly CsvRecord[]): { rows: AssetImportRow[]; issues: ImportIssue[] } {
  const rows: AssetImportRow[] = [];
  const issues: ImportIssue[] = [];
  // (body as the file names it, tag) -> first line; the same body named two ways is caught once
  // the bodies are matched (see the plan).
  const firstLine = new Map<string, number>();

  for (const record of records) {
    const rowIssues: ImportIssue[] = [];
    const problem = (column: AssetColumn, message: string) => rowIssues.push({ line: record.line, column, message });
    const cell = (column: AssetColumn) => {
      const index = columns.get(column);
      return index === undefined ? '' : record.fields[index]!.trim();
    };
    const text = (column: AssetColumn): string | null => {
      const value = cell(column);
      if (value === '') return null;
      const max = maxLength[column];
      if (max !== undefined && value.length > max) {
        problem(column, `${column} must be at most ${max} characters`);
        return null;
      }
      return value;
    };
    const date = (column: AssetColumn): string | null => {
      const value = cell(column);
      if (value === '') return null;
      if (isCalendarDate(value)) return value;
      problem(column, `${column} "${value}" must be a date written YYYY-MM-DD`);
      return null;
    };
    const choice = <T extends string>(column: AssetColumn, allowed: readonly T[]): T | null => {
      const value = cell(column);
      if (value === '') return null;
      const upper = value.toUpperCase() as T;
      if (allowed.includes(upper)) return upper;
      problem(column, `${column} "${value}" must be one of ${allowed.join(', ')}`);
      return null;
    };

    let body: BodyReference | null = null;
    const istatCode = cell('body_istat_code');
    if (istatCode !== '') {
      if (/^\d{6}$/.test(istatCode)) body = { by: 'istatCode', istatCode };
      else problem('body_istat_code', `body_istat_code "${istatCode}" must be 6 digits`);
    } else {
      const name = text('body');
      if (name !== null) body = { by: 'name', name };
      else if (cell('body') === '') {
        problem(columns.has('body') ? 'body' : 'body_istat_code', 'body is required (the name of the body, or its body_istat_code)');
      }
    }
    const inventoryTag = text('inventory_tag');
    if (inventoryTag === null && cell('inventory_tag') === '') problem('inventory_tag', 'inventory_tag is required: it tells the assets of a body apart');

    const kind = choice('kind', kinds);
    const status = choice('status', statuses);
    const manufacturer = text('manufacturer');
    const model = text('model');
    const serialNumber = text('serial_number');
    const site = text('site');
    const floor = text('floor');
    const assignedTo = text('assigned_to');
    const supplier = text('supplier');
    const purchaseDate = date('purchase_date');
    const warrantyEnd = date('warranty_end');
    let priceCents: number | null = null;
    const price = cell('price_eur');
    if (price !== '') {
      const parsed = parseEuroCents(price);
      if ('problem' in parsed) problem('price_eur', parsed.problem);
      else priceCents = parsed.cents;
    }
    // ISO dates compare as text
    if (purchaseDate !== null && warrantyEnd !== null && warrantyEnd < purchaseDate) {
      problem('warranty_end', `warranty_end ${warrantyEnd} is before purchase_date ${purchaseDate}`);
    }

    if (body && inventoryTag !== null) {
      const key = `${body.by === 'istatCode' ? body.istatCode : foldName(body.name)}\u0000${inventoryTag}`;
      const first = firstLine.get(key);
      if (first === undefined) firstLine.set(key, record.line);
      else problem('inventory_tag', `inventory_tag "${inventoryTag}" of body ${describeBody(body)} is also on line ${first}`);
    }

    if (rowIssues.length > 0 || !body || inventoryTag === null) issues.push(...rowIssues);
    else {
      rows.push({
        line: record.line,
        body,
        inventoryTag,
        kind,
        status,
        manufacturer,
        model,
        serialNumber,
        site,
        floor,
        assignedTo,
        supplier,
        purchaseDate,
        priceCents,
        warrantyEnd,
      });
    }
  }
  return { rows, issues };
}

/** Parses and checks an asset file without touching the database. */
export function checkAssetCsv(text: string): CheckedAssetFile {
  const parsed = parseAssetCsv(text);
  const { rows, issues } = validateAssetRecords(parsed.columns, parsed.records);
  return { rows, rowCount: parsed.recordCount, issues: [...parsed.issues, ...issues].sort((a, b) => a.line - b.line) };
}
