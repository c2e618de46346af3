// Import of public bodies from a CSV file in the style of data/entities.csv (ISTAT/IPA open data):
// parse.ts reads the shape, validate.ts checks every value, apply.ts matches and writes.
import type { GeaPrismaClient } from '@gea/db';
import { ConflictError, prismaErrorCode } from '../errors.ts';
import { applyEntityImportPlan, countsOf, italianToday, planEntityImport, type ImportClient } from './apply.ts';
import { compareIssues, type EntityImportCounts, type ImportIssue, type ImportProgress } from './issues.ts';
import { checkEntityCsv } from './validate.ts';

export { checkEntityCsv } from './validate.ts';
export { parseEntityCsv, populationReferenceDate } from './parse.ts';
export { planEntityImport, applyEntityImportPlan, countsOf, italianToday } from './apply.ts';
export * from './issues.ts';

export interface ImportEntitiesOptions {
  /** Check everything and count what would change, write nothing. */
  dryRun?: boolean;
  onProgress?: ImportProgress;
  /** The day new memberships start (default: today in Italy). */
  today?: Date;
}

export type EntityImportOutcome =
  | { ok: true; dryRun: boolean; counts: EntityImportCounts }
  | { ok: false; issues: ImportIssue[] };

/** A large file on PGlite takes a while; the default 5 s of an interactive transaction does not fit it. */
const TRANSACTION = { maxWait: 10_000, timeout: 600_000 } as const;

/**
 * Runs fn in one interactive transaction, or in the caller's when the client already is one (a
 * transaction client has no `$transaction`): either way, a failure half-way leaves nothing written.
 */
async function inTransaction<T>(prisma: GeaPrismaClient | ImportClient, fn: (tx: ImportClient) => Promise<T>): Promise<T> {
  if ('$transaction' in prisma && typeof prisma.$transaction === 'function') {
    return (prisma as GeaPrismaClient).$transaction((tx) => fn(tx), TRANSACTION);
  }
  return fn(prisma);
}

/**
 * Checks a whole file (shape, values, duplicates, then what depends on the database) and, when it
 * has no problem at all, writes it in one transaction. Every problem is reported with its line.
 */
export async function importEntities(
  prisma: GeaPrismaClient | ImportClient,
  csv: string,
  options: ImportEntitiesOptions = {},
): Promise<EntityImportOutcome> {
  const { dryRun = false, onProgress, today = italianToday() } = options;
  const checked = checkEntityCsv(csv, onProgress);
  if (checked.issues.length > 0) {
    // Still check the valid rows against the database, so one pass reports every problem.
    const plan = checked.rows.length > 0 ? await planEntityImport(prisma, checked.rows, today) : null;
    return { ok: false, issues: [...checked.issues, ...(plan?.issues ?? [])].sort(compareIssues) };
  }
  if (dryRun) {
    const plan = await planEntityImport(prisma, checked.rows, today);
    if (plan.issues.length > 0) return { ok: false, issues: plan.issues.sort(compareIssues) };
    return { ok: true, dryRun: true, counts: countsOf(plan, checked.rowCount) };
  }
  try {
    return await inTransaction(prisma, async (tx): Promise<EntityImportOutcome> => {
      // Planned inside the transaction, so the matches it relies on still hold when writing.
      const plan = await planEntityImport(tx, checked.rows, today);
      if (plan.issues.length > 0) return { ok: false, issues: plan.issues.sort(compareIssues) };
      await applyEntityImportPlan(tx, plan, onProgress);
      return { ok: true, dryRun: false, counts: countsOf(plan, checked.rowCount) };
    });
  } catch (error) {
    if (prismaErrorCode(error) === 'P2002') {
      throw new ConflictError('another change to the same bodies was saved while importing; nothing was imported, try again');
    }
    throw error;
  }
}
