// Import of public bodies from a CSV file in the style of data/entities.csv (ISTAT/IPA open data):
// parse.ts reads the shape, validate.ts checks every value, apply.ts matches and writes.
import type { GeaPrismaClient } from '@gea/db';
import { ConflictError, prismaErrorCode } from '../errors.ts';
import { applyEntityImportPlan, countsOf, italianToday, planEntityImport, type ImportClient } from './apply.ts';
import { compareIssues, type EntityImportCounts, type ImportIssue, type ImportProgress } from './issues.ts';
import { checkEntityCsv } from './validate.ts';
import { applyChanges, isChangesHeader, planChanges, readChangeEvents } from './changes.ts';
import { detectDelimiter, normalizeCsvText, readCsvRecords } from '../csv/records.ts';
import type { EntityFileLayout } from './layouts.ts';

export { checkEntityCsv } from './validate.ts';
export { parseEntityCsv, populationReferenceDate } from './parse.ts';
export { planEntityImport, applyEntityImportPlan, countsOf, italianToday } from './apply.ts';
export * from './issues.ts';
export { decodeImportBytes, type TextEncodingName } from './decode.ts';
export { recogniseLayout, isPlaceholder, type EntityFileLayout } from './layouts.ts';

export interface ImportEntitiesOptions {
  /** Check everything and count what would change, write nothing. */
  dryRun?: boolean;
  onProgress?: ImportProgress;
  /** The day new memberships start (default: today in Italy). */
  today?: Date;
  /**
   * The client already is an interactive transaction (a GraphQL mutation's, opened by the audit
   * plugin): write through it, and the caller commits or rolls back. Drivers such as PGlite's do
   * not nest transactions, so none is opened inside it.
   */
  withinTransaction?: boolean;
}

export type EntityImportOutcome =
  | { ok: true; dryRun: boolean; counts: EntityImportCounts; layout: EntityFileLayout }
  | { ok: false; issues: ImportIssue[] };

/** A large file on PGlite takes a while; the default 5 s of an interactive transaction does not fit it. */
const TRANSACTION = { maxWait: 10_000, timeout: 600_000 } as const;

/**
 * Checks a whole file (shape, values, duplicates, then what depends on the database) and, when it
 * has no problem at all, writes it in one transaction. Every problem is reported with its line.
 */
export async function importEntities(
  prisma: GeaPrismaClient,
  csv: string,
  options: ImportEntitiesOptions = {},
): Promise<EntityImportOutcome> {
  const { dryRun = false, onProgress, today = italianToday(), withinTransaction = false } = options;
  const changes = await importChangesFile(prisma, csv, { dryRun, withinTransaction });
  if (changes) return changes;
  const checked = checkEntityCsv(csv, onProgress);
  if (checked.issues.length > 0) {
    // Still check the valid rows against the database, so one pass reports every problem.
    const plan = checked.rows.length > 0 ? await planEntityImport(prisma, checked.rows, today) : null;
    return { ok: false, issues: [...checked.issues, ...(plan?.issues ?? [])].sort(compareIssues) };
  }
  if (dryRun) {
    const plan = await planEntityImport(prisma, checked.rows, today);
    if (plan.issues.length > 0) return { ok: false, issues: plan.issues.sort(compareIssues) };
    return { ok: true, dryRun: true, counts: countsOf(plan, checked.rowCount, checked.skipped), layout: checked.layout };
  }
  // Planned inside the transaction, so the matches it relies on still hold when writing.
  const planAndApply = async (tx: ImportClient): Promise<EntityImportOutcome> => {
    const plan = await planEntityImport(tx, checked.rows, today);
    if (plan.issues.length > 0) return { ok: false, issues: plan.issues.sort(compareIssues) };
    await applyEntityImportPlan(tx, plan, onProgress);
    return { ok: true, dryRun: false, counts: countsOf(plan, checked.rowCount, checked.skipped), layout: checked.layout };
  };
  try {
    return withinTransaction ? await planAndApply(prisma) : await prisma.$transaction(planAndApply, TRANSACTION);
  } catch (error) {
    if (prismaErrorCode(error) === 'P2002') {
      throw new ConflictError('another change to the same bodies was saved while importing; nothing was imported, try again');
    }
    throw error;
  }
}

/**
 * ISTAT's "Variazioni amministrative e territoriali" file, recognised by its header: the changes of
 * province (code history) and the municipalities that ceased (with their successor) among GEA's
 * bodies. Null for any other file.
 */
async function importChangesFile(
  prisma: GeaPrismaClient,
  csv: string,
  options: { dryRun: boolean; withinTransaction: boolean },
): Promise<EntityImportOutcome | null> {
  const text = normalizeCsvText(csv);
  const firstLine = text.split('\n', 1)[0] ?? '';
  if (!firstLine.toLowerCase().includes('tipo variazione')) return null;
  const read = readCsvRecords(text, detectDelimiter(text));
  const [header, ...records] = read.records;
  if (!header || !isChangesHeader(header.fields)) return null;
  const { events, skipped, issues } = readChangeEvents(header.fields, records);
  if (read.issues.length + issues.length > 0) return { ok: false, issues: [...read.issues, ...issues].sort(compareIssues) };
  const run = async (tx: ImportClient): Promise<EntityImportOutcome> => {
    const plan = await planChanges(tx, events);
    if (plan.issues.length > 0) return { ok: false, issues: plan.issues.sort(compareIssues) };
    if (!options.dryRun) await applyChanges(tx, plan);
    const touched = new Set([...plan.codeUpdates.map((u) => u.entityId), ...plan.successions.map((s) => s.entityId)]);
    return {
      ok: true,
      dryRun: options.dryRun,
      layout: 'ISTAT_CHANGES',
      counts: {
        rows: records.length,
        created: 0,
        updated: touched.size,
        unchanged: 0,
        populationsRecorded: 0,
        membershipsAdded: 0,
        codeChanges: plan.codeChanges.length,
        ceased: plan.successions.length,
        skipped: skipped + plan.notInGea,
      },
    };
  };
  return options.withinTransaction ? run(prisma) : prisma.$transaction(run, TRANSACTION);
}
