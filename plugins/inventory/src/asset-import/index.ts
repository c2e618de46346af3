// Import of assets from CSV (the columns assetsCsv writes, so that an export of one GEA imports into
// another): parse.ts reads the shape, validate.ts checks every value, apply.ts matches and writes.
import { formatIssue, GeaError, isoDate, today as todayDate, type GeaContext, type ImportIssue } from '@gea/core';
import { applyAssetImportPlan, countsOf, planAssetImport, type AssetImportCounts } from './apply.ts';
import { checkAssetCsv } from './validate.ts';
import type { AssetImportProgress } from './progress.ts';

export { assetColumns, MAX_CSV_CHARACTERS, MAX_ROWS } from './parse.ts';
export { checkAssetCsv } from './validate.ts';
export type { AssetImportCounts } from './apply.ts';
export { assetImportProgress, PROGRESS_ID, type AssetImportProgress, type AssetImportProgressEvent } from './progress.ts';

/** The file cannot be imported as it is; nothing was written. One issue per problem found. */
export class AssetImportError extends GeaError {
  readonly issues: ImportIssue[];
  constructor(issues: ImportIssue[]) {
    const sorted = [...issues].sort((a, b) => a.line - b.line);
    const shown = sorted.slice(0, 3).map(formatIssue).join('; ');
    super('BAD_USER_INPUT', `the file has ${sorted.length} problem(s), nothing was imported: ${shown}${sorted.length > 3 ? '; ...' : ''}`);
    this.issues = sorted;
  }
}

export type AssetImportOutcome =
  | { ok: true; dryRun: boolean; counts: AssetImportCounts; /** Bodies the file's rows belong to. */ entityIds: string[] }
  | { ok: false; issues: ImportIssue[] };

export interface ImportAssetsOptions {
  /** Check everything and count what would change, write nothing. */
  dryRun?: boolean;
  /** `YYYY-MM-DD`: when status changes take effect (default: today, as changeAssetStatus). */
  today?: string;
  /** How far the import is: checking the rows, then writing them. */
  onProgress?: (progress: AssetImportProgress) => void;
}

/**
 * Checks a whole file (shape, values, then bodies, rights, sites and stored assets) and, when it has
 * no problem at all, writes it: all or nothing. Every problem is reported with its line and column.
 * Runs in the transaction of the mutation calling it (`context.prisma`), so that what it checked
 * still holds when it writes, and a failure half-way undoes everything with the audit record.
 */
export async function importAssets(context: GeaContext, csv: string, options: ImportAssetsOptions = {}): Promise<AssetImportOutcome> {
  if (context.prisma === context.db) throw new Error('importAssets runs inside a mutation\'s transaction');
  const { dryRun = false, today = isoDate(todayDate()), onProgress } = options;
  const checked = checkAssetCsv(csv);
  onProgress?.({ phase: 'CHECKING', done: 0, total: checked.rowCount });
  // Valid rows are still checked against the database, so one pass reports every problem.
  const plan = await planAssetImport(context, checked.rows, today);
  const issues = [...checked.issues, ...plan.issues].sort((a, b) => a.line - b.line);
  onProgress?.({ phase: 'CHECKING', done: checked.rowCount, total: checked.rowCount });
  if (issues.length > 0) return { ok: false, issues };
  if (!dryRun) await applyAssetImportPlan(context, plan, onProgress && ((done, total) => onProgress({ phase: 'WRITING', done, total })));
  return { ok: true, dryRun, counts: countsOf(plan, checked.rowCount), entityIds: plan.entityIds };
}
