import { EntityKind as EntityKinds, type EntityKind } from '@gea/db';
import type { EntityImportRow, ImportIssue, ImportProgress, PopulationFigure } from './issues.ts';
import { parseEntityCsv, type Column, type CsvRecord, type ValueColumn } from './parse.ts';
import type { EntityFileLayout } from './layouts.ts';

export interface CheckedFile {
  /** Rows without any problem, in file order. */
  rows: EntityImportRow[];
  layout: EntityFileLayout;
  /** Rows of bodies a published file lists and GEA does not keep. */
  skipped: number;
  /** Data records in the file, valid or not. */
  rowCount: number;
  issues: ImportIssue[];
}

const kinds = Object.values(EntityKinds) as EntityKind[];
const MAX_POPULATION = 10_000_000; // the same bound as recordPopulation
const MAX_NAME = 200;

/**
 * The numeric codice fiscale of a public body (11 digits) ends with a check digit computed like a
 * partita IVA's: a typo in a copied code is caught here rather than stored.
 */
export function isValidNumericTaxCode(code: string): boolean {
  if (!/^\d{11}$/.test(code)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const digit = Number(code[i]);
    if (i % 2 === 0) sum += digit;
    else sum += digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
  }
  return (10 - (sum % 10)) % 10 === Number(code[10]);
}

type Check = (value: string) => { value: string } | { problem: string };

const checks: Partial<Record<ValueColumn, Check>> = {
  istat_code: (v) => (/^\d{6}$/.test(v) ? { value: v } : { problem: `istat_code "${v}" must be 6 digits` }),
  cadastral_code: (v) =>
    /^[A-Za-z]\d{3}$/.test(v) ? { value: v.toUpperCase() } : { problem: `cadastral_code "${v}" must be one letter and 3 digits` },
  province: (v) => (/^[A-Za-z]{2}$/.test(v) ? { value: v.toUpperCase() } : { problem: `province "${v}" must be 2 letters` }),
  tax_code: (v) =>
    !/^\d{11}$/.test(v)
      ? { problem: `tax_code "${v}" must be 11 digits (the numeric codice fiscale of a public body)` }
      : isValidNumericTaxCode(v)
        ? { value: v }
        : { problem: `tax_code "${v}" has a wrong check digit` },
  ipa_code: (v) =>
    /^[A-Za-z0-9_.-]{1,50}$/.test(v) ? { value: v } : { problem: `ipa_code "${v}" must be up to 50 letters, digits, "_", "." or "-"` },
  pec: (v) =>
    /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 254 ? { value: v } : { problem: `pec "${v}" is not an e-mail address` },
  ceased_on: (v) =>
    /^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && new Date(`${v}T00:00:00Z`).toISOString().startsWith(v)
      ? { value: v }
      : { problem: `ceased_on "${v}" must be a date written YYYY-MM-DD` },
  successor_istat_code: (v) => (/^\d{6}$/.test(v) ? { value: v } : { problem: `successor_istat_code "${v}" must be 6 digits` }),
  member_of: (v) => (v.length <= MAX_NAME && !v.includes('\n') ? { value: v } : { problem: 'member_of must be one line of at most 200 characters' }),
};

/** Values appearing at most once in a file; later rows are reported, naming the first one. */
const uniqueColumns = ['istat_code', 'cadastral_code', 'ipa_code'] as const;

/** Checks every record of a parsed file; each problem is reported with the record's line. */
export function validateRecords(columns: readonly Column[], records: readonly CsvRecord[], onProgress?: ImportProgress): { rows: EntityImportRow[]; issues: ImportIssue[] } {
  const rows: EntityImportRow[] = [];
  const issues: ImportIssue[] = [];
  const firstLine = Object.fromEntries(uniqueColumns.map((c) => [c, new Map<string, number>()])) as Record<
    (typeof uniqueColumns)[number],
    Map<string, number>
  >;
  // Rows without an ISTAT code are matched to existing bodies by name and kind: those must be unique too.
  const firstByName = new Map<string, number>();
  const valueIndex = new Map(columns.flatMap((c) => (c.kind === 'value' ? [[c.name, c.index] as const] : [])));
  // Oldest first, whatever the order of the columns in the file.
  const populationColumns = columns
    .flatMap((c) => (c.kind === 'population' ? [c] : []))
    .sort((a, b) => a.referenceDate.localeCompare(b.referenceDate));

  records.forEach((record, position) => {
    const rowIssues: ImportIssue[] = [];
    const problem = (column: string | null, message: string) => rowIssues.push({ line: record.line, column, message });
    const raw = (column: ValueColumn) => {
      const index = valueIndex.get(column);
      return index === undefined ? '' : record.fields[index]!.trim();
    };
    const value = (column: ValueColumn): string | null => {
      const text = raw(column);
      if (text === '') return null;
      const result = checks[column]!(text);
      if ('problem' in result) {
        problem(column, result.problem);
        return null;
      }
      return result.value;
    };

    const kindText = raw('kind').toUpperCase();
    if (kindText === '') problem('kind', 'kind is required');
    else if (!kinds.includes(kindText as EntityKind)) problem('kind', `kind "${raw('kind')}" must be one of ${kinds.join(', ')}`);
    const name = raw('name');
    if (name === '') problem('name', 'name is required');
    else if (name.includes('\n')) problem('name', 'name must be on one line');
    else if (name.length > MAX_NAME) problem('name', `name must be at most ${MAX_NAME} characters`);

    const codes = {
      istat_code: value('istat_code'),
      cadastral_code: value('cadastral_code'),
      ipa_code: value('ipa_code'),
    };
    const province = value('province');
    const taxCode = value('tax_code');
    const pec = value('pec');
    const memberOf = value('member_of');
    const ceasedOn = value('ceased_on');
    const successorIstatCode = value('successor_istat_code');
    if ((raw('ceased_on') === '') !== (raw('successor_istat_code') === '')) {
      problem(raw('ceased_on') === '' ? 'ceased_on' : 'successor_istat_code', 'a merger needs both ceased_on and successor_istat_code');
    }
    if (successorIstatCode !== null && successorIstatCode === codes.istat_code) {
      problem('successor_istat_code', `successor_istat_code "${successorIstatCode}" is the body's own ISTAT code`);
    }

    const populations: PopulationFigure[] = [];
    for (const column of populationColumns) {
      const text = record.fields[column.index]!.trim();
      if (text === '') continue;
      const population = /^\d+$/.test(text) ? Number(text) : Number.NaN;
      if (Number.isNaN(population)) problem(column.name, `${column.name} "${text}" must be a non-negative integer (digits only)`);
      else if (population > MAX_POPULATION) problem(column.name, `${column.name} ${text} is more than ${MAX_POPULATION.toLocaleString('en')}`);
      else populations.push({ referenceDate: column.referenceDate, population, column: column.name });
    }

    for (const column of uniqueColumns) {
      const code = codes[column];
      if (code === null) continue;
      const first = firstLine[column].get(code);
      if (first === undefined) firstLine[column].set(code, record.line);
      else problem(column, `${column} "${code}" is also on line ${first}`);
    }
    if (codes.istat_code === null && raw('istat_code') === '' && name !== '' && rowIssues.every((i) => i.column !== 'kind')) {
      const key = `${kindText}\u0000${name}`;
      const first = firstByName.get(key);
      if (first === undefined) firstByName.set(key, record.line);
      else problem('name', `${kindText} "${name}" without istat_code is also on line ${first} (such rows are told apart by kind and name)`);
    }

    if (rowIssues.length > 0) issues.push(...rowIssues);
    else {
      rows.push({
        line: record.line,
        kind: kindText as EntityKind,
        name,
        istatCode: codes.istat_code,
        cadastralCode: codes.cadastral_code,
        province,
        taxCode,
        ipaCode: codes.ipa_code,
        pec,
        memberOf,
        populations,
        // Only on rows of a merger: other rows read as before.
        ...(ceasedOn !== null && successorIstatCode !== null ? { ceasedOn, successorIstatCode } : {}),
      });
    }
    onProgress?.('validate', position + 1, records.length);
  });
  return { rows, issues };
}

/** Parses and checks an import file without touching the database. */
export function checkEntityCsv(text: string, onProgress?: ImportProgress): CheckedFile {
  const parsed = parseEntityCsv(text);
  const checked = validateRecords(parsed.columns, parsed.records, onProgress);
  // A published file's problems name its own columns ("Codice Catastale del comune"), not GEA's.
  const sourceOf = parsed.sourceColumns as Record<string, string | undefined>;
  const issues = checked.issues.map((issue) => {
    const source = issue.column === null ? undefined : sourceOf[issue.column];
    if (!source) return issue;
    const message = issue.message.startsWith(`${issue.column} `) ? `"${source}"${issue.message.slice(issue.column!.length)}` : issue.message;
    return { ...issue, column: source, message };
  });
  return {
    rows: checked.rows,
    layout: parsed.layout,
    skipped: parsed.skipped,
    rowCount: parsed.recordCount,
    issues: [...parsed.issues, ...issues].sort((a, b) => a.line - b.line),
  };
}
