// Resident population at 31 December per municipality, from ISTAT's demographic balance as published
// ("Bilancio demografico", demo.istat.it P2 files: a title line, then "Codice comune";"Comune";...;
// "Popolazione al 31 dicembre - Totale";...). Matched to bodies by ISTAT code (also by a former code kept
// in the code history); a second import of the same file changes nothing, a changed figure is
// updated and each change audited.
import type { GeaPrismaClient, Prisma } from '@gea/db';
import { detectDelimiter, normalizeCsvText, readCsvRecords, type CsvRecord } from '../csv/records.ts';
import type { ImportIssue, ImportProgress } from '../entity-import/issues.ts';
import { isPlaceholder, normalizeHeader } from '../entity-import/layouts.ts';

export interface PopulationRow {
  line: number;
  istatCode: string;
  name: string;
  population: number;
}

export interface CheckedPopulationFile {
  /** `YYYY-12-31`, or null when neither the title nor the caller says which year. */
  referenceDate: string | null;
  /** The header cell the figures were read from. */
  column: string | null;
  rows: PopulationRow[];
  /** Data rows in the file (municipality rows, not title, header or totals). */
  rowCount: number;
  issues: ImportIssue[];
}

/** Columns holding the population at 31 December, in order of preference (editions differ). */
const POPULATION_COLUMNS = [
  'popolazione al 31 dicembre - totale',
  'popolazione residente al 31 dicembre - totale',
  'popolazione censita al 31 dicembre - totale',
  'popolazione al 31 dicembre da censimento - totale',
];
const CODE_COLUMNS = ['codice comune', 'codice istat', 'codice comune formato alfanumerico'];
const NAME_COLUMNS = ['comune', 'denominazione', 'denominazione comune'];
const MAX_POPULATION = 10_000_000;

/** "1.234.567" (Italian grouping) or "1234567". */
function populationOf(text: string): number | null {
  const value = text.trim();
  if (/^\d+$/.test(value)) return Number(value);
  if (/^\d{1,3}(\.\d{3})+$/.test(value)) return Number(value.replace(/\./g, ''));
  return null;
}

export function isThirtyFirstOfDecember(day: string): boolean {
  return /^\d{4}-12-31$/.test(day);
}

/** The year a title line names ("Bilancio demografico anno 2025 (dati provvisori)"), if exactly one. */
function yearOfTitle(titleLines: readonly string[]): number | null {
  const years = new Set(titleLines.flatMap((line) => [...line.matchAll(/\b(19\d{2}|20\d{2}|2100)\b/g)].map((m) => Number(m[1]))));
  return years.size === 1 ? [...years][0]! : null;
}

/**
 * Reads the file: title lines, the header (the first record with a "Codice comune" cell), then one
 * row per municipality. `date` (YYYY-12-31) overrides the year read from the title.
 */
export function checkPopulationFile(input: string, options: { date?: string } = {}, onProgress?: ImportProgress): CheckedPopulationFile {
  const text = normalizeCsvText(input);
  const issues: ImportIssue[] = [];
  const empty = (message: string, line = 1): CheckedPopulationFile => ({ referenceDate: null, column: null, rows: [], rowCount: 0, issues: [...issues, { line, column: null, message }] });
  if (text.trim() === '') return empty('the file is empty');
  if (options.date !== undefined && !isThirtyFirstOfDecember(options.date)) {
    return empty(`--date ${options.date}: the resident population is counted at 31 December (YYYY-12-31)`);
  }
  // The title line has no separator: the header's decides.
  const headerLine = text.split('\n').find((line) => normalizeHeader(line).includes('codice comune') || normalizeHeader(line).includes('codice istat')) ?? '';
  const read = readCsvRecords(text, detectDelimiter(headerLine));
  issues.push(...read.issues);
  const headerAt = read.records.slice(0, 10).findIndex((record) => record.fields.some((cell) => CODE_COLUMNS.includes(normalizeHeader(cell))));
  if (headerAt === -1) {
    return empty('no header with a "Codice comune" column in the first 10 lines: not an ISTAT demographic balance file');
  }
  const header = read.records[headerAt]!;
  const cells = header.fields.map(normalizeHeader);
  const find = (names: readonly string[]) => {
    for (const name of names) {
      const i = cells.indexOf(name);
      if (i !== -1) return i;
    }
    return -1;
  };
  const codeIndex = find(CODE_COLUMNS);
  const nameIndex = find(NAME_COLUMNS);
  const populationIndex = find(POPULATION_COLUMNS);
  if (populationIndex === -1) {
    return empty('no "Popolazione al 31 dicembre - Totale" column: not a file of the resident population at 31 December', header.line);
  }
  const column = header.fields[populationIndex]!.replace(/\s+/g, ' ').trim();
  const titleYear = yearOfTitle(read.records.slice(0, headerAt).map((record) => record.fields.join(' ')));
  const referenceDate = options.date ?? (titleYear === null ? null : `${titleYear}-12-31`);
  if (referenceDate === null) {
    issues.push({
      line: 1,
      column: null,
      message: 'the title does not say which year the figures are of: give it with --date YYYY-12-31',
    });
  }

  const rows: PopulationRow[] = [];
  const firstLine = new Map<string, number>();
  const data = read.records.slice(headerAt + 1);
  let rowCount = 0;
  data.forEach((record: CsvRecord, position) => {
    const cell = (i: number) => (i === -1 ? '' : (record.fields[i] ?? '').trim());
    const code = cell(codeIndex);
    // Totals and notes at the end of the file have no municipality code.
    if (code === '' || /^totale/i.test(code) || /^totale/i.test(cell(nameIndex))) return;
    rowCount++;
    const before = issues.length;
    if (isPlaceholder(code)) issues.push({ line: record.line, column: header.fields[codeIndex]!.trim(), message: `"${header.fields[codeIndex]!.trim()}" holds the placeholder "${code}" instead of a value` });
    else if (!/^\d{6}$/.test(code)) issues.push({ line: record.line, column: header.fields[codeIndex]!.trim(), message: `"${header.fields[codeIndex]!.trim()}" "${code}" must be 6 digits` });
    const figure = cell(populationIndex);
    const population = populationOf(figure);
    if (isPlaceholder(figure) || figure === '') {
      issues.push({ line: record.line, column, message: figure === '' ? `"${column}" is empty` : `"${column}" holds the placeholder "${figure}" instead of a value` });
    } else if (population === null) issues.push({ line: record.line, column, message: `"${column}" "${figure}" must be a whole number` });
    else if (population > MAX_POPULATION) issues.push({ line: record.line, column, message: `"${column}" ${figure} is more than 10,000,000` });
    if (issues.length === before) {
      const first = firstLine.get(code);
      if (first !== undefined) issues.push({ line: record.line, column: header.fields[codeIndex]!.trim(), message: `municipality ${code} is also on line ${first}` });
      else {
        firstLine.set(code, record.line);
        rows.push({ line: record.line, istatCode: code, name: cell(nameIndex), population: population! });
      }
    }
    onProgress?.('validate', position + 1, data.length);
  });
  if (rowCount === 0 && issues.length === 0) issues.push({ line: header.line, column: null, message: 'the file has a header but no municipality rows' });
  return { referenceDate, column, rows, rowCount, issues: issues.sort((a, b) => a.line - b.line) };
}

export interface PopulationImportCounts {
  rows: number;
  created: number;
  updated: number;
  unchanged: number;
  /** Municipalities of the file that are not bodies of GEA (a national file lists all of them). */
  notInGea: number;
}

export type PopulationImportOutcome =
  | { ok: true; dryRun: boolean; referenceDate: string; column: string; counts: PopulationImportCounts }
  | { ok: false; issues: ImportIssue[] };

export interface PopulationImportOptions {
  date?: string;
  dryRun?: boolean;
  onProgress?: ImportProgress;
  /** Who is recorded in the audit trail for each changed figure. */
  audit: { requestId: string; actorKind: string; actorId?: string | null; actorLabel: string };
  /**
   * `prisma` is already a transaction (a GraphQL mutation's, opened by the audit plugin): write
   * through it and let the caller commit or roll back. PGlite's driver does not nest transactions.
   */
  withinTransaction?: boolean;
}

const BATCH = 500;

/** Checks the whole file and, with no problem at all, writes it in one transaction. */
export async function importPopulation(prisma: GeaPrismaClient, text: string, options: PopulationImportOptions): Promise<PopulationImportOutcome> {
  const checked = checkPopulationFile(text, { date: options.date }, options.onProgress);
  if (checked.issues.length > 0 || checked.referenceDate === null) return { ok: false, issues: checked.issues };
  const referenceDate = new Date(`${checked.referenceDate}T00:00:00Z`);
  const source = `ISTAT, ${checked.column} (import)`;
  const run = async (tx: Prisma.TransactionClient): Promise<PopulationImportOutcome> => {
    const codes = checked.rows.map((row) => row.istatCode);
    const bodies = await tx.entity.findMany({ where: { istatCode: { in: codes } }, select: { id: true, istatCode: true } });
    // A file older than a change of code names the municipality by its former code.
    const former = await tx.entityCodeChange.findMany({ where: { kind: 'ISTAT', oldCode: { in: codes } }, select: { entityId: true, oldCode: true } });
    const bodyOf = new Map<string, string>(former.map((change) => [change.oldCode, change.entityId]));
    for (const body of bodies) bodyOf.set(body.istatCode!, body.id);
    const stored = await tx.entityPopulation.findMany({
      where: { referenceDate, entityId: { in: [...new Set(bodyOf.values())] } },
      select: { entityId: true, population: true },
    });
    const storedOf = new Map(stored.map((row) => [row.entityId, row.population]));
    const toCreate: Prisma.EntityPopulationCreateManyInput[] = [];
    const toUpdate: { entityId: string; istatCode: string; before: number; after: number }[] = [];
    const seen = new Set<string>();
    let notInGea = 0;
    let unchanged = 0;
    for (const row of checked.rows) {
      const entityId = bodyOf.get(row.istatCode);
      // Both a former and a current code of one body in the file: the current one counts.
      if (!entityId || seen.has(entityId)) {
        if (!entityId) notInGea++;
        continue;
      }
      seen.add(entityId);
      const current = storedOf.get(entityId);
      if (current === undefined) toCreate.push({ entityId, referenceDate, population: row.population, source });
      else if (current !== row.population) toUpdate.push({ entityId, istatCode: row.istatCode, before: current, after: row.population });
      else unchanged++;
    }
    const counts = { rows: checked.rowCount, created: toCreate.length, updated: toUpdate.length, unchanged, notInGea };
    if (options.dryRun) return { ok: true, dryRun: true, referenceDate: checked.referenceDate!, column: checked.column!, counts };
    const total = toCreate.length + toUpdate.length;
    let done = 0;
    options.onProgress?.('apply', 0, total);
    for (let i = 0; i < toCreate.length; i += BATCH) {
      const batch = toCreate.slice(i, i + BATCH);
      await tx.entityPopulation.createMany({ data: batch });
      done += batch.length;
      options.onProgress?.('apply', done, total);
    }
    for (const change of toUpdate) {
      await tx.entityPopulation.update({
        where: { entityId_referenceDate: { entityId: change.entityId, referenceDate } },
        data: { population: change.after, source },
      });
      options.onProgress?.('apply', ++done, total);
    }
    // A changed figure is on record with what it was: one audit event per change, plus the import's.
    await tx.auditEvent.createMany({
      data: toUpdate.map((change) => ({
        ...options.audit,
        entityId: change.entityId,
        operation: 'importPopulation',
        targetType: 'EntityPopulation',
        targetId: `${change.entityId}@${checked.referenceDate}`,
        outcome: 'SUCCESS' as const,
        before: { referenceDate: checked.referenceDate, population: change.before },
        after: { referenceDate: checked.referenceDate, population: change.after, source },
      })),
    });
    return { ok: true, dryRun: false, referenceDate: checked.referenceDate!, column: checked.column!, counts };
  };
  if (options.withinTransaction) return run(prisma as unknown as Prisma.TransactionClient);
  return prisma.$transaction(run, { maxWait: 10_000, timeout: 600_000 });
}
