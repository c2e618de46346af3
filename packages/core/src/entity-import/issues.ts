import type { EntityKind } from '@gea/db';
import { GeaError } from '../errors.ts';

/** One problem of an import file: its 1-based line in the file, the column when there is one, and why. */
export interface ImportIssue {
  line: number;
  column: string | null;
  message: string;
}

/** A population figure of a row: the resident population at 31 December of a year. */
export interface PopulationFigure {
  /** `YYYY-12-31`. */
  referenceDate: string;
  population: number;
  /** The header it came from (`population_2021_01_01`), for messages and the stored source. */
  column: string;
}

/**
 * A valid row. `null` means the file gives no value (empty cell or absent column): an existing body
 * keeps what it has, so a file with blanks never erases data entered by hand.
 */
export interface EntityImportRow {
  line: number;
  kind: EntityKind;
  name: string;
  istatCode: string | null;
  cadastralCode: string | null;
  province: string | null;
  taxCode: string | null;
  ipaCode: string | null;
  pec: string | null;
  /** Name of the association (Unione, convention) the body belongs to. */
  memberOf: string | null;
  populations: PopulationFigure[];
  /** A merger: the day the body ceased (YYYY-MM-DD) and the ISTAT code of its successor; both or neither. */
  ceasedOn?: string | null;
  successorIstatCode?: string | null;
}

export interface EntityImportCounts {
  /** Data rows in the file. */
  rows: number;
  created: number;
  /** Existing bodies of which at least one field changed. */
  updated: number;
  /** Existing bodies the file leaves as they are (their populations and memberships may still change). */
  unchanged: number;
  /** Population figures created or changed (one per body and reference date). */
  populationsRecorded: number;
  membershipsAdded: number;
  /** Code changes recorded as history (a municipality that moved province: new ISTAT code, same cadastral code). */
  codeChanges: number;
  /** Bodies recorded as ceased, with their successor (mergers). */
  ceased: number;
  /** Rows of a published file about bodies GEA does not keep (IPA categories other than municipalities, provinces, unions). */
  skipped: number;
}

export type ImportPhase = 'validate' | 'apply';
/** Called as work advances: `done` of `total` steps of a phase (rows checked, writes done). */
export type ImportProgress = (phase: ImportPhase, done: number, total: number) => void;

export function compareIssues(a: ImportIssue, b: ImportIssue): number {
  return a.line - b.line;
}

export function formatIssue(issue: ImportIssue): string {
  return `line ${issue.line}: ${issue.message}`;
}

/** The file cannot be imported as it is; nothing was written. One issue per problem found. */
export class EntityImportError extends GeaError {
  readonly issues: ImportIssue[];
  constructor(issues: ImportIssue[]) {
    const sorted = [...issues].sort(compareIssues);
    const shown = sorted.slice(0, 3).map(formatIssue).join('; ');
    super(
      'BAD_USER_INPUT',
      `the file has ${sorted.length} problem(s), nothing was imported: ${shown}${sorted.length > 3 ? '; ...' : ''}`,
    );
    this.issues = sorted;
  }
}
